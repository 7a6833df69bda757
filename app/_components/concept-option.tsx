'use client'
import { useTranslations } from 'next-intl'
import type { Concept } from './use-taxonomy-search'
import styles from './concept-option.module.css'

/**
 * A search result's words in a skill list: the concept's label as the taxonomy writes it, and —
 * when the concept was found through an everyday word or an alternative label — that word
 * ("carry out calculations / found with “cashier”"), so the reader sees why it is proposed.
 */
export function ConceptOptionText({ concept, lang, labelClassName }: { concept: Concept; lang: string; labelClassName?: string }) {
  const t = useTranslations('taxonomy.search')
  return (
    <span className={styles.text}>
      <span className={labelClassName} lang={concept.lang && concept.lang !== lang ? concept.lang : undefined}>{concept.label}</span>
      {concept.matched && <span className={styles.matched}>{t('matched', { word: concept.matched })}</span>}
    </span>
  )
}
