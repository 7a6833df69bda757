'use client'
import { useTranslations } from 'next-intl'
import { useEffect, useId, useState, type KeyboardEvent } from 'react'
import { useTaxonomySearch, type Concept } from '@/app/_components/use-taxonomy-search'
import styles from '../directory.module.css'

const KINDS = ['skill', 'key_competence'] as const

/**
 * The search's skill: an accessible combobox (WAI-ARIA 1.2 combobox with a listbox popup) over the
 * taxonomies. Submits `skill` (the chosen concept's URI) and `skillLabel` (its label, to refill the
 * field); text typed without choosing from the list is not a filter.
 */
export function SkillCombobox({ lang, defaultUri, defaultLabel }: { lang: string; defaultUri?: string; defaultLabel?: string }) {
  const t = useTranslations('directory.filters')
  const listId = useId()
  const [text, setText] = useState(defaultLabel ?? '')
  const [chosen, setChosen] = useState<{ uri: string; label: string } | undefined>(defaultUri ? { uri: defaultUri, label: defaultLabel ?? defaultUri } : undefined)
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(-1)
  const { results, status } = useTaxonomySearch(chosen && text === chosen.label ? '' : text, lang, KINDS)
  const expanded = open && results.length > 0
  useEffect(() => setActive(-1), [results])

  function pick(c: Concept) {
    setChosen({ uri: c.uri, label: c.label })
    setText(c.label)
    setOpen(false)
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault()
      if (!results.length) return
      setOpen(true)
      const step = e.key === 'ArrowDown' ? 1 : -1
      setActive((i) => (i + step + results.length) % results.length)
    } else if (e.key === 'Enter' && expanded && active >= 0 && results[active]) {
      e.preventDefault()
      pick(results[active])
    } else if (e.key === 'Escape' && expanded) {
      e.preventDefault()
      setOpen(false)
    }
  }

  const statusText = status === 'unavailable' ? t('unavailable')
    : status === 'loading' ? t('loading')
    : status === 'done' && text.trim().length >= 2 && !(chosen && text === chosen.label) ? t('count', { count: results.length })
    : chosen ? t('skillChosen', { label: chosen.label }) : ''

  return (
    <div className={`field ${styles.combobox}`}>
      <label className="field__label" htmlFor="skill-search">{t('skill')}</label>
      <input
        id="skill-search" name="skillLabel" className="input" type="text" role="combobox"
        aria-autocomplete="list" aria-expanded={expanded} aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
        aria-describedby="skill-search-hint skill-search-status"
        autoComplete="off" spellCheck={false} maxLength={200} value={text}
        onChange={(e) => {
          setText(e.target.value)
          setOpen(true)
          if (chosen && e.target.value !== chosen.label) setChosen(undefined)
        }}
        onKeyDown={onKeyDown}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
      />
      <ul id={listId} role="listbox" aria-label={t('suggestions')} className={styles.options} hidden={!expanded} onMouseDown={(e) => e.preventDefault()}>
        {results.map((c, i) => (
          <li key={c.uri} id={`${listId}-${i}`} role="option" aria-selected={i === active}
            className={`${styles.option}${i === active ? ` ${styles.optionActive}` : ''}`}
            onClick={() => pick(c)} onMouseMove={() => setActive(i)}>
            {c.label}
          </li>
        ))}
      </ul>
      <p className="field__hint" id="skill-search-hint">{t('skillHint')}</p>
      <p className="field__hint" id="skill-search-status" role="status" aria-live="polite">{statusText}</p>
      <input type="hidden" name="skill" value={chosen?.uri ?? ''} />
      {chosen && (
        <button type="button" className={styles.linkButton} onClick={() => { setChosen(undefined); setText('') }}>{t('clearSkill')}</button>
      )}
    </div>
  )
}
