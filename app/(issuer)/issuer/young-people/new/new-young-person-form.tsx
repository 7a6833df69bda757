'use client'
import Link from 'next/link'
import { useTranslations } from 'next-intl'
import { useActionState, useState } from 'react'
import { ActivationHandover } from '../../../_components/activation-handover'
import { TextField } from '../../../_components/form-field'
import { useErrorText } from '../../../_components/use-error-text'
import { createYoungPersonAction } from '../actions'

/** Creates a young person's wallet; then shows their activation link once. "Another" starts afresh. */
export function NewYoungPerson() {
  const [round, setRound] = useState(0)
  return <NewYoungPersonForm key={round} onAnother={() => setRound((r) => r + 1)} />
}

function NewYoungPersonForm({ onAnother }: { onAnother: () => void }) {
  const t = useTranslations('onboarding.youngPeople.new')
  const tc = useTranslations('common')
  const errorText = useErrorText('onboarding')
  const [state, action, pending] = useActionState(createYoungPersonAction, undefined)

  if (state?.ok) {
    return (
      <ActivationHandover handover={state.handover} isNew>
        <button type="button" className="button button--secondary" onClick={onAnother}>{t('another')}</button>
        <Link className="button button--secondary" href="/issuer/young-people">{t('backToList')}</Link>
      </ActivationHandover>
    )
  }
  const errors = state?.fieldErrors ?? {}
  const values = state?.values ?? {}
  return (
    <form action={action} className="form card" noValidate>
      {Object.keys(errors).length > 0 && <p className="alert alert--error" role="alert">{tc('form.fixErrors')}</p>}
      <TextField name="displayName" label={t('displayName')} hint={t('displayNameHint')} error={errorText(errors.displayName)}
        defaultValue={values.displayName} required autoComplete="off" maxLength={100} />
      <TextField name="username" label={t('username')} hint={t('usernameHint')} optional={tc('form.optional')} error={errorText(errors.username)}
        defaultValue={values.username} autoComplete="off" autoCapitalize="none" spellCheck={false} maxLength={40} />
      <TextField name="email" type="email" label={t('email')} hint={t('emailHint')} optional={tc('form.optional')} error={errorText(errors.email)}
        defaultValue={values.email} autoComplete="off" maxLength={200} />
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={pending}>{pending ? t('creating') : t('submit')}</button>
        <Link className="button button--secondary" href="/issuer/young-people">{tc('actions.cancel')}</Link>
      </div>
    </form>
  )
}
