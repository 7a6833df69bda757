'use client'
import { useLocale, useTranslations } from 'next-intl'
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react'
import { EscoAttribution } from '@/app/_components/esco-attribution'
import { useTaxonomySearch } from '@/app/_components/use-taxonomy-search'
import styles from '../stories.module.css'

const SKILLS = ['skill'] as const

interface Props {
  defaultLabel: string
  /** The ESCO skill already chosen (its label is the one the young person kept). */
  defaultUri: string
  maxLength: number
  error?: string
}

/**
 * The skill of a story: an ESCO skill picked from the list (WAI-ARIA combobox: arrows, Enter,
 * Escape), or the young person's own words when nothing is picked. Posts `skillLabel` and `skillUri`.
 */
export function SkillCombobox({ defaultLabel, defaultUri, maxLength, error }: Props) {
  const t = useTranslations('stories')
  const locale = useLocale()
  const listId = useId()
  const [text, setText] = useState(defaultLabel)
  const [uri, setUri] = useState(defaultUri)
  const [linkedLabel, setLinkedLabel] = useState(defaultUri ? defaultLabel : '')
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(-1)
  const [notice, setNotice] = useState('')
  const input = useRef<HTMLInputElement>(null)
  const { results, status } = useTaxonomySearch(uri ? '' : text, locale, SKILLS)
  const expanded = open && results.length > 0
  useEffect(() => setActive(-1), [results])

  function pick(i: number) {
    const c = results[i]
    if (!c) return
    setText(c.label)
    setUri(c.uri)
    setLinkedLabel(c.label)
    setOpen(false)
    setNotice(t('picker.picked', { label: c.label }))
  }
  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault()
      if (!results.length) return
      setOpen(true)
      const step = e.key === 'ArrowDown' ? 1 : -1
      setActive((i) => (i + step + results.length) % results.length)
    } else if (e.key === 'Enter' && expanded && active >= 0) {
      e.preventDefault()
      pick(active)
    } else if (e.key === 'Escape' && expanded) {
      e.preventDefault()
      setOpen(false)
    }
  }
  const statusText = status === 'unavailable' ? t('picker.unavailable')
    : status === 'loading' ? t('picker.loading')
    : status === 'done' && !uri && text.trim().length >= 2 ? (results.length ? t('picker.count', { count: results.length }) : t('picker.none'))
    : ''

  return (
    <div className={`field ${styles.combobox}`}>
      <label className="field__label" htmlFor="skillLabel">{t('form.skill')}</label>
      <p id="skillLabel-hint" className="field__hint">{t('form.skillHint')}</p>
      <input
        ref={input} id="skillLabel" name="skillLabel" className="input" type="text" role="combobox"
        aria-autocomplete="list" aria-expanded={expanded} aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={`skillLabel-hint skillLabel-status${error ? ' skillLabel-error' : ''}`}
        autoComplete="off" spellCheck={false} maxLength={maxLength} value={text}
        onChange={(e) => { setText(e.target.value); setOpen(true); setNotice('') }}
        onKeyDown={onKeyDown} onFocus={() => setOpen(true)} onBlur={() => setOpen(false)}
      />
      <ul id={listId} role="listbox" aria-label={t('form.skill')} className={styles.listbox} hidden={!expanded} onMouseDown={(e) => e.preventDefault()}>
        {results.map((c, i) => (
          <li key={c.uri} id={`${listId}-${i}`} role="option" aria-selected={i === active}
            className={`${styles.option}${i === active ? ` ${styles.optionActive}` : ''}`}
            onClick={() => pick(i)} onMouseMove={() => setActive(i)}>
            {c.label}
          </li>
        ))}
      </ul>
      <p id="skillLabel-status" className="field__hint" role="status" aria-live="polite">{notice || statusText}</p>
      {error && <p id="skillLabel-error" className="field__error">{error}</p>}
      <input type="hidden" name="skillUri" value={uri} />
      {uri && (
        <p className={styles.linked}>
          {t('picker.linked')} <strong>{linkedLabel}</strong>{' '}
          <button type="button" className={styles.linkButton} onClick={() => { setUri(''); setLinkedLabel(''); input.current?.focus() }}>
            {t('picker.unlink')}
          </button>
        </p>
      )}
      <EscoAttribution />
    </div>
  )
}
