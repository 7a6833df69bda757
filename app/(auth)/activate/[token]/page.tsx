import type { Metadata } from 'next'
import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { notFound } from 'next/navigation'
import { viewActivation } from '@/lib/onboarding/service'
import { getRuntime } from '@/lib/runtime'
import { checkLimit, waitMinutes } from '@/lib/security/limits'
import { requestAddressKey } from '@/lib/security/request-address'
import { TooManyTries } from '@/app/_components/too-many-tries'
import { ActivateForm } from './activate-form'
import '@/app/(issuer)/_components/issuer.css'

// The URL carries a secret: no Referer leaves this page (next.config.ts sends the header too).
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('onboarding.activate')
  return { title: t('metaTitle'), referrer: 'no-referrer', robots: { index: false, follow: false } }
}

export default async function ActivatePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params
  const rt = await getRuntime()
  // Per client address, before the link is looked up: links are secrets, guessing them is slow.
  const limited = await checkLimit(rt, 'link', await requestAddressKey(rt))
  if (limited) return <TooManyTries minutes={waitMinutes(limited.retryAfterSeconds)} youth />
  const view = await viewActivation(rt, token)
  if (view.status !== 'valid') notFound()
  const t = await getTranslations('onboarding.activate')
  return (
    <main id="content" className="page page--narrow">
      <div className="card iss-welcome">
        <h1>{t('title', { name: view.firstName })}</h1>
        <p className="iss-welcome__lead">{t('lead')}</p>
        <p className="iss-welcome__username">{t('username')} <strong>{view.username}</strong></p>
        <p className="field__hint">{t('usernameHint')}</p>
        <ActivateForm token={token} />
        <p className="iss-welcome__aside">{t('already')} <Link href="/sign-in">{t('signIn')}</Link></p>
      </div>
    </main>
  )
}
