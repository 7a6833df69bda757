import type { Metadata } from 'next'
import Link from 'next/link'
import { getFormatter, getTranslations } from 'next-intl/server'
import { requireRole } from '@/lib/auth/guards'
import { listYoungPeople } from '@/lib/onboarding/service'
import { getRuntime } from '@/lib/runtime'
import { RenewLink } from './renew-link'
import { PageHeader } from '@/app/_components/page-header'

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('onboarding.youngPeople.list')
  return { title: t('title') }
}

export default async function YoungPeoplePage() {
  const user = await requireRole('counsellor', 'tutor')
  const [t, format, people] = await Promise.all([
    getTranslations('onboarding.youngPeople.list'), getFormatter(), listYoungPeople(await getRuntime(), user),
  ])
  return (
    <main id="content" className="page">
      <PageHeader title={t('title')} intro={t('intro', { organisation: user.organisationName ?? '' })}>
        <Link className="button button--primary" href="/issuer/young-people/new">{t('add')}</Link>
      </PageHeader>
      {people.length === 0 ? (
        <div className="empty-state">
          <h2>{t('empty.title')}</h2>
          <p>{t('empty.text')}</p>
          <div className="actions iss-center"><Link className="button button--primary" href="/issuer/young-people/new">{t('add')}</Link></div>
        </div>
      ) : (
        <ul className="iss-people" aria-label={t('title')}>
          {people.map((p) => (
            <li key={p.id} className="card iss-person">
              <div className="iss-person__head">
                <h2 className="iss-person__name">{p.displayName}</h2>
                <p className="iss-person__username">{t('username', { username: p.username })}</p>
              </div>
              <ul className="iss-person__facts">
                <li><span className="pill pill--info">{p.hasWallet ? t('wallet.yes') : t('wallet.no')}</span></li>
                <li>
                  <span className={`pill ${p.activated ? 'pill--passed' : 'pill--unchecked'}`}>{p.activated ? t('activated') : t('notActivated')}</span>
                </li>
                <li className="iss-person__count">{t('credentials', { count: p.credentialCount })}</li>
              </ul>
              {!p.activated && p.linkExpiresAt && (
                <p className="field__hint">{t('linkUntil', { date: format.dateTime(new Date(p.linkExpiresAt), { dateStyle: 'long' }) })}</p>
              )}
              {!p.activated && !p.linkExpiresAt && p.onboardedHere && <p className="field__hint">{t('noLink')}</p>}
              <div className="iss-person__actions">
                {p.hasWallet && (
                  <Link className="button button--primary button--small" href={`/issuer/issue?holder=${encodeURIComponent(p.id)}`}>{t('issue')}</Link>
                )}
                {!p.activated && p.onboardedHere && <RenewLink userId={p.id} name={p.displayName} hasOpenLink={Boolean(p.linkExpiresAt)} />}
              </div>
            </li>
          ))}
        </ul>
      )}
    </main>
  )
}
