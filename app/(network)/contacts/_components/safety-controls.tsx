'use client'
import { useTranslations } from 'next-intl'
import { useActionState, useEffect, useRef } from 'react'
import { DETAILS_MAX, REPORT_REASONS } from '@/lib/contacts/schemas'
import { blockAction, reportAction, type ContactActionState } from '../actions'
import styles from '../contacts.module.css'

/**
 * The young person's protection against a recruiter: block them (no more messages either way, no
 * longer found in the directory) and/or report them to the Tremplin team. Folded by default.
 */
export function SafetyControls({ contactId, organisationName, blocked }: { contactId: string; organisationName: string; blocked: boolean }) {
  const t = useTranslations('contacts.safety')
  const te = useTranslations('contacts.errors')
  const [blockState, block, blocking] = useActionState<ContactActionState, FormData>(blockAction, undefined)
  const [reportState, report, reporting] = useActionState<ContactActionState, FormData>(reportAction, undefined)
  const reasonRef = useRef<HTMLFieldSetElement>(null)
  const id = `safety-${contactId}`
  const reasonError = reportState?.fieldErrors.reason?.[0]
  const detailsError = reportState?.fieldErrors.details?.[0]
  const formError = (reportState ?? blockState)?.fieldErrors._form?.[0]
  useEffect(() => {
    if (reasonError) reasonRef.current?.querySelector('input')?.focus()
  }, [reportState?.at, reasonError])

  return (
    <details className={`disclosure ${styles.safety}`}>
      <summary>{t('summary')}<span className="visually-hidden"> : {organisationName}</span></summary>
      <div className={styles.safetyBody}>
        {reportState?.ok && <p role="status" className="alert alert--success">{t('reported')}</p>}
        {formError && <p role="alert" className="field__error">{te(formError)}</p>}
        {blocked ? <p className="alert">{t('blockedAlready')}</p> : (
          <form action={block} className={styles.blockForm}>
            <input type="hidden" name="contactId" value={contactId} />
            <p>{t('blockText')}</p>
            <button type="submit" className={`button button--secondary ${styles.danger}`} disabled={blocking}>{t('block')}</button>
          </form>
        )}
        <form action={report} className="form" noValidate aria-labelledby={`${id}-title`}>
          <h3 id={`${id}-title`} className={styles.safetyTitle}>{t('reportTitle')}</h3>
          <input type="hidden" name="contactId" value={contactId} />
          <fieldset ref={reasonRef} className="field" aria-describedby={reasonError ? `${id}-reason-error` : undefined}>
            <legend className="field__label">{t('reason')}</legend>
            {reasonError && <p id={`${id}-reason-error`} className="field__error">{te(reasonError)}</p>}
            {REPORT_REASONS.map((r) => (
              <label key={r} className={styles.choice}>
                <input type="radio" name="reason" value={r} defaultChecked={reportState?.values.reason === r} required />
                {t(`reasons.${r}`)}
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label className="field__label" htmlFor={`${id}-details`}>{t('details')}</label>
            <p id={`${id}-details-hint`} className="field__hint">{t('detailsHint', { max: DETAILS_MAX })}</p>
            {detailsError && <p id={`${id}-details-error`} className="field__error">{te(detailsError, { max: DETAILS_MAX })}</p>}
            <textarea
              id={`${id}-details`} name="details" className="textarea" rows={3} maxLength={DETAILS_MAX}
              defaultValue={reportState?.ok ? '' : reportState?.values.details ?? ''} key={reportState?.at}
              aria-invalid={detailsError ? true : undefined}
              aria-describedby={`${id}-details-hint${detailsError ? ` ${id}-details-error` : ''}`}
            />
          </div>
          {!blocked && (
            <label className={styles.choice}>
              <input type="checkbox" name="block" defaultChecked={reportState?.values.block === 'on'} />
              {t('alsoBlock')}
            </label>
          )}
          <div className="form-actions">
            <button type="submit" className="button button--secondary" disabled={reporting}>{t('report')}</button>
          </div>
        </form>
      </div>
    </details>
  )
}
