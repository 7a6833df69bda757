'use client'
import { useTranslations } from 'next-intl'
import { useActionState, useEffect, useRef, useState } from 'react'
import { deleteExperienceAction, type DeleteExperienceState } from '../actions'
import styles from '../profile.module.css'

/** Delete, in two steps: the first click asks, the second deletes. */
export function DeleteExperience({ experienceId, title }: { experienceId: string; title: string }) {
  const t = useTranslations('profile.experienceForm.delete')
  const [state, action, pending] = useActionState<DeleteExperienceState, FormData>(deleteExperienceAction, undefined)
  const [asking, setAsking] = useState(false)
  const question = useRef<HTMLParagraphElement>(null)
  useEffect(() => {
    if (asking) question.current?.focus()
  }, [asking])
  return (
    <section className="card" aria-labelledby="delete-title">
      <h2 id="delete-title">{t('title')}</h2>
      <p>{t('text')}</p>
      {state && !state.ok && <p role="alert" className="alert alert--error">{t('failed')}</p>}
      {!asking ? (
        <button type="button" className="button button--secondary" onClick={() => setAsking(true)}>{t('open')}</button>
      ) : (
        <form action={action} className={styles.confirm}>
          <input type="hidden" name="experienceId" value={experienceId} />
          <p ref={question} tabIndex={-1}><strong>{t('question', { title })}</strong></p>
          <div className="actions">
            <button type="submit" className="button button--primary" disabled={pending} aria-disabled={pending}>
              {pending ? t('deleting') : t('confirm')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setAsking(false)}>{t('cancel')}</button>
          </div>
        </form>
      )}
    </section>
  )
}
