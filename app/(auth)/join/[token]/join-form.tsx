'use client'
import { useTranslations } from 'next-intl'
import { useActionState } from 'react'
import { TextField } from '@/app/(issuer)/_components/form-field'
import { useErrorText } from '@/app/(issuer)/_components/use-error-text'
import { LimitAlert } from '@/app/_components/limit-alert'
import { joinAction } from './actions'

/** The invitee's account: name, username, e-mail (from the invitation, if any), password. */
export function JoinForm({ token, email }: { token: string; email: string | null }) {
  const t = useTranslations('onboarding.join')
  const tc = useTranslations('common')
  const errorText = useErrorText('onboarding')
  const [state, action, pending] = useActionState(joinAction, undefined)
  const errors = state?.fieldErrors ?? {}
  const values = state?.values ?? {}
  return (
    <form action={action} className="form" noValidate>
      {state?.error === 'linkInvalid' && <p className="alert alert--error" role="alert">{t('linkStopped')}</p>}
      <LimitAlert error={state?.error} minutes={state?.retryAfterMinutes} />
      {Object.keys(errors).length > 0 && <p className="alert alert--error" role="alert">{tc('form.fixErrors')}</p>}
      <input type="hidden" name="token" value={token} />
      <TextField name="displayName" label={t('displayName')} hint={t('displayNameHint')} error={errorText(errors.displayName)}
        defaultValue={values.displayName} autoComplete="name" required maxLength={100} />
      <TextField name="username" label={t('username')} hint={t('usernameHint')} error={errorText(errors.username)}
        defaultValue={values.username} autoComplete="username" autoCapitalize="none" spellCheck={false} required maxLength={40} />
      <TextField name="email" type="email" label={t('email')} optional={tc('form.optional')} error={errorText(errors.email)}
        defaultValue={values.email ?? email ?? ''} autoComplete="email" maxLength={200} />
      <TextField name="password" type="password" label={t('password')} hint={t('passwordHint')} error={errorText(errors.password)}
        autoComplete="new-password" required minLength={10} maxLength={200} />
      <TextField name="confirm" type="password" label={t('confirm')} error={errorText(errors.confirm)} autoComplete="new-password" required maxLength={200} />
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={pending}>{pending ? t('joining') : t('submit')}</button>
      </div>
    </form>
  )
}
