'use client'
import { useLocale, useTranslations } from 'next-intl'
import { useRef, useState } from 'react'
import { EscoAttribution } from '@/app/_components/esco-attribution'
import { ConceptOptionText } from '@/app/_components/concept-option'
import { useCombobox } from '@/app/_components/use-combobox'
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
  const [text, setText] = useState(defaultLabel)
  const [uri, setUri] = useState(defaultUri)
  const [linkedLabel, setLinkedLabel] = useState(defaultUri ? defaultLabel : '')
  const [notice, setNotice] = useState('')
  const input = useRef<HTMLInputElement>(null)
  const { results, status } = useTaxonomySearch(uri ? '' : text, locale, SKILLS)
  const box = useCombobox({
    options: results,
    resetOn: results,
    onPick: (c) => {
      setText(c.label)
      setUri(c.uri)
      setLinkedLabel(c.label)
      setNotice(t('picker.picked', { label: c.label }))
    },
  })
  const statusText = status === 'unavailable' ? t('picker.unavailable')
    : status === 'loading' ? t('picker.loading')
    : status === 'done' && !uri && text.trim().length >= 2 ? (results.length ? t('picker.count', { count: results.length }) : t('picker.none'))
    : ''

  return (
    <div className={`field ${styles.combobox}`}>
      <label className="field__label" htmlFor="skillLabel">{t('form.skill')}</label>
      <p id="skillLabel-hint" className="field__hint">{t('form.skillHint')}</p>
      <input
        ref={input} id="skillLabel" name="skillLabel" className="input" type="text" {...box.inputProps}
        aria-invalid={error ? true : undefined}
        aria-describedby={`skillLabel-hint skillLabel-status${error ? ' skillLabel-error' : ''}`}
        maxLength={maxLength} value={text}
        onChange={(e) => { setText(e.target.value); box.show(); setNotice('') }}
      />
      <ul {...box.listboxProps} aria-label={t('form.skill')} className={styles.listbox}>
        {results.map((c, i) => (
          <li key={c.uri} {...box.optionProps(c, i)}
            className={`${styles.option}${i === box.active ? ` ${styles.optionActive}` : ''}`}>
            <ConceptOptionText concept={c} lang={locale} />
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
