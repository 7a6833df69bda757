'use client'
import { useTranslations } from 'next-intl'
import { useActionState, useEffect, useRef } from 'react'
import { setAccountPasswordAction, type SetAccountPasswordState } from './actions'
import styles from './accounts.module.css'

/**
 * Whose account (username or e-mail) and, optionally, the password to give them; the answer shows
 * the password once, in large type, to read out or copy.
 */
export function SetPasswordForm() {
  const t = useTranslations('account.reset')
  const [state, formAction, pending] = useActionState<SetAccountPasswordState, FormData>(setAccountPasswordAction, undefined)
  const resultRef = useRef<HTMLDivElement>(null)
  const accountRef = useRef<HTMLInputElement>(null)
  const errors = state && !state.ok ? state.fieldErrors : {}
  const accountError = errors.account?.[0]
  const passwordError = errors.password?.[0]
  const formError = errors.form?.[0]

  useEffect(() => {
    if (state?.ok) resultRef.current?.focus()
    else if (state && accountError) accountRef.current?.focus()
  }, [state, accountError])

  return (
    <>
      {state?.ok ? (
        <div ref={resultRef} tabIndex={-1} className={`alert alert--success ${styles.result}`} role="status" aria-labelledby="set-password-done">
          <h3 id="set-password-done" className={styles.resultTitle}>{t('doneTitle', { name: state.set.displayName, username: state.set.username })}</h3>
          <p className={styles.password}><code data-testid="new-password">{state.set.password}</code></p>
          <p>{t('doneShownOnce', { name: state.set.displayName })}</p>
          <p>{t('doneAdvice')}</p>
        </div>
      ) : null}
      <form action={formAction} className="form" noValidate>
        {formError ? <p className="alert alert--error" role="alert">{t(`errors.${formError}`)}</p> : null}
        <div className="field">
          <label className="field__label" htmlFor="reset-account">{t('account')}</label>
          {accountError ? <p id="reset-account-error" className="field__error">{t(`errors.${accountError}`)}</p> : null}
          <input
            ref={accountRef} id="reset-account" name="account" className="input" type="text"
            autoComplete="off" autoCapitalize="none" autoCorrect="off" spellCheck={false} required maxLength={200}
            defaultValue={state && !state.ok ? state.values.account ?? '' : ''}
            aria-invalid={accountError ? true : undefined} aria-describedby={accountError ? 'reset-account-error' : undefined}
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor="reset-password">{t('password')}</label>
          <p id="reset-password-hint" className="field__hint">{t('passwordHint')}</p>
          {passwordError ? <p id="reset-password-error" className="field__error">{t(`errors.${passwordError}`)}</p> : null}
          {/* Text, not a password field: a temporary password the admin reads out or copies. */}
          <input
            id="reset-password" name="password" className="input" type="text"
            autoComplete="off" autoCapitalize="none" autoCorrect="off" spellCheck={false} maxLength={200}
            aria-invalid={passwordError ? true : undefined}
            aria-describedby={passwordError ? 'reset-password-hint reset-password-error' : 'reset-password-hint'}
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={pending}>{pending ? t('pending') : t('submit')}</button>
        </div>
      </form>
    </>
  )
}
