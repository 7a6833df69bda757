import type { Metadata } from 'next'
import { getFormatter, getTranslations } from 'next-intl/server'
import { requireRole } from '@/lib/auth/guards'
import { listReportsForAdmin, type ReportDto } from '@/lib/contacts/reports'
import { getRuntime } from '@/lib/runtime'
import { ResolveForm } from './resolve-form'
import styles from './reports.module.css'
import { PageHeader } from '@/app/_components/page-header'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('admin'))('reports.title') }
}

/** Reports about recruiters: open ones first, with the conversation to judge by; resolved ones below. */
export default async function ReportsPage() {
  const user = await requireRole('admin')
  const [{ open, resolved }, t] = await Promise.all([listReportsForAdmin(await getRuntime(), user), getTranslations('admin.reports')])
  return (
    <main id="content" className="page">
      <PageHeader title={t('title')} intro={t('intro')} />
      {(['open', 'resolved'] as const).map((key) => {
        const group = key === 'open' ? open : resolved
        return (
          <section key={key} aria-labelledby={`reports-${key}`} className={styles.group} data-group={key}>
            <h2 id={`reports-${key}`}>{t(`groups.${key}`, { count: group.length })}</h2>
            {group.length === 0 ? <p className={styles.muted}>{t(`empty.${key}`)}</p> : (
              <ul className={styles.list}>{group.map((r) => <li key={r.id}><Report report={r} /></li>)}</ul>
            )}
          </section>
        )
      })}
    </main>
  )
}

async function Report({ report: r }: { report: ReportDto }) {
  const [t, format] = await Promise.all([getTranslations('admin.reports'), getFormatter()])
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'short' })
  return (
    <article className={`card ${styles.report}`} aria-labelledby={`report-${r.id}`}>
      <div className={styles.head}>
        <h3 id={`report-${r.id}`} className={styles.title}>{t('about', { name: r.recruiterName, organisation: r.organisationName ?? t('noOrganisation') })}</h3>
        <span className={`pill ${r.resolvedAt ? 'pill--passed' : 'pill--failed'}`}>{t(`reasons.${r.reason}`)}</span>
      </div>
      <p className={styles.muted}>{t('reportedBy', { name: r.reporterName ?? t('deletedAccount'), date: when(r.createdAt) })}</p>
      {r.details ? <blockquote className={styles.text}>{r.details}</blockquote> : <p className={styles.muted}>{t('noDetails')}</p>}
      {r.context ? (
        <details className={`disclosure ${styles.context}`} open={!r.resolvedAt}>
          <summary>{t('context.summary', { count: r.context.messages.length })}</summary>
          <dl className={styles.thread}>
            <div className={styles.recruiter}><dt>{t('context.request', { date: when(r.context.requestedAt) })}</dt><dd className={styles.text}>{r.context.requestMessage}</dd></div>
            {r.context.messages.map((m) => (
              <div key={m.id} className={m.from === 'recruiter' ? styles.recruiter : styles.youth}>
                <dt>{t(`context.from.${m.from}`, { date: when(m.createdAt) })}</dt>
                <dd className={styles.text}>{m.body}</dd>
              </div>
            ))}
          </dl>
        </details>
      ) : <p className={styles.muted}>{t('context.none')}</p>}
      {r.resolvedAt ? (
        <div className={styles.resolution}>
          <p><strong>{t('resolvedBy', { name: r.resolverName ?? t('deletedAccount'), date: when(r.resolvedAt) })}</strong></p>
          <p className={styles.text}>{r.resolutionNote}</p>
        </div>
      ) : <ResolveForm reportId={r.id} />}
    </article>
  )
}
