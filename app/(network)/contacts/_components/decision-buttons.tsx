'use client'
import { useTranslations } from 'next-intl'
import { useActionState } from 'react'
import { decideAction, type ContactActionState } from '../actions'
import styles from '../contacts.module.css'

/** Accept (opens the conversation) or decline one request. */
export function DecisionButtons({ contactId, organisationName }: { contactId: string; organisationName: string }) {
  const t = useTranslations('contacts')
  const [state, action, pending] = useActionState<ContactActionState, FormData>(decideAction, undefined)
  const error = state?.fieldErrors._form?.[0]
  return (
    <form action={action} className={styles.decision}>
      <input type="hidden" name="contactId" value={contactId} />
      {error && <p role="alert" className="field__error">{t(`errors.${error}`)}</p>}
      <div className="form-actions">
        <button type="submit" name="decision" value="accept" className="button button--primary" disabled={pending}>
          {t('request.accept')}<span className="visually-hidden"> : {organisationName}</span>
        </button>
        <button type="submit" name="decision" value="decline" className="button button--secondary" disabled={pending}>
          {t('request.decline')}<span className="visually-hidden"> : {organisationName}</span>
        </button>
      </div>
    </form>
  )
}
