'use client'
import { useTranslations } from 'next-intl'
import { useActionState, useEffect, useRef } from 'react'
import { changePasswordAction, type ChangePasswordState } from './actions'

const FIELDS = [
  { name: 'currentPassword', label: 'current', autoComplete: 'current-password' },
  { name: 'newPassword', label: 'new', autoComplete: 'new-password', hint: 'newHint' },
  { name: 'confirm', label: 'confirm', autoComplete: 'new-password' },
] as const

/**
 * Current password, new one twice. Passwords are never sent back: after each try the fields are
 * empty (React resets a form after its action) and the cursor goes to the first field to fix.
 */
export function ChangePasswordForm({ username }: { username: string }) {
  const t = useTranslations('account.password')
  const [state, formAction, pending] = useActionState<ChangePasswordState, FormData>(changePasswordAction, undefined)
  const formRef = useRef<HTMLFormElement>(null)
  const errors = state && !state.ok ? state.fieldErrors : {}
  const formError = errors.form?.[0]

  useEffect(() => {
    if (!state || state.ok) return
    const first = FIELDS.find((f) => state.fieldErrors[f.name])
    if (first) formRef.current?.querySelector<HTMLInputElement>(`[name="${first.name}"]`)?.focus()
  }, [state])

  return (
    <form ref={formRef} action={formAction} className="form" noValidate>
      {state?.ok ? <p className="alert alert--success" role="status">{t('done')}</p> : null}
      {formError ? (
        <p className="alert alert--error" role="alert">{t(`errors.${formError}`, { minutes: state && !state.ok ? state.retryAfterMinutes ?? 15 : 15 })}</p>
      ) : null}
      {/* For password managers: whose password this is. */}
      <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
      {FIELDS.map((f) => {
        const error = errors[f.name]?.[0]
        const hint = 'hint' in f ? `${f.name}-hint` : undefined
        const described = [hint, error ? `${f.name}-error` : undefined].filter(Boolean).join(' ') || undefined
        return (
          <div className="field" key={f.name}>
            <label className="field__label" htmlFor={f.name}>{t(f.label)}</label>
            {'hint' in f ? <p id={hint} className="field__hint">{t(f.hint)}</p> : null}
            {error ? <p id={`${f.name}-error`} className="field__error">{t(`errors.${error}`)}</p> : null}
            <input
              id={f.name} name={f.name} className="input" type="password" autoComplete={f.autoComplete}
              autoCapitalize="none" autoCorrect="off" spellCheck={false} required maxLength={200}
              aria-invalid={error ? true : undefined} aria-describedby={described}
            />
          </div>
        )
      })}
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={pending}>{pending ? t('pending') : t('submit')}</button>
      </div>
    </form>
  )
}
