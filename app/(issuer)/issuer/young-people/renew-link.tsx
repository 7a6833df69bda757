'use client'
import { useTranslations } from 'next-intl'
import { useActionState, useState } from 'react'
import { ActivationHandover } from '../../_components/activation-handover'
import { regenerateActivationLinkAction } from './actions'

/** "New activation link" for a young person who has not activated; the new link is shown once, here. */
export function RenewLink({ userId, name, hasOpenLink }: { userId: string; name: string; hasOpenLink: boolean }) {
  const t = useTranslations('onboarding.youngPeople.list')
  const [state, action, pending] = useActionState(regenerateActivationLinkAction, undefined)
  const [closed, setClosed] = useState(false)
  if (state?.ok && !closed) {
    return (
      <div className="iss-person__handover">
        <ActivationHandover handover={state.handover} isNew={false}>
          <button type="button" className="button button--secondary" onClick={() => setClosed(true)}>{t('closeLink')}</button>
        </ActivationHandover>
      </div>
    )
  }
  return (
    <form action={action} onSubmit={() => setClosed(false)}>
      <input type="hidden" name="userId" value={userId} />
      {state && !state.ok && state.error && <p className="field__error" role="alert">{t(`errors.${state.error === 'alreadyActive' ? 'alreadyActive' : 'generic'}`)}</p>}
      <button type="submit" className="button button--secondary button--small" disabled={pending} aria-describedby={hasOpenLink ? `renew-note-${userId}` : undefined}>
        {pending ? t('renewing') : t('renew', { name })}
      </button>
      {hasOpenLink && <p className="field__hint" id={`renew-note-${userId}`}>{t('renewNote')}</p>}
    </form>
  )
}
