'use client'
import { useTranslations } from 'next-intl'
import { useActionState } from 'react'
import { decideOfferAction, type OfferState } from './actions'

/** Accept or refuse one offer: two buttons, one form each, the answer said plainly. */
export function OfferButtons({ offerId, title }: { offerId: string; title: string }) {
  const t = useTranslations('wallet.offers')
  const [state, action, pending] = useActionState<OfferState, FormData>(decideOfferAction, undefined)
  if (state?.ok) return <p role="status">{t(state.decision)}</p>
  return (
    <div className="actions">
      {(['accept', 'refuse'] as const).map((decision) => (
        <form action={action} key={decision}>
          <input type="hidden" name="offerId" value={offerId} />
          <input type="hidden" name="decision" value={decision} />
          <button type="submit" className={`button button--small ${decision === 'accept' ? 'button--primary' : 'button--secondary'}`} disabled={pending} aria-disabled={pending}>
            {t(decision)}<span className="visually-hidden"> : {title}</span>
          </button>
        </form>
      ))}
      {state && !state.ok && <p role="alert" className="field__error">{t(`errors.${state.error}`)}</p>}
    </div>
  )
}
