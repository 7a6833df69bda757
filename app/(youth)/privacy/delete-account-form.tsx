'use client'
import { useTranslations } from 'next-intl'
import { useActionState, useEffect, useRef } from 'react'
import { deleteAccountAction, type DeleteAccountState } from './actions'
import styles from './privacy.module.css'

/** Username + password again, then one clearly worded button. Keeps the username after an error. */
export function DeleteAccountForm({ username }: { username: string }) {
  const t = useTranslations('privacy.delete')
  const [state, formAction, pending] = useActionState<DeleteAccountState, FormData>(deleteAccountAction, undefined)
  const usernameRef = useRef<HTMLInputElement>(null)
  const passwordRef = useRef<HTMLInputElement>(null)
  const usernameError = state?.fieldErrors.username?.[0]
  const passwordError = state?.fieldErrors.password?.[0]
  const formError = state?.fieldErrors.form?.[0]

  useEffect(() => {
    if (!state) return
    ;(usernameError ? usernameRef : passwordRef).current?.focus()
  }, [state, usernameError])

  return (
    <form action={formAction} className="form" noValidate>
      {formError ? <p className="alert alert--error" role="alert">{t(`errors.${formError}`)}</p> : null}
      <div className="field">
        <label className="field__label" htmlFor="delete-username">{t('username')}</label>
        <p id="delete-username-hint" className="field__hint">{t('usernameHint', { username })}</p>
        {usernameError ? <p id="delete-username-error" className="field__error">{t(`errors.${usernameError}`)}</p> : null}
        <input
          ref={usernameRef} id="delete-username" name="username" className="input" type="text"
          autoComplete="off" autoCapitalize="none" autoCorrect="off" spellCheck={false} required maxLength={200}
          defaultValue={state?.values.username ?? ''}
          aria-invalid={usernameError ? true : undefined}
          aria-describedby={usernameError ? 'delete-username-hint delete-username-error' : 'delete-username-hint'}
        />
      </div>
      <div className="field">
        <label className="field__label" htmlFor="delete-password">{t('password')}</label>
        {passwordError ? <p id="delete-password-error" className="field__error">{t(`errors.${passwordError}`)}</p> : null}
        <input
          ref={passwordRef} id="delete-password" name="password" className="input" type="password"
          autoComplete="current-password" required maxLength={200}
          aria-invalid={passwordError ? true : undefined}
          aria-describedby={passwordError ? 'delete-password-error' : undefined}
        />
      </div>
      <div className="form-actions">
        <button type="submit" className={`button ${styles.dangerButton}`} disabled={pending}>
          {pending ? t('pending') : t('action')}
        </button>
      </div>
    </form>
  )
}
