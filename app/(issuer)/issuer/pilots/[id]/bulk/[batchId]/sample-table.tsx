import { getFormatter, getTranslations } from 'next-intl/server'
import type { SampleRowDto } from '@/lib/bulk/sample'
import styles from '../../../pilots.module.css'

/** Ready rows exactly as they will be signed: the words come from each unsigned credential, in its own language. */
export async function SampleTable({ rows, ready }: { rows: SampleRowDto[]; ready: number }) {
  const [t, tc, format] = await Promise.all([getTranslations('pilots.batch'), getTranslations('common'), getFormatter()])
  const cell = (label: string) => t('cell', { label })
  const date = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'long', timeZone: 'UTC' })
  return (
    <section className={styles.section} aria-labelledby="sample-title">
      <h2 id="sample-title">{t('sampleTitle')}</h2>
      <p>{t('sampleIntro', { shown: rows.length, ready, all: rows.length === ready ? 'yes' : 'no' })}</p>
      <div className={styles.tableWrap} tabIndex={0} role="region" aria-labelledby="sample-title">
        <table className={`${styles.table} ${styles.stack} ${styles.words}`}>
          <thead>
            <tr>
              <th scope="col">{t('row')}</th><th scope="col">{t('person')}</th><th scope="col">{t('skill')}</th><th scope="col">{tc('levels.label')}</th>
              <th scope="col">{tc('evidence.label')}</th><th scope="col">{t('observation')}</th><th scope="col">{t('validUntil')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.rowNumber} data-sample-row={r.rowNumber}>
                <th scope="row">{t('rowNumber', { n: r.rowNumber })}</th>
                <td data-label={cell(t('person'))}>{r.displayName} <span className={styles.code}>@{r.username}</span></td>
                <td data-label={cell(t('skill'))} lang={r.language}>{r.skill}</td>
                <td data-label={cell(tc('levels.label'))} lang={r.language}>{r.level}</td>
                <td data-label={cell(tc('evidence.label'))} lang={r.language}>{r.evidence}</td>
                <td data-label={cell(t('observation'))} lang={r.language}>{r.criteria}</td>
                <td data-label={cell(t('validUntil'))}>{r.validUntil ? date(r.validUntil) : t('noEnd')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
