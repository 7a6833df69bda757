import type { Runtime } from '@/lib/runtime'
import { ensureBuiltinTaxonomies } from './builtin'
import { escapeLike, normalizeForSearch } from './normalize'
import { findConceptLabels, findLabelMatches, type LabelMatch } from './repository'
import { SEARCH_LIMIT_DEFAULT, SEARCH_LIMIT_MAX, type ConceptKind, type ConceptView } from './types'

const MAX_TERMS = 8

export interface SearchRequest {
  q: string
  /** The reader's language; labels fall back to English, then to any language. */
  lang: string
  kinds?: readonly ConceptKind[]
  limit?: number
}

/**
 * Skills, occupations and key competences whose label or alternative label contains every word
 * typed, ignoring case and accents: labels starting with the first word first, then labels with
 * a word starting with it, then the rest; shorter labels first.
 */
export async function searchConcepts(rt: Pick<Runtime, 'db'>, request: SearchRequest): Promise<ConceptView[]> {
  const normalized = normalizeForSearch(request.q)
  if (!normalized) return []
  const limit = Math.min(Math.max(Math.trunc(request.limit ?? SEARCH_LIMIT_DEFAULT), 1), SEARCH_LIMIT_MAX)
  const terms = [...new Set(normalized.split(' '))].slice(0, MAX_TERMS).map(escapeLike)
  const first = terms[0]!
  await ensureBuiltinTaxonomies(rt.db)
  const rows = await findLabelMatches(rt.db, {
    terms: terms.map((t) => `%${t}%`),
    startsWith: `${first}%`,
    wordStarts: [`% ${first}%`, `%\n${first}%`],
    lang: request.lang,
    kinds: request.kinds,
    // A concept labelled only in other languages can come back once per language.
    limit: limit * 3,
  })
  const seen = new Set<string>()
  const results: ConceptView[] = []
  for (const row of rows) {
    if (seen.has(row.uri)) continue
    seen.add(row.uri)
    results.push(toView(row))
    if (results.length === limit) break
  }
  return results
}

/** One concept in the reader's language (else English, else any), or undefined. */
export async function getConcept(rt: Pick<Runtime, 'db'>, request: { uri: string; lang: string }): Promise<ConceptView | undefined> {
  await ensureBuiltinTaxonomies(rt.db)
  const rows = await findConceptLabels(rt.db, request.uri)
  const row = rows.find((r) => r.lang === request.lang) ?? rows.find((r) => r.lang === 'en') ?? [...rows].sort((a, b) => a.lang.localeCompare(b.lang))[0]
  return row ? toView(row) : undefined
}

function toView(row: LabelMatch): ConceptView {
  return {
    uri: row.uri,
    kind: row.kind as ConceptKind,
    framework: row.framework,
    code: row.code,
    label: row.label,
    description: row.description,
    lang: row.lang,
  }
}
