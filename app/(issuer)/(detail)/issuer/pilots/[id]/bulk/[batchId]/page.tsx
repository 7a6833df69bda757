import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getTranslations } from 'next-intl/server'
import { requireRole } from '@/lib/auth/guards'
import { encodingLabel } from '@/lib/bulk/encoding'
import { batchSample } from '@/lib/bulk/sample'
import { getBatch, type BulkRowDto } from '@/lib/bulk/service'
import { AppError } from '@/lib/errors'
import { getRuntime } from '@/lib/runtime'
import { retryFailedAction } from '@/app/(issuer)/issuer/pilots/actions'
import styles from '@/app/(issuer)/issuer/pilots/pilots.module.css'
import { IssueRunner } from '@/app/(issuer)/issuer/pilots/[id]/bulk/[batchId]/issue-runner'
import { RepeatsSection } from '@/app/(issuer)/issuer/pilots/[id]/bulk/[batchId]/repeats-section'
import { SampleTable } from '@/app/(issuer)/issuer/pilots/[id]/bulk/[batchId]/sample-table'
import { PageHeader } from '@/app/_components/page-header'

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('pilots.batch')
  return { title: t('title') }
}

const STATUS_PILL: Record<BulkRowDto['status'], string> = { ready: 'pill--info', invalid: 'pill--failed', issued: 'pill--passed', failed: 'pill--failed', skipped: 'pill--unchecked' }
const DELIMITERS: Record<string, 'comma' | 'semicolon' | 'tab'> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' }

export default async function BatchPage({ params, searchParams }: { params: Promise<{ id: string; batchId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireRole('counsellor')
  const [{ id, batchId }, sp] = await Promise.all([params, searchParams])
  const [t, te, tc] = await Promise.all([getTranslations('pilots.batch'), getTranslations('pilots.errors'), getTranslations('pilots.columnNames')])
  const rt = await getRuntime()
  const [batch, sample] = await Promise.all([getBatch(rt, user, batchId), batchSample(rt, user, batchId)]).catch((e) => {
    if (e instanceof AppError && e.code === 'NOT_FOUND') notFound()
    throw e
  })
  if (batch.pilotId !== id) notFound()
  const repeats = batch.rows.filter((r) => r.duplicate)
  const cell = (label: string) => t('cell', { label })
  const base = `/issuer/pilots/${encodeURIComponent(batch.pilotId)}`
  const problems = batch.rows.filter((r) => r.status === 'invalid' || r.status === 'failed')
  const why = (r: BulkRowDto) => r.errors.map((e) => {
    const [key = 'invalid', n] = e.key.split(':')
    const text = te.has(key) ? te(key, { n: Number(n ?? 0) }) : te('invalid')
    return { column: tc(e.column), text }
  })
  const counts = batch
  return (
    <main id="content" className="page">
      <p><Link href={base}>{t('back')}</Link></p>
      <PageHeader eyebrow={batch.fileName ?? user.organisationName} title={t('title')} intro={batch.status === 'previewed' ? t('previewIntro') : undefined} />
      {batch.encoding && (
        <div className={styles.readAs} data-testid="read-as">
          <p><strong>{t('readAs', { encoding: encodingLabel(batch.encoding), delimiter: t(`delimiters.${DELIMITERS[batch.delimiter ?? ','] ?? 'comma'}`) })}</strong></p>
          {batch.status === 'previewed' && <p>{t('readAsHint')}</p>}
        </div>
      )}

      <ul className={styles.counts} aria-label={t('countsLabel')}>
        <li className="pill pill--info">{t('total', { count: counts.total })}</li>
        {batch.status === 'previewed' && <li className="pill pill--ok">{t('ready', { count: counts.ready })}</li>}
        {batch.status !== 'previewed' && <li className="pill pill--passed">{t('issued', { count: counts.issued })}</li>}
        {counts.skipped > 0 && <li className="pill pill--unchecked">{t('skipped', { count: counts.skipped })}</li>}
        {counts.invalid > 0 && <li className="pill pill--failed">{t('invalid', { count: counts.invalid })}</li>}
        {counts.failed > 0 && <li className="pill pill--failed">{t('failed', { count: counts.failed })}</li>}
      </ul>

      {batch.status === 'done' && (
        <div className="alert alert--success" role="status">
          <strong>{t('doneTitle')}</strong> {t('doneText', { issued: batch.issued, notIssued: batch.invalid + batch.failed })}
        </div>
      )}
      {batch.status !== 'done' && batch.ready === 0 && batch.issued === 0 && batch.skipped === 0 && <p className="alert alert--warning">{t('nothingToIssue')}</p>}
      <IssueRunner initial={{ batchId: batch.batchId, status: batch.status, total: batch.total, ready: batch.ready, issued: batch.issued, failed: batch.failed, invalid: batch.invalid, skipped: batch.skipped }} autoResume={sp.resume === '1'} />

      {sample.rows.length > 0 && <SampleTable rows={sample.rows} ready={sample.ready} />}
      {repeats.length > 0 && <RepeatsSection pilotId={batch.pilotId} batchId={batch.batchId} rows={repeats} saved={sp.chosen === '1'} />}

      <section className={styles.section} aria-labelledby="problems-title">
        <h2 id="problems-title">{batch.status === 'done' ? t('problemsTitleDone') : t('problemsTitle')}</h2>
        {problems.length === 0 ? <p>{t('noProblems')}</p> : (
          <div className={styles.tableWrap} tabIndex={0} role="region" aria-labelledby="problems-title">
            <table className={`${styles.table} ${styles.stack}`}>
              <thead><tr><th scope="col">{t('row')}</th><th scope="col">{t('person')}</th><th scope="col">{t('skill')}</th><th scope="col">{t('why')}</th></tr></thead>
              <tbody>
                {problems.map((r) => (
                  <tr key={r.rowNumber} data-row={r.rowNumber}>
                    <th scope="row">{t('rowNumber', { n: r.rowNumber })}</th>
                    <td data-label={cell(t('person'))}>{r.displayName ?? r.person}</td>
                    <td data-label={cell(t('skill'))}>{r.skill}</td>
                    <td data-label={cell(t('why'))}><ul className={styles.why}>{why(r).map((w, i) => <li key={i}>{cell(w.column)} {w.text}</li>)}</ul></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {batch.failed > 0 && batch.status === 'done' && (
          <form action={retryFailedAction}>
            <input type="hidden" name="pilotId" value={batch.pilotId} />
            <input type="hidden" name="batchId" value={batch.batchId} />
            <button type="submit" className="button button--secondary">{t('retry')}</button>
          </form>
        )}
      </section>

      {batch.status !== 'previewed' && (
        <section className={styles.section} aria-labelledby="report-title">
          <h2 id="report-title">{t('reportTitle')}</h2>
          <p><a className="button button--secondary" href={`${base}/bulk/${encodeURIComponent(batch.batchId)}/report.csv`} download>{t('downloadReport')}</a></p>
          <details className="disclosure">
            <summary>{t('reportTitle')}</summary>
            <div className={styles.tableWrap} tabIndex={0} role="region" aria-labelledby="report-title">
              <table className={`${styles.table} ${styles.stack}`}>
                <thead><tr><th scope="col">{t('row')}</th><th scope="col">{t('person')}</th><th scope="col">{t('skill')}</th><th scope="col">{t('status')}</th><th scope="col">{t('view')}</th></tr></thead>
                <tbody>
                  {batch.rows.map((r) => (
                    <tr key={r.rowNumber}>
                      <th scope="row">{t('rowNumber', { n: r.rowNumber })}</th>
                      <td data-label={cell(t('person'))}>{r.displayName ?? r.person}</td>
                      <td data-label={cell(t('skill'))}>{r.skill}</td>
                      <td data-label={cell(t('status'))}><span className={`pill ${STATUS_PILL[r.status]}`}>{t(`statuses.${r.status}`)}</span></td>
                      <td data-label={cell(t('view'))}>{r.credentialId ? <Link href={`/issuer/issued?issued=${encodeURIComponent(r.credentialId)}`} aria-label={t('viewCredential', { row: r.rowNumber })}>{t('view')}</Link> : why(r).map((w) => w.text).join(' ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </section>
      )}
      {batch.status === 'previewed' && <p><Link href={`${base}/bulk`}>{t('newBatch')}</Link></p>}
    </main>
  )
}
