'use client'
import { useTranslations } from 'next-intl'
import { useState } from 'react'
import { ConceptOptionText } from '@/app/_components/concept-option'
import { useCombobox } from '@/app/_components/use-combobox'
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
  const [text, setText] = useState(defaultLabel ?? '')
  const [chosen, setChosen] = useState<{ uri: string; label: string } | undefined>(defaultUri ? { uri: defaultUri, label: defaultLabel ?? defaultUri } : undefined)
  const { results, status } = useTaxonomySearch(chosen && text === chosen.label ? '' : text, lang, KINDS)
  const box = useCombobox({
    options: results,
    resetOn: results,
    onPick: (c: Concept) => {
      setChosen({ uri: c.uri, label: c.label })
      setText(c.label)
    },
  })

  const statusText = status === 'unavailable' ? t('unavailable')
    : status === 'loading' ? t('loading')
    : status === 'done' && text.trim().length >= 2 && !(chosen && text === chosen.label) ? t('count', { count: results.length })
    : chosen ? t('skillChosen', { label: chosen.label }) : ''

  return (
    <div className={`field ${styles.combobox}`}>
      <label className="field__label" htmlFor="skill-search">{t('skill')}</label>
      <input
        id="skill-search" name="skillLabel" className="input" type="text" {...box.inputProps}
        aria-describedby="skill-search-hint skill-search-status"
        maxLength={200} value={text}
        onChange={(e) => {
          setText(e.target.value)
          box.show()
          if (chosen && e.target.value !== chosen.label) setChosen(undefined)
        }}
      />
      <ul {...box.listboxProps} aria-label={t('suggestions')} className={styles.options}>
        {results.map((c, i) => (
          <li key={c.uri} {...box.optionProps(c, i)}
            className={`${styles.option}${i === box.active ? ` ${styles.optionActive}` : ''}`}>
            <ConceptOptionText concept={c} lang={lang} />
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
