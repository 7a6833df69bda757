'use client'
import { useTranslations } from 'next-intl'
import { useActionState, useState } from 'react'
import { LEVELS } from '@/lib/credentials/templates/skill-badge'
import type { AttesterChoice } from '@/lib/stories/service'
import {
  answerProposalAction, deleteStoryAction, requestAttestationAction, selfDeclareAction, type StoryActionState,
} from '../actions'
import styles from '../stories.module.css'

function Refusal({ state }: { state: StoryActionState }) {
  const t = useTranslations('stories')
  if (!state) return null
  return <p role="alert" className="alert alert--error">{t.has(`errors.${state.error}`) ? t(`errors.${state.error}`) : t('errors.invalid')}</p>
}

/** Sends the story to one of the counsellors or tutors who know the young person. */
export function AskForm({ storyId, attesters }: { storyId: string; attesters: AttesterChoice[] }) {
  const t = useTranslations('stories')
  const [state, action, pending] = useActionState<StoryActionState, FormData>(requestAttestationAction, undefined)
  if (attesters.length === 0) return <p className={styles.muted}>{t('ask.none')}</p>
  return (
    <form action={action} className="form" noValidate>
      <input type="hidden" name="storyId" value={storyId} />
      <Refusal state={state} />
      <fieldset className="field">
        <legend className="field__label">{t('ask.attester')}</legend>
        <ul className={styles.choices}>
          {attesters.map((a) => (
            <li key={a.id}>
              <label className="choice">
                <input type="radio" name="attesterId" value={a.id} required />
                <span><strong>{a.name}</strong> · {t(`ask.roles.${a.role}`)}, {a.organisationName}</span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={pending} aria-disabled={pending}>{pending ? t('ask.sending') : t('ask.submit')}</button>
      </div>
    </form>
  )
}

/** Keeps the story as self-declared, at the level the young person says. */
export function SelfDeclareForm({ storyId }: { storyId: string }) {
  const t = useTranslations('stories')
  const [state, action, pending] = useActionState<StoryActionState, FormData>(selfDeclareAction, undefined)
  return (
    <form action={action} className="form" noValidate>
      <input type="hidden" name="storyId" value={storyId} />
      <Refusal state={state} />
      <fieldset className="field">
        <legend className="field__label">{t('self.level')}</legend>
        <ul className={styles.choices}>
          {LEVELS.map((l) => (
            <li key={l}>
              <label className="choice"><input type="radio" name="level" value={l} defaultChecked={l === 'practising'} /> {t(`levels.${l}`)}</label>
            </li>
          ))}
        </ul>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button button--secondary" disabled={pending} aria-disabled={pending}>{pending ? t('self.saving') : t('self.submit')}</button>
      </div>
    </form>
  )
}

/** Takes the attester's proposal or keeps the young person's own text. */
export function ProposalAnswer({ storyId }: { storyId: string }) {
  const t = useTranslations('stories')
  const [state, action, pending] = useActionState<StoryActionState, FormData>(answerProposalAction, undefined)
  return (
    <form action={action} noValidate>
      <input type="hidden" name="storyId" value={storyId} />
      <Refusal state={state} />
      <div className="actions">
        <button type="submit" name="choice" value="accept" className="button button--primary" disabled={pending}>{t('proposal.accept')}</button>
        <button type="submit" name="choice" value="keep" className="button button--secondary" disabled={pending}>{t('proposal.keep')}</button>
      </div>
    </form>
  )
}

/** Deletes a draft after a second, explicit click. */
export function DeleteStory({ storyId }: { storyId: string }) {
  const t = useTranslations('stories')
  const [state, action, pending] = useActionState<StoryActionState, FormData>(deleteStoryAction, undefined)
  const [asking, setAsking] = useState(false)
  if (!asking) return <button type="button" className="button button--small button--secondary" onClick={() => setAsking(true)}>{t('detail.delete')}</button>
  return (
    <form action={action} className={styles.confirm} noValidate>
      <input type="hidden" name="storyId" value={storyId} />
      <Refusal state={state} />
      <p role="status">{t('detail.deleteQuestion')}</p>
      <div className="actions">
        <button type="submit" className="button button--small button--primary" disabled={pending}>{t('detail.deleteConfirm')}</button>
        <button type="button" className="button button--small button--secondary" onClick={() => setAsking(false)}>{t('detail.deleteCancel')}</button>
      </div>
    </form>
  )
}
