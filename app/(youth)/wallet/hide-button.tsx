'use client'
import { useTranslations } from 'next-intl'
import { useActionState } from 'react'
import { setHiddenAction, type HideState } from './actions'

/** Hide / show again, one tap: the credential stays in the wallet either way. */
export function HideButton({ credentialId, hidden }: { credentialId: string; hidden: boolean }) {
  const t = useTranslations('wallet')
  const [state, action, pending] = useActionState<HideState, FormData>(setHiddenAction, undefined)
  return (
    <form action={action}>
      <input type="hidden" name="credentialId" value={credentialId} />
      <input type="hidden" name="hidden" value={hidden ? 'false' : 'true'} />
      <button type="submit" className="button button--small button--secondary" disabled={pending} aria-disabled={pending}>
        {hidden ? t('actions.unhide') : t('actions.hide')}
      </button>
      {state && !state.ok && <p role="alert" className="field__error">{t(`errors.${state.error}`)}</p>}
    </form>
  )
}
