'use client'
import { useLocale, useTranslations } from 'next-intl'
import { useActionState, useRef, useState } from 'react'
import { EscoAttribution } from '@/app/_components/esco-attribution'
import { useCombobox } from '@/app/_components/use-combobox'
import { useTaxonomySearch } from '@/app/_components/use-taxonomy-search'
import { AVAILABILITIES, LANGUAGE_CODES, LANGUAGE_LEVELS, type GoalsFormValues } from '@/lib/profile/schemas'
import { saveGoalsAction, type GoalsState } from '../actions'
import styles from '../profile.module.css'
import { languageName } from './language-name'

interface Goal { occupationUri: string | null; label: string }
interface Language { code: string; level: string }

interface Props {
  initial: GoalsFormValues
  limits: { goals: number; goal: number; region: number; languages: number }
}

const OCCUPATIONS = ['occupation'] as const

/** Goals (ESCO occupations or own words, ordered), region, availability and languages with a level. */
export function GoalsForm({ initial, limits }: Props) {
  const t = useTranslations('profile')
  const locale = useLocale()
  const [state, action, pending] = useActionState<GoalsState, FormData>(saveGoalsAction, undefined)
  const values = state?.values ?? initial
  const errors = state?.fieldErrors ?? {}
  const [goals, setGoals] = useState<Goal[]>(values.goals.filter((g) => g && typeof g.label === 'string'))
  const [languages, setLanguages] = useState<Language[]>(values.languages.filter((l) => l && typeof l.code === 'string'))
  const [text, setText] = useState('')
  const [notice, setNotice] = useState('')
  const input = useRef<HTMLInputElement>(null)
  const { results, status } = useTaxonomySearch(text, locale, OCCUPATIONS)
  const options = results.filter((r) => !goals.some((g) => g.occupationUri === r.uri))
  const full = goals.length >= limits.goals
  const box = useCombobox({
    options,
    resetOn: results,
    onPick: (o) => add({ occupationUri: o.uri, label: o.label }),
    // Enter chooses; it never submits the form from here.
    onEnter: (e) => e.preventDefault(),
  })

  const message = (key: string) => (t.has(`errors.${key}`) ? t(`errors.${key}`) : t('errors.invalid'))
  const error = (field: keyof typeof errors, id: string) => {
    const key = errors[field]?.[0]
    return key ? <p id={id} className="field__error">{message(key)}</p> : null
  }

  function add(goal: Goal) {
    if (full) return
    setGoals((list) => [...list, goal])
    setText('')
    box.hide()
    setNotice(t('goalsForm.picked', { label: goal.label }))
  }
  function move(i: number, step: number) {
    setGoals((list) => {
      const next = [...list]
      const [g] = next.splice(i, 1)
      next.splice(i + step, 0, g!)
      return next
    })
  }
  const typed = text.trim()
  const statusText = full ? t('goalsForm.full', { max: limits.goals })
    : status === 'unavailable' ? t('goalsForm.unavailable')
    : status === 'loading' ? t('goalsForm.loading')
    : status === 'done' && typed.length >= 2 ? (options.length ? t('goalsForm.count', { count: options.length }) : t('goalsForm.none'))
    : ''

  return (
    <form action={action} className="form" noValidate>
      {Object.keys(errors).length > 0 && <p role="alert" className="alert alert--error">{t('goalsForm.fixErrors')}</p>}

      <fieldset className="field" aria-describedby={`jobs-hint${errors.goals ? ' jobs-error' : ''}`}>
        <legend className="field__label">{t('goalsForm.jobsLegend')}</legend>
        <p id="jobs-hint" className="field__hint">{t('goalsForm.jobsHint', { max: limits.goals })}</p>
        {error('goals', 'jobs-error')}
        {goals.length === 0 ? <p className={styles.meta}>{t('goalsForm.noJobs')}</p> : (
          <ol className={styles.goals}>
            {goals.map((g, i) => (
              <li key={`${g.occupationUri ?? ''}|${g.label}`} className={styles.goal}>
                <input type="hidden" name="goals" value={JSON.stringify(g)} />
                <span className={styles.goalText}>
                  {g.label}
                  <small>{g.occupationUri ? t('goalsForm.fromList') : t('goalsForm.ownWords')}</small>
                </span>
                <span className={styles.goalButtons}>
                  <button type="button" className={`button button--small button--secondary ${styles.iconButton}`} disabled={i === 0}
                    aria-label={t('goalsForm.up', { label: g.label })} onClick={() => move(i, -1)}><span aria-hidden="true">↑</span></button>
                  <button type="button" className={`button button--small button--secondary ${styles.iconButton}`} disabled={i === goals.length - 1}
                    aria-label={t('goalsForm.down', { label: g.label })} onClick={() => move(i, 1)}><span aria-hidden="true">↓</span></button>
                  <button type="button" className={`button button--small button--secondary ${styles.iconButton}`}
                    aria-label={t('goalsForm.remove', { label: g.label })}
                    onClick={() => { setGoals((list) => list.filter((_, j) => j !== i)); setNotice(t('goalsForm.removed', { label: g.label })); input.current?.focus() }}>
                    <span aria-hidden="true">×</span>
                  </button>
                </span>
              </li>
            ))}
          </ol>
        )}

        <div className={`${styles.combobox} field`}>
          <label className={styles.subLabel} htmlFor="job-search">{t('goalsForm.search')}</label>
          <p id="job-search-hint" className="field__hint">{t('goalsForm.searchHint')}</p>
          <input
            ref={input} id="job-search" className="input" type="text" {...box.inputProps}
            aria-describedby="job-search-hint job-search-status"
            maxLength={limits.goal} value={text} disabled={full}
            onChange={(e) => { setText(e.target.value); box.show(); setNotice('') }}
          />
          <ul {...box.listboxProps} aria-label={t('goalsForm.search')} className={styles.listbox}>
            {options.map((o, i) => (
              <li key={o.uri} {...box.optionProps(o, i)}
                className={`${styles.option}${i === box.active ? ` ${styles.optionActive}` : ''}`}>
                {o.label}
              </li>
            ))}
          </ul>
          <p id="job-search-status" className="field__hint" role="status" aria-live="polite">{notice || statusText}</p>
          {typed.length >= 2 && !full && (
            <button type="button" className="button button--small button--secondary" onClick={() => add({ occupationUri: null, label: typed })}>
              {t('goalsForm.addFree', { label: typed })}
            </button>
          )}
          <EscoAttribution />
        </div>
      </fieldset>

      <div className="field">
        <label className="field__label" htmlFor="region">{t('goalsForm.region')}</label>
        <p id="region-hint" className="field__hint">{t('goalsForm.regionHint')}</p>
        <input id="region" name="region" className="input" maxLength={limits.region} defaultValue={values.region} autoComplete="address-level1"
          aria-describedby={`region-hint${errors.region ? ' region-error' : ''}`} aria-invalid={errors.region ? true : undefined} />
        {error('region', 'region-error')}
      </div>

      <fieldset className="field" aria-describedby={errors.availability ? 'availability-error' : undefined}>
        <legend className="field__label">{t('goalsForm.availabilityLegend')}</legend>
        {AVAILABILITIES.map((a) => (
          <label key={a} className="choice">
            <input type="radio" name="availability" value={a} defaultChecked={values.availability === a} />
            {t(`availability.${a}`)}
          </label>
        ))}
        <label className="choice">
          <input type="radio" name="availability" value="" defaultChecked={!values.availability} />
          {t('goalsForm.availabilityNone')}
        </label>
        {error('availability', 'availability-error')}
      </fieldset>

      <fieldset className="field" aria-describedby={`languages-hint${errors.languages ? ' languages-error' : ''}`}>
        <legend className="field__label">{t('goalsForm.languagesLegend')}</legend>
        <p id="languages-hint" className="field__hint">{t('goalsForm.languagesHint')}</p>
        {error('languages', 'languages-error')}
        {languages.map((l, i) => (
          <fieldset key={i} className={styles.languageRow}>
            <legend className="visually-hidden">{t('goalsForm.languageRow', { n: i + 1 })}</legend>
            <input type="hidden" name="languages" value={JSON.stringify(l)} />
            <div>
              <label className={styles.subLabel} htmlFor={`language-${i}`}>{t('goalsForm.language')}</label>
              <select id={`language-${i}`} className="select" value={l.code}
                onChange={(e) => setLanguages((list) => list.map((x, j) => (j === i ? { ...x, code: e.target.value } : x)))}>
                <option value="">{t('goalsForm.chooseLanguage')}</option>
                {LANGUAGE_CODES.map((c) => <option key={c} value={c}>{languageName(c, locale)}</option>)}
              </select>
            </div>
            <div>
              <label className={styles.subLabel} htmlFor={`level-${i}`}>{t('goalsForm.level')}</label>
              <select id={`level-${i}`} className="select" value={l.level}
                onChange={(e) => setLanguages((list) => list.map((x, j) => (j === i ? { ...x, level: e.target.value } : x)))}>
                {LANGUAGE_LEVELS.map((lv) => <option key={lv} value={lv}>{t(`levels.${lv}`)}</option>)}
              </select>
            </div>
            <button type="button" className="button button--small button--secondary"
              onClick={() => setLanguages((list) => list.filter((_, j) => j !== i))}>{t('goalsForm.removeLanguage')}</button>
          </fieldset>
        ))}
        {languages.length < limits.languages && (
          <button type="button" className="button button--small button--secondary"
            onClick={() => setLanguages((list) => [...list, { code: '', level: 'fluent' }])}>{t('goalsForm.addLanguage')}</button>
        )}
      </fieldset>

      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={pending} aria-disabled={pending}>
          {pending ? t('goalsForm.saving') : t('goalsForm.save')}
        </button>
      </div>
    </form>
  )
}
