'use client'
import { useTranslations } from 'next-intl'
import { useActionState, useState } from 'react'
import type { StoryFormValues } from '@/lib/stories/schemas'
import { saveStoryAction, type StoryFormState } from '../actions'
import styles from '../stories.module.css'
import { SkillCombobox } from './skill-combobox'

interface Props {
  initial?: StoryFormValues
  experiences: { id: string; title: string }[]
  limits: { skill: number; text: number }
}

const PARTS = ['situation', 'whatIDid', 'outcome'] as const

/** A story in three guided parts, each with a plain question and an example; saved as a draft. */
export function StoryForm({ initial, experiences, limits }: Props) {
  const t = useTranslations('stories')
  const [state, action, pending] = useActionState<StoryFormState, FormData>(saveStoryAction, undefined)
  const values = state?.values ?? initial
  const errors = state?.fieldErrors ?? {}
  const message = (key: string) => (t.has(`errors.${key}`) ? t(`errors.${key}`) : t('errors.invalid'))
  const first = (field: keyof typeof errors) => (errors[field]?.[0] ? message(errors[field]![0]!) : undefined)

  return (
    // The key re-mounts the fields with what was typed when the action answers with errors.
    <form action={action} className="form" noValidate key={JSON.stringify(state?.values ?? null)}>
      {values?.storyId && <input type="hidden" name="storyId" value={values.storyId} />}
      {Object.keys(errors).length > 0 && (
        <div role="alert" className="alert alert--error">
          <p>{t('form.fixErrors')}</p>
          {errors.form?.map((k) => <p key={k}>{message(k)}</p>)}
        </div>
      )}
      <SkillCombobox defaultLabel={values?.skillLabel ?? ''} defaultUri={values?.skillUri ?? ''} maxLength={limits.skill} error={first('skillLabel')} />
      {PARTS.map((part) => <StoryPart key={part} part={part} defaultValue={values?.[part] ?? ''} max={limits.text} error={first(part)} />)}
      {experiences.length > 0 && (
        <div className="field">
          <label className="field__label" htmlFor="experienceId">{t('form.experience')} <span>({t('form.optional')})</span></label>
          <p id="experienceId-hint" className="field__hint">{t('form.experienceHint')}</p>
          <select id="experienceId" name="experienceId" className="select" defaultValue={values?.experienceId ?? ''}
            aria-describedby={`experienceId-hint${errors.experienceId ? ' experienceId-error' : ''}`} aria-invalid={errors.experienceId ? true : undefined}>
            <option value="">{t('form.noExperience')}</option>
            {experiences.map((e) => <option key={e.id} value={e.id}>{e.title}</option>)}
          </select>
          {errors.experienceId && <p id="experienceId-error" className="field__error">{first('experienceId')}</p>}
        </div>
      )}
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={pending} aria-disabled={pending}>
          {pending ? t('form.saving') : t('form.save')}
        </button>
      </div>
    </form>
  )
}

function StoryPart({ part, defaultValue, max, error }: { part: (typeof PARTS)[number]; defaultValue: string; max: number; error?: string }) {
  const t = useTranslations('stories')
  const [length, setLength] = useState(defaultValue.length)
  return (
    <div className="field">
      <label className="field__label" htmlFor={part}>{t(`form.${part}`)}</label>
      <p id={`${part}-hint`} className="field__hint">{t(`form.${part}Hint`)}</p>
      <textarea id={part} name={part} className="textarea" rows={4} maxLength={max} defaultValue={defaultValue}
        onChange={(e) => setLength(e.target.value.length)}
        aria-describedby={`${part}-hint ${part}-count${error ? ` ${part}-error` : ''}`} aria-invalid={error ? true : undefined} />
      <p id={`${part}-count`} className={styles.counter}>{t('form.counter', { count: length, max })}</p>
      {error && <p id={`${part}-error`} className="field__error">{error}</p>}
    </div>
  )
}
