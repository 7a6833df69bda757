'use client'
import { useTranslations } from 'next-intl'
import { useActionState, useEffect, useRef, useState } from 'react'
import { STATUS_REASON_MAX } from '@/lib/status/schemas'
import type { StatusAction } from '@/lib/status/service'
import { changeStatusAction, type StatusFormState } from './actions'

/**
 * The issued list's status buttons: Suspend / Lift suspension / Revoke, then, in place, a short
 * required reason and a confirmation (revocation is said to be final before confirming).
 */
export function StatusControls({ credentialId, title, state }: { credentialId: string; title: string; state: 'active' | 'suspended' }) {
  const t = useTranslations('issuer.issued.statusForm')
  const [choice, setChoice] = useState<StatusAction | null>(null)
  const [result, action, pending] = useActionState<StatusFormState, FormData>(changeStatusAction, undefined)
  const reasonRef = useRef<HTMLTextAreaElement>(null)
  const openRef = useRef<HTMLButtonElement>(null)
  const wasOpen = useRef(false)
  const handled = useRef<number | undefined>(undefined)

  useEffect(() => {
    if (result?.ok && handled.current !== result.at) {
      handled.current = result.at
      setChoice(null)
    }
  }, [result])
  useEffect(() => {
    if (choice) reasonRef.current?.focus()
    else if (wasOpen.current) openRef.current?.focus()
    wasOpen.current = Boolean(choice)
  }, [choice])

  const id = credentialId.replace(/[^a-zA-Z0-9-]/g, '-')
  const errors = result && !result.ok && result.values.action === choice ? result.fieldErrors : {}
  const reasonError = errors.reason?.[0]
  const formError = errors._form?.[0] ?? errors.credentialId?.[0] ?? errors.action?.[0]
  const keptReason = result && !result.ok && result.values.action === choice ? result.values.reason : ''

  if (!choice) {
    const actions: StatusAction[] = state === 'active' ? ['suspend', 'revoke'] : ['unsuspend', 'revoke']
    return (
      <div className="iss-status-controls">
        {result?.ok && <p role="status" className="iss-status-done">{t(`done.${result.action}`)}</p>}
        <div className="actions">
          {actions.map((a, i) => (
            <button key={a} ref={i === 0 ? openRef : undefined} type="button"
              className={`button button--small ${a === 'revoke' ? 'button--secondary iss-danger-outline' : 'button--secondary'}`}
              onClick={() => setChoice(a)}>
              {t(`open.${a}`)}<span className="visually-hidden"> : {title}</span>
            </button>
          ))}
        </div>
      </div>
    )
  }
  return (
    <form action={action} className="iss-status-confirm" role="group" aria-labelledby={`status-q-${id}`}>
      <input type="hidden" name="credentialId" value={credentialId} />
      <input type="hidden" name="action" value={choice} />
      <p id={`status-q-${id}`} className="iss-status-confirm__question">{t(`question.${choice}`, { title })}</p>
      {choice === 'revoke' && <p className="alert alert--warning">{t('revokeIsFinal')}</p>}
      <div className="field">
        <label htmlFor={`reason-${id}`} className="field__label">{t('reasonLabel')}</label>
        <p id={`reason-hint-${id}`} className="field__hint">{t(`reasonHint.${choice}`, { max: STATUS_REASON_MAX })}</p>
        <textarea
          ref={reasonRef} id={`reason-${id}`} name="reason" className="textarea" rows={2} required maxLength={STATUS_REASON_MAX}
          defaultValue={keptReason} aria-invalid={reasonError ? true : undefined}
          aria-describedby={`reason-hint-${id}${reasonError ? ` reason-error-${id}` : ''}`}
        />
        {reasonError && <p id={`reason-error-${id}`} className="field__error">{t(`errors.${errorKey(reasonError)}`, { max: STATUS_REASON_MAX })}</p>}
      </div>
      {formError && <p role="alert" className="field__error">{t(`errors.${errorKey(formError)}`, { max: STATUS_REASON_MAX })}</p>}
      <div className="form-actions">
        <button type="submit" className={`button button--small ${choice === 'revoke' ? 'iss-danger' : 'button--primary'}`} disabled={pending} aria-disabled={pending}>
          {t(`confirm.${choice}`)}
        </button>
        <button type="button" className="button button--small button--secondary" onClick={() => setChoice(null)}>{t('cancel')}</button>
      </div>
    </form>
  )
}

const KNOWN = ['reasonRequired', 'reasonTooLong', 'notFound', 'conflict'] as const
const errorKey = (key: string) => ((KNOWN as readonly string[]).includes(key) ? key : 'invalid')
