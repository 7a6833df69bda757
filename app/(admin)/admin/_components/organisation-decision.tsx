'use client'
import { useTranslations } from 'next-intl'
import { useActionState, useEffect, useRef, useState } from 'react'
import type { OrganisationStatus } from '@/lib/orgs/service'
import { approveOrganisationAction, reinstateOrganisationAction, suspendOrganisationAction, type DecisionState } from '../registry-actions'
import styles from '../admin.module.css'

const REASON_MAX = 500

/**
 * What the admin may decide for one organisation: approve (pending), suspend with a required
 * reason after an in-place confirmation (approved), reinstate (suspended).
 */
export function OrganisationDecision({ slug, name, status }: { slug: string; name: string; status: OrganisationStatus }) {
  const t = useTranslations('admin.registry.decision')
  const [approveState, approve, approving] = useActionState<DecisionState, FormData>(approveOrganisationAction, undefined)
  const [reinstateState, reinstate, reinstating] = useActionState<DecisionState, FormData>(reinstateOrganisationAction, undefined)
  const formError = (approveState ?? reinstateState)?.fieldErrors._form?.[0]

  if (status === 'approved') return <SuspendControl slug={slug} name={name} />
  const [action, pending, label] = status === 'pending' ? [approve, approving, 'approve'] as const : [reinstate, reinstating, 'reinstate'] as const
  return (
    <form action={action} className={styles.decision}>
      <input type="hidden" name="slug" value={slug} />
      {formError && <p role="alert" className="field__error">{t(`errors.${formError}`)}</p>}
      <button type="submit" className="button button--primary button--small" disabled={pending} aria-disabled={pending}>
        {t(label)}<span className="visually-hidden"> : {name}</span>
      </button>
    </form>
  )
}

function SuspendControl({ slug, name }: { slug: string; name: string }) {
  const t = useTranslations('admin.registry.decision')
  const [open, setOpen] = useState(false)
  const [state, action, pending] = useActionState<DecisionState, FormData>(suspendOrganisationAction, undefined)
  const reasonRef = useRef<HTMLTextAreaElement>(null)
  const openRef = useRef<HTMLButtonElement>(null)
  const wasOpen = useRef(false)
  useEffect(() => {
    if (open) reasonRef.current?.focus()
    else if (wasOpen.current) openRef.current?.focus()
    wasOpen.current = open
  }, [open])
  useEffect(() => {
    if (state?.fieldErrors.reason) reasonRef.current?.focus()
  }, [state?.at, state?.fieldErrors.reason])

  if (!open) {
    return (
      <div className={styles.decision}>
        <button ref={openRef} type="button" className={`button button--secondary button--small ${styles.dangerOutline}`} onClick={() => setOpen(true)}>
          {t('suspend')}<span className="visually-hidden"> : {name}</span>
        </button>
      </div>
    )
  }
  const id = `suspend-${slug}`
  const reasonError = state?.fieldErrors.reason?.[0]
  const formError = state?.fieldErrors._form?.[0]
  return (
    <form action={action} className={styles.confirm} role="group" aria-labelledby={`${id}-q`} noValidate>
      <input type="hidden" name="slug" value={slug} />
      <p id={`${id}-q`} className={styles.question}>{t('suspendQuestion', { name })}</p>
      <p className="alert alert--warning">{t('suspendConsequences')}</p>
      <div className="field">
        <label htmlFor={`${id}-reason`} className="field__label">{t('reasonLabel')}</label>
        <p id={`${id}-hint`} className="field__hint">{t('reasonHint', { max: REASON_MAX })}</p>
        <textarea
          ref={reasonRef} id={`${id}-reason`} name="reason" className="textarea" rows={3} required maxLength={REASON_MAX}
          defaultValue={state?.reason ?? ''} aria-invalid={reasonError ? true : undefined}
          aria-describedby={`${id}-hint${reasonError ? ` ${id}-error` : ''}`}
        />
        {reasonError && <p id={`${id}-error`} className="field__error">{t(`errors.${reasonError}`, { max: REASON_MAX })}</p>}
      </div>
      {formError && <p role="alert" className="field__error">{t(`errors.${formError}`)}</p>}
      <div className="form-actions">
        <button type="submit" className={`button button--small ${styles.danger}`} disabled={pending} aria-disabled={pending}>{t('suspendConfirm')}</button>
        <button type="button" className="button button--small button--secondary" onClick={() => setOpen(false)}>{t('cancel')}</button>
      </div>
    </form>
  )
}
