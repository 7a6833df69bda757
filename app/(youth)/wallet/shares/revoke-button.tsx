'use client'
import { useTranslations } from 'next-intl'
import { useActionState, useEffect, useRef, useState } from 'react'
import { revokeShareAction, type RevokeState } from './actions'
import styles from './shares.module.css'

/** "Stop this link", then a confirmation in place (no second page); the link dies at once. */
export function RevokeButton({ shareId, label }: { shareId: string; label: string }) {
  const t = useTranslations('shares.revoke')
  const [confirming, setConfirming] = useState(false)
  const [state, action, pending] = useActionState<RevokeState, FormData>(revokeShareAction, undefined)
  const confirmRef = useRef<HTMLButtonElement>(null)
  const openRef = useRef<HTMLButtonElement>(null)
  const wasConfirming = useRef(false)
  useEffect(() => {
    if (confirming) confirmRef.current?.focus()
    else if (wasConfirming.current) openRef.current?.focus()
    wasConfirming.current = confirming
  }, [confirming])

  if (!confirming) {
    return (
      <button ref={openRef} type="button" className={`button button--small button--secondary ${styles.revoke}`} onClick={() => setConfirming(true)}>
        {t('button')}<span className="visually-hidden"> : {label}</span>
      </button>
    )
  }
  return (
    <form action={action} className={styles.confirm} role="group" aria-labelledby={`revoke-q-${shareId}`}>
      <input type="hidden" name="shareId" value={shareId} />
      <p id={`revoke-q-${shareId}`}>{t('question')}</p>
      <div className="form-actions">
        <button ref={confirmRef} type="submit" className={`button button--small ${styles.danger}`} disabled={pending} aria-disabled={pending}>{t('confirm')}</button>
        <button type="button" className="button button--small button--secondary" onClick={() => setConfirming(false)}>{t('cancel')}</button>
      </div>
      {state && !state.ok && <p role="alert" className="field__error">{t(`errors.${state.error}`)}</p>}
    </form>
  )
}
