'use client'
import { useTranslations } from 'next-intl'
import { useActionState, useEffect, useRef, useState } from 'react'
import { removeRegistryAction, type RemoveRegistryState } from '../registry-actions'
import styles from '../admin.module.css'

/** "Remove" → in place: "Remove registry X and its N issuers?" [Remove] [Cancel]. */
export function RemoveRegistry({ name, entries }: { name: string; entries: number }) {
  const t = useTranslations('admin.registries')
  const [open, setOpen] = useState(false)
  const [state, action, pending] = useActionState<RemoveRegistryState, FormData>(removeRegistryAction, undefined)
  const confirmRef = useRef<HTMLButtonElement>(null)
  const openRef = useRef<HTMLButtonElement>(null)
  const wasOpen = useRef(false)
  useEffect(() => {
    if (open) confirmRef.current?.focus()
    else if (wasOpen.current) openRef.current?.focus()
    wasOpen.current = open
  }, [open])
  if (!open) {
    return (
      <button ref={openRef} type="button" className={`button button--secondary button--small ${styles.dangerOutline}`} onClick={() => setOpen(true)}>
        {t('remove')}<span className="visually-hidden"> : {name}</span>
      </button>
    )
  }
  return (
    <form action={action} className={styles.confirm}>
      <input type="hidden" name="name" value={name} />
      <p className={styles.question}>{t('removeQuestion', { name, count: entries })}</p>
      {state?.error && <p role="alert" className="field__error">{t('errors.notFound')}</p>}
      <div className="form-actions">
        <button ref={confirmRef} type="submit" className={`button button--small ${styles.danger}`} disabled={pending} aria-disabled={pending}>{t('removeConfirm')}</button>
        <button type="button" className="button button--small button--secondary" onClick={() => setOpen(false)}>{t('cancel')}</button>
      </div>
    </form>
  )
}
