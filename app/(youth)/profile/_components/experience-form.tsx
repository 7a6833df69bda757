'use client'
import { useFormatter, useTranslations } from 'next-intl'
import { useActionState, useState } from 'react'
import { EXPERIENCE_KINDS, type ExperienceKind, type ExperienceFormValues } from '@/lib/profile/schemas'
import { saveExperienceAction, type ExperienceState } from '../actions'
import styles from '../profile.module.css'

export interface CredentialChoice {
  id: string
  title: string
  issuer: string | null
}

interface Props {
  experienceId?: string
  initial?: ExperienceFormValues
  credentials: CredentialChoice[]
  limits: { title: number; place: number; text: number }
  /** 'YYYY-MM' of today: years offered go back from it. */
  currentMonth: string
}

const YEARS_BACK = 40

/**
 * One experience of the path. Each field has a short example that changes with the kind chosen:
 * talking about oneself is easier with an idea of what to write.
 */
export function ExperienceForm({ experienceId, initial, credentials, limits, currentMonth }: Props) {
  const t = useTranslations('profile')
  const format = useFormatter()
  const [state, action, pending] = useActionState<ExperienceState, FormData>(saveExperienceAction, undefined)
  const values = state?.values ?? initial
  const errors = state?.fieldErrors ?? {}
  const [kind, setKind] = useState<ExperienceKind | ''>((values?.kind as ExperienceKind) || '')
  const [ongoing, setOngoing] = useState(Boolean(values?.ongoing))
  const currentYear = Number(currentMonth.slice(0, 4))
  const years = Array.from({ length: YEARS_BACK }, (_, i) => String(currentYear - i))
  const months = Array.from({ length: 12 }, (_, i) => ({
    value: String(i + 1).padStart(2, '0'),
    name: format.dateTime(new Date(Date.UTC(2000, i, 1)), { month: 'long', timeZone: 'UTC' }),
  }))
  const hintKind: ExperienceKind = kind || 'informal'
  const picked = new Set(values?.credentialIds ?? [])

  const message = (key: string) => (t.has(`errors.${key}`) ? t(`errors.${key}`) : t('errors.invalid'))
  const error = (field: keyof typeof errors, id: string) => {
    const key = errors[field]?.[0]
    return key ? <p id={id} className="field__error">{message(key)}</p> : null
  }
  const described = (field: keyof typeof errors, id: string, hint = true) =>
    [hint ? `${id}-hint` : '', errors[field] ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined

  const monthFields = (prefix: 'start' | 'end', field: 'startedOn' | 'endedOn') => {
    const value = values?.[field] ?? ''
    const [y, m] = value.split('-')
    return (
      <div className={styles.monthRow}>
        <div>
          <label className={styles.subLabel} htmlFor={`${prefix}Month`}>{t('experienceForm.month')}</label>
          <select id={`${prefix}Month`} name={`${prefix}Month`} className="select" defaultValue={m ?? ''}
            aria-invalid={errors[field] ? true : undefined} aria-describedby={errors[field] ? `${prefix}-error` : undefined}>
            <option value="">{t('experienceForm.chooseMonth')}</option>
            {months.map((mo) => <option key={mo.value} value={mo.value}>{mo.name}</option>)}
          </select>
        </div>
        <div>
          <label className={styles.subLabel} htmlFor={`${prefix}Year`}>{t('experienceForm.year')}</label>
          <select id={`${prefix}Year`} name={`${prefix}Year`} className="select" defaultValue={y ?? ''}
            aria-invalid={errors[field] ? true : undefined} aria-describedby={errors[field] ? `${prefix}-error` : undefined}>
            <option value="">{t('experienceForm.chooseYear')}</option>
            {years.map((yr) => <option key={yr} value={yr}>{yr}</option>)}
          </select>
        </div>
      </div>
    )
  }

  return (
    <form action={action} className="form" noValidate key={JSON.stringify(state?.values ?? null)}>
      {experienceId && <input type="hidden" name="experienceId" value={experienceId} />}
      {Object.keys(errors).length > 0 && (
        <div role="alert" className="alert alert--error">
          <p>{t('experienceForm.fixErrors')}</p>
          {errors.form?.map((k) => <p key={k}>{message(k)}</p>)}
        </div>
      )}

      <fieldset className="field" aria-describedby={errors.kind ? 'kind-error' : undefined}>
        <legend className="field__label">{t('experienceForm.kindLegend')}</legend>
        {error('kind', 'kind-error')}
        <div className={styles.kinds}>
          {EXPERIENCE_KINDS.map((k) => (
            <label key={k} className={styles.kindChoice}>
              <input type="radio" name="kind" value={k} defaultChecked={values?.kind === k} onChange={() => setKind(k)} />
              <span>
                <strong>{t(`kinds.${k}`)}</strong>
                <small>{t(`kindDescriptions.${k}`)}</small>
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      <div className="field">
        <label className="field__label" htmlFor="title">{t('experienceForm.title')}</label>
        <p id="title-hint" className="field__hint">{t(`experienceForm.hints.${hintKind}.title`)}</p>
        <input id="title" name="title" className="input" maxLength={limits.title} defaultValue={values?.title} autoComplete="off"
          aria-describedby={described('title', 'title')} aria-invalid={errors.title ? true : undefined} />
        {error('title', 'title-error')}
      </div>

      <div className="field">
        <label className="field__label" htmlFor="place">{t('experienceForm.place')} <span>({t('experienceForm.optional')})</span></label>
        <p id="place-hint" className="field__hint">{t(`experienceForm.hints.${hintKind}.place`)}</p>
        <input id="place" name="place" className="input" maxLength={limits.place} defaultValue={values?.place} autoComplete="off"
          aria-describedby={described('place', 'place')} aria-invalid={errors.place ? true : undefined} />
        {error('place', 'place-error')}
      </div>

      <fieldset className="field">
        <legend className="field__label">{t('experienceForm.start')}</legend>
        {monthFields('start', 'startedOn')}
        {error('startedOn', 'start-error')}
      </fieldset>

      <div className="field">
        <label className="choice">
          <input type="checkbox" name="ongoing" checked={ongoing} onChange={(e) => setOngoing(e.target.checked)} />
          {t('experienceForm.ongoing')}
        </label>
      </div>

      {!ongoing && (
        <fieldset className="field">
          <legend className="field__label">{t('experienceForm.end')}</legend>
          {monthFields('end', 'endedOn')}
          {error('endedOn', 'end-error')}
        </fieldset>
      )}

      <div className="field">
        <label className="field__label" htmlFor="whatIDid">{t('experienceForm.whatIDid')} <span>({t('experienceForm.optional')})</span></label>
        <p id="whatIDid-hint" className="field__hint">{t(`experienceForm.hints.${hintKind}.whatIDid`)}</p>
        <textarea id="whatIDid" name="whatIDid" className="textarea" rows={4} maxLength={limits.text} defaultValue={values?.whatIDid}
          aria-describedby={described('whatIDid', 'whatIDid')} aria-invalid={errors.whatIDid ? true : undefined} />
        {error('whatIDid', 'whatIDid-error')}
      </div>

      <div className="field">
        <label className="field__label" htmlFor="whatILearned">{t('experienceForm.whatILearned')} <span>({t('experienceForm.optional')})</span></label>
        <p id="whatILearned-hint" className="field__hint">{t(`experienceForm.hints.${hintKind}.whatILearned`)}</p>
        <textarea id="whatILearned" name="whatILearned" className="textarea" rows={4} maxLength={limits.text} defaultValue={values?.whatILearned}
          aria-describedby={described('whatILearned', 'whatILearned')} aria-invalid={errors.whatILearned ? true : undefined} />
        {error('whatILearned', 'whatILearned-error')}
      </div>

      <fieldset className="field" aria-describedby={`credentials-hint${errors.credentialIds ? ' credentials-error' : ''}`}>
        <legend className="field__label">{t('experienceForm.credentialsLegend')} <span>({t('experienceForm.optional')})</span></legend>
        <p id="credentials-hint" className="field__hint">{credentials.length ? t('experienceForm.credentialsHint') : t('experienceForm.noCredentials')}</p>
        {error('credentialIds', 'credentials-error')}
        {credentials.length > 0 && (
          <ul className={styles.choices}>
            {credentials.map((c) => (
              <li key={c.id}>
                <label className="choice">
                  <input type="checkbox" name="credentialIds" value={c.id} defaultChecked={picked.has(c.id)} />
                  <span>{c.title}{c.issuer ? ` · ${c.issuer}` : ''}</span>
                </label>
              </li>
            ))}
          </ul>
        )}
      </fieldset>

      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={pending} aria-disabled={pending}>
          {pending ? t('experienceForm.saving') : t('experienceForm.save')}
        </button>
      </div>
    </form>
  )
}
