'use client'
import { useTranslations } from 'next-intl'
import { useActionState } from 'react'
import { unlinkIdentifierAction, type UnlinkState } from './actions'

/** Removes a link: credentials issued to that identifier stop counting as the young person's. */
export function UnlinkButton({ did }: { did: string }) {
  const t = useTranslations('wallet.link')
  const [state, action, pending] = useActionState<UnlinkState, FormData>(unlinkIdentifierAction, undefined)
  return (
    <form action={action}>
      <input type="hidden" name="did" value={did} />
      <button type="submit" className="button button--small button--secondary" disabled={pending} aria-disabled={pending}>
        {t('linked.unlink')}<span className="visually-hidden"> : {did}</span>
      </button>
      {state && !state.ok && <p role="alert" className="field__error">{t(`unlinkErrors.${state.error}`)}</p>}
    </form>
  )
}
