'use client'
import { useTranslations } from 'next-intl'
import { useActionState, useState } from 'react'
import { TextField } from '@/app/(issuer)/_components/form-field'
import { useErrorText } from '@/app/(issuer)/_components/use-error-text'
import { LimitAlert } from '@/app/_components/limit-alert'
import { activateAction } from './actions'

/** The young person chooses a password (twice), then lands in their wallet. */
export function ActivateForm({ token }: { token: string }) {
  const t = useTranslations('onboarding.activate')
  const errorText = useErrorText('onboarding')
  const [state, action, pending] = useActionState(activateAction, undefined)
  const [show, setShow] = useState(false)
  const errors = state?.fieldErrors ?? {}
  return (
    <form action={action} className="form" noValidate>
      {state?.error === 'linkInvalid' && <p className="alert alert--error" role="alert">{t('linkStopped')}</p>}
      <LimitAlert error={state?.error} minutes={state?.retryAfterMinutes} youth />
      {Object.keys(errors).length > 0 && <p className="alert alert--error" role="alert">{t('fixErrors')}</p>}
      <input type="hidden" name="token" value={token} />
      <TextField name="password" type={show ? 'text' : 'password'} label={t('password')} hint={t('passwordHint')} error={errorText(errors.password)}
        autoComplete="new-password" required minLength={10} maxLength={200} />
      <TextField name="confirm" type={show ? 'text' : 'password'} label={t('confirm')} error={errorText(errors.confirm)}
        autoComplete="new-password" required maxLength={200} />
      <label className="choice">
        <input type="checkbox" checked={show} onChange={(e) => setShow(e.target.checked)} />
        <span>{t('show')}</span>
      </label>
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={pending}>{pending ? t('activating') : t('submit')}</button>
      </div>
    </form>
  )
}
