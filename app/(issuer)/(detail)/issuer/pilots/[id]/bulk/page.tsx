import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getTranslations } from 'next-intl/server'
import { requireRole } from '@/lib/auth/guards'
import { BULK_COLUMNS, REQUIRED_COLUMNS } from '@/lib/bulk/csv'
import { AppError } from '@/lib/errors'
import { getPilot } from '@/lib/pilots/service'
import { getRuntime } from '@/lib/runtime'
import styles from '@/app/(issuer)/issuer/pilots/pilots.module.css'
import { SelectionForm } from '@/app/(issuer)/issuer/pilots/[id]/bulk/selection-form'
import { UploadForm } from '@/app/(issuer)/issuer/pilots/[id]/bulk/upload-form'
import { PageHeader } from '@/app/_components/page-header'

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('pilots.bulk')
  return { title: t('title') }
}

export default async function BulkPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireRole('counsellor')
  const { id } = await params
  const [t, tb] = await Promise.all([getTranslations('pilots.bulk'), getTranslations('pilots.batch')])
  const pilot = await getPilot(await getRuntime(), user, id).catch((e) => {
    if (e instanceof AppError && e.code === 'NOT_FOUND') notFound()
    throw e
  })
  const participants = pilot.members.filter((m) => m.role === 'youth' && m.hasWallet)
  return (
    <main id="content" className="page page--narrow">
      <p><Link href={`/issuer/pilots/${encodeURIComponent(pilot.id)}`}>{t('back')}</Link></p>
      <PageHeader eyebrow={pilot.name} title={t('title')} intro={t('intro')} />

      <section className={`card ${styles.section}`} aria-labelledby="csv-title">
        <h2 id="csv-title">{t('csvTitle')}</h2>
        <p>{t('csvIntro')}</p>
        <p><a className="button button--secondary" href="/issuer/pilots/template.csv" download>{t('template')}</a></p>
        <div className={styles.tableWrap} tabIndex={0} role="region" aria-label={t('columnsCaption')}>
          <table className={`${styles.table} ${styles.stack}`}>
            <caption className="visually-hidden">{t('columnsCaption')}</caption>
            <thead><tr><th scope="col">{t('column')}</th><th scope="col">{t('meaning')}</th></tr></thead>
            <tbody>
              {BULK_COLUMNS.map((c) => (
                <tr key={c}>
                  <th scope="row"><span className={styles.code}>{c}</span><br /><small>{REQUIRED_COLUMNS.includes(c) ? t('required') : t('optional')}</small></th>
                  <td data-label={tb('cell', { label: t('meaning') })}>{t(`columns.${c}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <UploadForm pilotId={pilot.id} />
      </section>

      <section className={`card ${styles.section}`} aria-labelledby="selection-title">
        <h2 id="selection-title">{t('selectionTitle')}</h2>
        <p>{t('selectionIntro')}</p>
        {participants.length === 0 ? <p>{t('noParticipants')}</p> : <SelectionForm pilotId={pilot.id} participants={participants} />}
      </section>
    </main>
  )
}
