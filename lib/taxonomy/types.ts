/** What a concept is. Skill groups and occupations are imported but only skills and key competences are badge alignments. */
import { CONCEPT_KINDS, type ConceptKind } from '@/db/enums'
export { CONCEPT_KINDS, type ConceptKind }

export const SEARCH_LIMIT_DEFAULT = 20
export const SEARCH_LIMIT_MAX = 50

export const ESCO = 'ESCO'
export const KEY_COMPETENCES = 'EU key competences (2018)'

/**
 * The key competences have no official URI (see docs/decisions/005-taxonomies.md): their key is
 * the EUR-Lex address of the 2018 Recommendation plus a fragment naming the competence.
 */
export const KEY_COMPETENCES_DOCUMENT = 'https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32018H0604(01)'
export const keyCompetenceUri = (code: string) => `${KEY_COMPETENCES_DOCUMENT}#${code}`

export function isConceptKind(value: unknown): value is ConceptKind {
  return typeof value === 'string' && (CONCEPT_KINDS as readonly string[]).includes(value)
}

/** One label of a concept in one language. */
export interface LabelRecord {
  lang: string
  label: string
  altLabels: string[]
  description: string | null
}

/** A concept as an importer produces it, with the labels it brings. */
export interface ConceptRecord {
  uri: string
  kind: ConceptKind
  framework: string
  code: string | null
  labels: LabelRecord[]
}

/** A search result or a looked-up concept, in one language (plain DTO, safe for clients). */
export interface ConceptView {
  uri: string
  kind: ConceptKind
  framework: string
  code: string | null
  label: string
  description: string | null
  /** The language the label is in (the requested one, else English, else another). */
  lang: string
  /**
   * When the concept was found through an alternative label or a bundled everyday word rather
   * than its own label: that word, as written ("caisse" → label "effectuer des calculs").
   */
  matched?: string
}

/** What an import did, per file. */
export interface ImportReport {
  file: string
  /** Concepts written (inserted or updated). */
  concepts: number
  /** Label rows written (one per concept and language). */
  labels: number
  /** Rows or entries left out (another concept type, no label…). */
  skipped: number
  /** Why the whole file was left out, when it was. */
  ignored?: string
}
