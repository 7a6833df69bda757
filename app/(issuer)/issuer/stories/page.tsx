import type { Metadata } from 'next'
import Link from 'next/link'
import { getFormatter, getTranslations } from 'next-intl/server'
import { requireRole } from '@/lib/auth/guards'
import { staffOrganisationStanding } from '@/lib/orgs/standing'
import { withElision } from '@/lib/i18n/elision'
import { getRuntime } from '@/lib/runtime'
import { listStoryRequests, type StoryDto } from '@/lib/stories/service'
import { RegistryBanner } from '../registry-banner'
import styles from './stories.module.css'
import { PageHeader } from '@/app/_components/page-header'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('stories'))('attester.title') }
}

const DONE = ['proposed', 'declined', 'issued'] as const

export default async function StoryRequestsPage({ searchParams }: { searchParams: Promise<{ done?: string }> }) {
  const user = await requireRole('counsellor', 'tutor')
  const rt = await getRuntime()
  const [t, format, { requested, waiting }, standing, { done }] = await Promise.all([
    getTranslations('stories'), getFormatter(), listStoryRequests(rt, user), staffOrganisationStanding(rt, user), searchParams,
  ])
  const doneKey = DONE.find((d) => d === done)
  const item = (s: StoryDto) => (
    <li key={s.id} className={`card ${styles.item}`}>
      <h3 className={styles.itemTitle}>
        <Link href={`/issuer/stories/${s.id}`} aria-label={t('attester.openStory', { ...withElision(s.youthName), skill: s.skillLabel })}>{s.youthName}</Link>
      </h3>
      <p className={styles.skill}>{s.skillLabel}</p>
      {s.requestedAt && <p className={styles.muted}>{t('attester.requestedOn', { date: format.dateTime(new Date(s.requestedAt), { dateStyle: 'medium' }) })}</p>}
    </li>
  )
  return (
    <main id="content" className="page">
      <PageHeader eyebrow={user.organisationName} title={t('attester.title')} intro={t('attester.intro')} />
      {doneKey && <p className="alert alert--success" role="status">{t(`attester.done.${doneKey}`)}</p>}
      {!standing.mayIssue && <RegistryBanner standing={standing} />}
      <section aria-labelledby="queue-title">
        <h2 id="queue-title" className="iss-section-title">{t('attester.count', { count: requested.length })}</h2>
        {requested.length === 0 ? <p className={styles.muted}>{t('attester.empty')}</p> : (
          <ul className={styles.list} aria-label={t('attester.listLabel')}>{requested.map(item)}</ul>
        )}
      </section>
      {waiting.length > 0 && (
        <section aria-labelledby="waiting-title" className={styles.section}>
          <h2 id="waiting-title" className="iss-section-title">{t('attester.waitingTitle')}</h2>
          <ul className={styles.list}>{waiting.map(item)}</ul>
        </section>
      )}
    </main>
  )
}
