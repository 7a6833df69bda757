import { getFormatter, getTranslations } from 'next-intl/server'
import type { BulkRowDto } from '@/lib/bulk/service'
import { chooseRepeatsAction } from '../../../actions'
import styles from '../../../pilots.module.css'

/**
 * Rows that would repeat a badge: why (held since…, or same as row n) and, for each row not
 * issued yet, the counsellor's choice — skip (the default) or issue again on purpose; or one
 * choice for them all.
 */
export async function RepeatsSection({ pilotId, batchId, rows, saved }: { pilotId: string; batchId: string; rows: BulkRowDto[]; saved: boolean }) {
  const [t, format] = await Promise.all([getTranslations('pilots.batch'), getFormatter()])
  const cell = (label: string) => t('cell', { label })
  const why = (r: BulkRowDto) => r.duplicate?.kind === 'held'
    ? t('repeatHeld', { date: format.dateTime(new Date(r.duplicate.issuedAt), { dateStyle: 'long', timeZone: 'UTC' }) })
    : t('repeatRow', { n: r.duplicate?.kind === 'row' ? r.duplicate.row : 0 })
  const open = rows.filter((r) => r.status === 'skipped' || r.status === 'ready')
  const hidden = (
    <>
      <input type="hidden" name="pilotId" value={pilotId} />
      <input type="hidden" name="batchId" value={batchId} />
    </>
  )
  return (
    <section className={styles.section} aria-labelledby="repeats-title">
      <h2 id="repeats-title">{t('repeatsTitle')}</h2>
      <p>{t('repeatsIntro')}</p>
      {saved && <p className="alert alert--success" role="status">{t('choicesSaved')}</p>}
      {open.length > 1 && (
        <form action={chooseRepeatsAction} className={styles.inline}>
          {hidden}
          <button type="submit" name="intent" value="skipAll" className="button button--secondary">{t('skipAll')}</button>
          <button type="submit" name="intent" value="issueAll" className="button button--secondary">{t('issueAll')}</button>
        </form>
      )}
      <form action={chooseRepeatsAction} className="form">
        {hidden}
        <div className={styles.tableWrap} tabIndex={0} role="region" aria-labelledby="repeats-title">
          <table className={`${styles.table} ${styles.stack}`}>
            <thead><tr><th scope="col">{t('row')}</th><th scope="col">{t('person')}</th><th scope="col">{t('skill')}</th><th scope="col">{t('why')}</th><th scope="col">{t('choice')}</th></tr></thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.rowNumber} data-repeat-row={r.rowNumber}>
                  <th scope="row">{t('rowNumber', { n: r.rowNumber })}</th>
                  <td data-label={cell(t('person'))}>{r.displayName ?? r.person}</td>
                  <td data-label={cell(t('skill'))}>{r.skill}</td>
                  <td data-label={cell(t('why'))}>{why(r)}</td>
                  <td data-label={cell(t('choice'))}>
                    {r.status === 'issued' ? <span className="pill pill--passed">{t('repeatDone')}</span> : r.status === 'skipped' || r.status === 'ready' ? (
                      <fieldset className={styles.choice}>
                        <legend className="visually-hidden">{t('choiceLegend', { n: r.rowNumber })}</legend>
                        <label className={styles.check}><input type="radio" name={`row-${r.rowNumber}`} value="skip" defaultChecked={r.status === 'skipped'} /> {t('choiceSkip')}</label>
                        <label className={styles.check}><input type="radio" name={`row-${r.rowNumber}`} value="issue" defaultChecked={r.status === 'ready'} /> {t('choiceIssue')}</label>
                      </fieldset>
                    ) : <span className="pill pill--failed">{t(`statuses.${r.status}`)}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {open.length > 0 && (
          <div className="form-actions">
            <button type="submit" name="intent" value="rows" className="button button--secondary">{t('saveChoices')}</button>
          </div>
        )}
      </form>
    </section>
  )
}
