'use client'
import { useTranslations } from 'next-intl'
import { useActionState, useEffect, useRef, useState } from 'react'
import { signInAction, type SignInState } from '@/app/_actions/session'
import styles from './sign-in.module.css'

/** Identifier + password; keeps the identifier after an error and says which field to fix. */
export function SignInForm() {
  const t = useTranslations('auth.signIn')
  const [state, formAction, pending] = useActionState<SignInState, FormData>(signInAction, undefined)
  const [visible, setVisible] = useState(false)
  const identifierRef = useRef<HTMLInputElement>(null)
  const passwordRef = useRef<HTMLInputElement>(null)

  const identifierMissing = state?.error === 'required' && !state.identifier?.trim()
  const passwordMissing = state?.error === 'required' && !identifierMissing
  const invalid = state?.error === 'invalid'

  // After an error, put the cursor where the person has to type next.
  useEffect(() => {
    if (!state?.error) return
    ;(identifierMissing ? identifierRef : passwordRef).current?.focus()
  }, [state, identifierMissing])

  return (
    <form action={formAction} className="form" noValidate>
      {state?.error ? (
        <p id="sign-in-error" className="alert alert--error" role="alert">
          {t(`errors.${state.error}`, { minutes: state.retryAfterMinutes ?? 15 })}
        </p>
      ) : null}

      <div className="field">
        <label className="field__label" htmlFor="identifier">{t('identifier')}</label>
        {identifierMissing ? <p id="identifier-error" className="field__error">{t('errors.identifierRequired')}</p> : null}
        <input
          ref={identifierRef}
          id="identifier"
          name="identifier"
          className="input"
          type="text"
          inputMode="email"
          autoComplete="username"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          required
          maxLength={200}
          defaultValue={state?.identifier ?? ''}
          aria-invalid={identifierMissing || invalid || undefined}
          aria-describedby={identifierMissing ? 'identifier-error' : invalid ? 'sign-in-error' : undefined}
        />
      </div>

      <div className="field">
        <label className="field__label" htmlFor="password">{t('password')}</label>
        {passwordMissing ? <p id="password-error" className="field__error">{t('errors.passwordRequired')}</p> : null}
        <div className={styles.password}>
          <input
            ref={passwordRef}
            id="password"
            name="password"
            className={`input ${styles.passwordInput}`}
            type={visible ? 'text' : 'password'}
            autoComplete="current-password"
            autoCapitalize="none"
            autoCorrect="off"
            spellCheck={false}
            required
            maxLength={200}
            aria-invalid={passwordMissing || invalid || undefined}
            aria-describedby={passwordMissing ? 'password-error' : invalid ? 'sign-in-error' : undefined}
          />
          <button
            type="button"
            className={`button button--secondary button--small ${styles.toggle}`}
            aria-controls="password"
            aria-label={visible ? t('hideLabel') : t('showLabel')}
            onClick={() => setVisible((v) => !v)}
          >
            {visible ? t('hide') : t('show')}
          </button>
        </div>
      </div>

      <div className="form-actions">
        <button type="submit" className={`button button--primary ${styles.submit}`} disabled={pending} aria-disabled={pending}>
          {pending ? t('pending') : t('submit')}
        </button>
      </div>
    </form>
  )
}
