import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { notFound } from 'next/navigation'
import { viewInvitation } from '@/lib/onboarding/service'
import { getRuntime } from '@/lib/runtime'
import { checkLimit, waitMinutes } from '@/lib/security/limits'
import { requestAddressKey } from '@/lib/security/request-address'
import { TooManyTries } from '@/app/_components/too-many-tries'
import { JoinForm } from './join-form'
import '@/app/(issuer)/_components/issuer.css'

// The URL carries a secret: no Referer leaves this page (next.config.ts sends the header too).
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('onboarding.join')
  return { title: t('metaTitle'), referrer: 'no-referrer', robots: { index: false, follow: false } }
}

export default async function JoinPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params
  const rt = await getRuntime()
  // Per client address, before the link is looked up: links are secrets, guessing them is slow.
  const limited = await checkLimit(rt, 'link', await requestAddressKey(rt))
  if (limited) return <TooManyTries minutes={waitMinutes(limited.retryAfterSeconds)} />
  const view = await viewInvitation(rt, token)
  if (view.status !== 'valid') notFound()
  const [t, tr] = await Promise.all([getTranslations('onboarding.join'), getTranslations('onboarding.roleInline')])
  return (
    <main id="content" className="page page--narrow">
      <div className="card iss-welcome">
        <h1>{t('title', { organisation: view.organisationName })}</h1>
        <p className="iss-welcome__lead">{t('lead', { role: tr.has(view.role) ? tr(view.role) : view.role, organisation: view.organisationName })}</p>
        <JoinForm token={token} email={view.email} />
      </div>
    </main>
  )
}
