'use client'
import { useTranslations } from 'next-intl'
import { useRef, useState } from 'react'
import { ConceptOptionText } from '@/app/_components/concept-option'
import { EscoAttribution } from '@/app/_components/esco-attribution'
import { useCombobox } from '@/app/_components/use-combobox'
import { useTaxonomySearch, type Concept } from '@/app/_components/use-taxonomy-search'
import { capitalise } from '@/lib/i18n/text'
import { describedBy, FieldMessages } from '../../_components/form-field'

export type { Concept }

const KINDS = ['skill', 'key_competence'] as const

interface Common {
  id: string
  label: string
  hint?: string
  error?: string
  lang: string
}

/**
 * An accessible combobox (WAI-ARIA 1.2 "combobox with listbox popup"): type, move with the arrow
 * keys, choose with Enter, close with Escape. `single` keeps free text when nothing is chosen (the
 * badge then names the skill without an alignment); `multi` collects chosen concepts only.
 */
export function ConceptCombobox(props: Common & (
  | { mode: 'single'; name: string; conceptName: string; defaultText?: string; defaultConcept?: Concept }
  | { mode: 'multi'; listName: string; defaultConcepts?: Concept[] }
)) {
  const t = useTranslations('issuer.picker')
  const [text, setText] = useState(props.mode === 'single' ? (props.defaultText ?? '') : '')
  const [concept, setConcept] = useState<Concept | undefined>(props.mode === 'single' ? props.defaultConcept : undefined)
  const [chosen, setChosen] = useState<Concept[]>(props.mode === 'multi' ? (props.defaultConcepts ?? []) : [])
  const [notice, setNotice] = useState('')
  const input = useRef<HTMLInputElement>(null)
  const { results, status } = useTaxonomySearch(text, props.lang, KINDS)
  const options = props.mode === 'multi' ? results.filter((r) => !chosen.some((c) => c.uri === r.uri)) : results
  const box = useCombobox({
    options,
    resetOn: results,
    onPick: (c) => {
      if (props.mode === 'single') {
        // The badge's title: ESCO labels are lower case ("travailler en équipe").
        setText(capitalise(c.label, props.lang))
        setConcept(c)
      } else {
        setChosen((list) => [...list, c])
        setText('')
      }
      setNotice(t('picked', { label: c.label }))
    },
    onEnter: (e) => {
      if (props.mode !== 'multi') return
      // Enter in the multi picker never submits the form: it only chooses.
      e.preventDefault()
      if (text.trim()) setNotice(t('chooseFromList'))
    },
  })

  const hintId = `${props.id}-status`
  const statusText = status === 'unavailable'
    ? (props.mode === 'single' ? t('unavailableSingle') : t('unavailableMulti'))
    : status === 'loading' ? t('loading')
    : status === 'done' && text.trim().length >= 2 ? (options.length ? t('count', { count: options.length }) : (props.mode === 'single' ? t('noneSingle') : t('noneMulti')))
    : ''

  return (
    <div className="field iss-combobox">
      <label className="field__label" htmlFor={props.id}>{props.label}</label>
      {props.hint && <p className="field__hint" id={`${props.id}-hint`}>{props.hint}</p>}
      <div className="iss-combobox__box">
        <input
          ref={input}
          id={props.id}
          name={props.mode === 'single' ? props.name : undefined}
          className="input"
          type="text"
          {...box.inputProps}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={[describedBy(props.id, props.hint, props.error), hintId].filter(Boolean).join(' ')}
          maxLength={200}
          value={text}
          onChange={(e) => {
            setText(e.target.value)
            box.show()
            setNotice('')
            if (props.mode === 'single' && concept && e.target.value !== capitalise(concept.label, props.lang)) setConcept(undefined)
          }}
        />
        <ul {...box.listboxProps} aria-label={props.label} className="iss-combobox__list">
          {options.map((c, i) => (
            <li key={c.uri} {...box.optionProps(c, i)}
              className={`iss-combobox__option${i === box.active ? ' iss-combobox__option--active' : ''}`}>
              <ConceptOptionText concept={c} lang={props.lang} labelClassName="iss-combobox__label" />
              <span className="iss-combobox__kind">{t(`kinds.${c.kind === 'key_competence' ? 'key_competence' : 'skill'}`)}{c.code && c.kind === 'key_competence' ? ` ${c.code}` : ''}</span>
            </li>
          ))}
        </ul>
      </div>
      <p id={hintId} className="field__hint iss-combobox__status" role="status" aria-live="polite">{notice || statusText}</p>
      <FieldMessages id={props.id} error={props.error} />

      {props.mode === 'single' && (
        <>
          <input type="hidden" name={props.conceptName} value={concept ? JSON.stringify(concept) : ''} />
          {concept && (
            <p className="iss-combobox__linked">
              <span>{t('linked', { kind: t(`kinds.${concept.kind === 'key_competence' ? 'key_competence' : 'skill'}`) })}</span>{' '}
              <strong>{concept.label}</strong>{' '}
              <button type="button" className="iss-link-button" onClick={() => { setConcept(undefined); input.current?.focus() }}>
                {t('unlink')}
              </button>
            </p>
          )}
        </>
      )}
      {props.mode === 'multi' && chosen.length > 0 && (
        <ul className="iss-chips" aria-label={t('chosen')}>
          {chosen.map((c) => (
            <li key={c.uri} className="iss-chip">
              <input type="hidden" name={props.listName} value={JSON.stringify(c)} />
              <span>{c.label}</span>
              <button type="button" className="iss-chip__remove" aria-label={t('remove', { label: c.label })}
                onClick={() => { setChosen((list) => list.filter((x) => x.uri !== c.uri)); setNotice(t('removed', { label: c.label })); input.current?.focus() }}>
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <EscoAttribution className="iss-combobox__attribution" />
    </div>
  )
}
