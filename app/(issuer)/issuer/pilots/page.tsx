import type { Metadata } from 'next'
import Link from 'next/link'
import { getFormatter, getTranslations } from 'next-intl/server'
import { requireRole } from '@/lib/auth/guards'
import { staffOrganisationStanding } from '@/lib/orgs/standing'
import { listPilots } from '@/lib/pilots/service'
import { getRuntime } from '@/lib/runtime'
import { RegistryBanner } from '../registry-banner'
import styles from './pilots.module.css'
import { PageHeader } from '@/app/_components/page-header'

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('pilots.list')
  return { title: t('title') }
}

const day = (d: string) => new Date(`${d}T12:00:00Z`)

export default async function PilotsPage() {
  const user = await requireRole('counsellor')
  const rt = await getRuntime()
  const [t, format, standing] = await Promise.all([getTranslations('pilots.list'), getFormatter(), staffOrganisationStanding(rt, user)])
  const pilots = standing.mayIssue ? await listPilots(rt, user) : []
  return (
    <main id="content" className="page">
      <PageHeader eyebrow={user.organisationName} title={t('title')} intro={t('intro')}>
        {standing.mayIssue && <Link className="button button--primary" href="/issuer/pilots/new">{t('new')}</Link>}
      </PageHeader>
      {!standing.mayIssue ? (
        <>
          <RegistryBanner standing={standing} />
          <p>{t('notApproved')}</p>
        </>
      ) : pilots.length === 0 ? (
        <div className="empty-state"><p>{t('empty')}</p></div>
      ) : (
        <ul className={styles.list} aria-label={t('title')}>
          {pilots.map((p) => (
            <li key={p.id} className={`card ${styles.item}`}>
              <h2 className={styles.name}><Link href={`/issuer/pilots/${encodeURIComponent(p.id)}`}>{p.name}</Link></h2>
              <p className={styles.meta}>
                {t('period', { start: format.dateTime(day(p.startsOn), { dateStyle: 'medium' }), end: format.dateTime(day(p.endsOn), { dateStyle: 'medium' }) })}
                {p.region ? ` · ${p.region}` : ''}
              </p>
              <p className={styles.meta}>{t('youthCount', { count: p.youthCount })}</p>
            </li>
          ))}
        </ul>
      )}
    </main>
  )
}
