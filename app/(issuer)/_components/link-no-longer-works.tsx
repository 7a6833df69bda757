import Link from 'next/link'
import { getTranslations } from 'next-intl/server'

/**
 * An unknown, used or expired one-time link: one page for all three, so that it reveals nothing
 * about which it was. It says what to do instead.
 */
export async function LinkNoLongerWorks({ kind }: { kind: 'activation' | 'invitation' }) {
  const t = await getTranslations(`onboarding.linkInvalid.${kind}`)
  return (
    <main id="content" className="page page--narrow">
      <div className="card iss-status">
        <h1>{t('title')}</h1>
        <p>{t('text')}</p>
        <p>{t('next')}</p>
        <div className="actions">
          <Link className="button button--primary" href="/sign-in">{t('signIn')}</Link>
          <Link className="button button--secondary" href="/">{t('home')}</Link>
        </div>
      </div>
    </main>
  )
}
