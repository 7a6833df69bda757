'use client'
import { useTranslations } from 'next-intl'
import { useActionState } from 'react'
import own from './directory.module.css'
import { optInAction, optOutAction, type DirectoryConsentState } from './actions'

/** The one button that turns the directory on or off, and what just happened. */
export function ConsentForm({ optedIn }: { optedIn: boolean }) {
  const t = useTranslations('directory.optIn')
  const [joinState, join, joining] = useActionState<DirectoryConsentState, FormData>(optInAction, undefined)
  const [leaveState, leave, leaving] = useActionState<DirectoryConsentState, FormData>(optOutAction, undefined)
  const last = optedIn ? joinState : leaveState
  return (
    <div>
      {last?.ok && <p className="alert alert--success" role="status">{t(optedIn ? 'joined' : 'left')}</p>}
      {optedIn ? (
        <form action={leave} className={own.choice}>
          <p className="field__hint" id="leave-hint">{t('leaveHint')}</p>
          <button type="submit" className="button button--secondary" disabled={leaving} aria-describedby="leave-hint">{t('leave')}</button>
        </form>
      ) : (
        <form action={join} className={own.choice}>
          <button type="submit" className="button button--primary" disabled={joining}>{t('join')}</button>
        </form>
      )}
    </div>
  )
}
