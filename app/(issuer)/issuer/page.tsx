import type { Metadata } from 'next'
import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { requireRole } from '@/lib/auth/guards'
import { issuerSummary } from '@/lib/issuing/queries'
import { listInvitations, listYoungPeople } from '@/lib/onboarding/service'
import { staffOrganisationStanding } from '@/lib/orgs/standing'
import { getRuntime } from '@/lib/runtime'
import { listStoryRequests } from '@/lib/stories/service'
import { RegistryBanner } from './registry-banner'
import { PageHeader } from '@/app/_components/page-header'

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('issuer.home')
  return { title: t('metaTitle') }
}

const TASKS = [
  { key: 'youngPeople', href: '/issuer/young-people/new' },
  { key: 'issue', href: '/issuer/issue' },
  { key: 'issued', href: '/issuer/issued' },
] as const

export default async function IssuerHomePage() {
  const user = await requireRole('counsellor', 'tutor')
  const rt = await getRuntime()
  const [t, people, summary, invitations, standing, stories] = await Promise.all([
    getTranslations('issuer.home'), listYoungPeople(rt, user), issuerSummary(rt, user), listInvitations(rt, user), staffOrganisationStanding(rt, user), listStoryRequests(rt, user),
  ])
  const waiting = people.filter((p) => !p.activated && p.onboardedHere).length
  return (
    <main id="content" className="page">
      <PageHeader eyebrow={user.organisationName} title={t('title', { name: user.displayName.split(/\s+/)[0] ?? user.displayName })} intro={t('intro')} />
      <RegistryBanner standing={standing} />

      <ul className="iss-stats" aria-label={t('statsLabel')}>
        <li><Link href="/issuer/young-people"><strong>{people.length}</strong> {t('stats.youngPeople', { count: people.length })}</Link></li>
        <li><Link href="/issuer/young-people"><strong>{waiting}</strong> {t('stats.waiting', { count: waiting })}</Link></li>
        <li><Link href="/issuer/stories"><strong>{stories.requested.length}</strong> {t('stats.stories', { count: stories.requested.length })}</Link></li>
        <li><Link href="/issuer/issued"><strong>{summary.issued}</strong> {t('stats.issued', { count: summary.issued })}</Link></li>
        <li><Link href="/issuer/team"><strong>{invitations.length}</strong> {t('stats.invitations', { count: invitations.length })}</Link></li>
      </ul>

      <h2 className="iss-section-title">{t('tasksTitle')}</h2>
      <ul className="iss-tasks">
        {TASKS.map((task, i) => (
          <li key={task.key} className="card iss-task">
            <span className="iss-task__number" aria-hidden="true">{i + 1}</span>
            <h3>{t(`tasks.${task.key}.title`)}</h3>
            <p>{t(`tasks.${task.key}.text`)}</p>
            {task.key === 'issue' && !standing.mayIssue
              ? <p className="field__hint iss-task__action">{t('tasks.issue.notYet')}</p>
              : <Link className="button button--primary iss-task__action" href={task.href}>{t(`tasks.${task.key}.action`)}</Link>}
          </li>
        ))}
      </ul>

      <p className="iss-more">
        <Link href="/issuer/young-people">{t('links.youngPeople')}</Link>
        <Link href="/issuer/team">{t('links.team')}</Link>
      </p>
    </main>
  )
}
