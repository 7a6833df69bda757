import Link from 'next/link'
import { getTranslations } from 'next-intl/server'

/** Why this recruiter cannot use the directory (no organisation, pending or suspended). */
export async function AccessDenied({ reason }: { reason: 'no_organisation' | 'pending' | 'suspended' }) {
  const t = await getTranslations('directory.access')
  return (
    <main id="content" className="page page--narrow">
      <h1>{t('title')}</h1>
      <p className="alert alert--warning">{t(reason)}</p>
      <p><Link href="/verify">{t('verify')}</Link></p>
    </main>
  )
}
