'use client'
import { useTranslations } from 'next-intl'
import { useActionState, useState } from 'react'
import { LEVELS } from '@/lib/credentials/templates/skill-badge'
import { NOTE_MAX, SKILL_MAX, TEXT_MAX } from '@/lib/stories/schemas'
import type { StoryTexts } from '@/lib/stories/service'
import { RadioGroup, TextAreaField, TextField } from '../../_components/form-field'
import { attestStoryAction, declineStoryAction, proposeEditsAction, type AttesterActionState } from './actions'

type Action = (prev: AttesterActionState, form: FormData) => Promise<AttesterActionState>

/** The form state of one attester action, with its errors translated (stories.json `errors.*`). */
function useAttesterForm(action: Action) {
  const t = useTranslations('stories')
  const [state, formAction, pending] = useActionState<AttesterActionState, FormData>(action, undefined)
  const text = (key: string | undefined) => (key ? (t.has(`errors.${key}`) ? t(`errors.${key}`) : t('errors.invalid')) : undefined)
  const error = (field: string) => text(state?.fieldErrors[field]?.[0])
  const banner = state ? (
    <div role="alert" className="alert alert--error">
      <p>{t('attester.fixErrors')}</p>
      {state.fieldErrors.form?.map((k) => <p key={k}>{text(k)}</p>)}
    </div>
  ) : null
  return { t, state, formAction, pending, error, banner, value: (name: string) => state?.values[name] }
}

/** Edits the story's words and skill label, with a note: the young person accepts or keeps their own. */
export function ProposeForm({ storyId, story }: { storyId: string; story: StoryTexts }) {
  const { t, formAction, pending, error, banner, value } = useAttesterForm(proposeEditsAction)
  return (
    <form action={formAction} className="form" noValidate>
      <input type="hidden" name="storyId" value={storyId} />
      {banner}
      <TextField name="skillLabel" id="p-skillLabel" label={t('attester.propose.skillLabel')} defaultValue={value('skillLabel') ?? story.skillLabel} maxLength={SKILL_MAX} error={error('skillLabel')} />
      {(['situation', 'whatIDid', 'outcome'] as const).map((part) => (
        <TextAreaField key={part} name={part} id={`p-${part}`} label={t(`detail.${part}`)} rows={4} maxLength={TEXT_MAX}
          defaultValue={value(part) ?? story[part]} error={error(part)} />
      ))}
      <TextAreaField name="note" id="p-note" label={t('attester.propose.note')} hint={t('attester.propose.noteHint')} rows={3} maxLength={NOTE_MAX}
        defaultValue={value('note')} error={error('note')} />
      <div className="form-actions">
        <button type="submit" className="button button--secondary" disabled={pending} aria-disabled={pending}>{pending ? t('attester.propose.sending') : t('attester.propose.submit')}</button>
      </div>
    </form>
  )
}

/** Declines with a message the young person reads (required). */
export function DeclineForm({ storyId }: { storyId: string }) {
  const { t, formAction, pending, error, banner, value } = useAttesterForm(declineStoryAction)
  return (
    <form action={formAction} className="form" noValidate>
      <input type="hidden" name="storyId" value={storyId} />
      {banner}
      <TextAreaField name="message" id="d-message" label={t('attester.decline.message')} hint={t('attester.decline.text')} rows={3} maxLength={NOTE_MAX}
        defaultValue={value('message')} error={error('message')} />
      <div className="form-actions">
        <button type="submit" className="button button--secondary" disabled={pending} aria-disabled={pending}>{pending ? t('attester.decline.sending') : t('attester.decline.submit')}</button>
      </div>
    </form>
  )
}

/** Issues the badge: how the attester knows (witnessed, or assessed with criteria) and the level reached. */
export function IssueForm({ storyId }: { storyId: string }) {
  const { t, formAction, pending, error, banner, value } = useAttesterForm(attestStoryAction)
  const [evidence, setEvidence] = useState(value('evidenceLevel') ?? '')
  return (
    <form action={formAction} className="form" noValidate>
      <input type="hidden" name="storyId" value={storyId} />
      {banner}
      <RadioGroup name="evidenceLevel" id="i-evidence" legend={t('attester.issue.evidence')} error={error('evidenceLevel')} defaultValue={evidence || undefined} onChange={setEvidence}
        options={[
          { value: 'witnessed', label: t('attester.issue.witnessed'), description: t('attester.issue.witnessedHelp') },
          { value: 'assessed', label: t('attester.issue.assessed'), description: t('attester.issue.assessedHelp') },
        ]} />
      {evidence === 'assessed' && (
        <TextAreaField name="criteria" id="i-criteria" label={t('attester.issue.criteria')} hint={t('attester.issue.criteriaHint')} rows={4} maxLength={4000}
          defaultValue={value('criteria')} error={error('criteria')} />
      )}
      <RadioGroup name="level" id="i-level" legend={t('attester.issue.level')} error={error('level')} defaultValue={value('level')}
        options={LEVELS.map((l) => ({ value: l, label: t(`attester.levels.${l}`) }))} />
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={pending} aria-disabled={pending}>{pending ? t('attester.issue.sending') : t('attester.issue.submit')}</button>
      </div>
    </form>
  )
}
