import type { Runtime } from '@/lib/runtime'
import { ensureBuiltinTaxonomies } from './builtin'
import { everydayWords } from './everyday'
import { normalizeForSearch } from './normalize'
import { ALT_OFFSET, phraseRank, rowRank, type Typed } from './rank'
import { findCandidateUris, findConceptLabels, findConceptsLabels, findLabelCandidates, type LabelCandidate, type LabelMatch } from './repository'
import { SEARCH_LIMIT_DEFAULT, SEARCH_LIMIT_MAX, type ConceptKind, type ConceptView } from './types'

/** Bounds on one search (the endpoint is open to every signed-in user, typed into per keystroke). */
export const SEARCH_BOUNDS = { maxQuery: 100, maxTerms: 8, candidates: 200 } as const

export interface SearchRequest {
  q: string
  /** The reader's language; labels fall back to English, then to any language. */
  lang: string
  kinds?: readonly ConceptKind[]
  limit?: number
}

interface Hit { row: LabelCandidate; rank: number; matched?: string; order: number }

/**
 * Skills, occupations and key competences whose preferred label, alternative label or bundled
 * everyday word (lib/taxonomy/everyday.ts) has a word starting with every word typed, ignoring
 * case and accents. Ranked: preferred label equal to / starting with / containing the words, then
 * the same for alternative labels and everyday words (`matched` says which), then shorter labels.
 * Bounded: the query is cut at 100 characters and 8 words, the word index is read by prefix for
 * at most 200 concepts (twice: exact word, then prefix), and only those concepts' labels are read.
 */
export async function searchConcepts(rt: Pick<Runtime, 'db'>, request: SearchRequest): Promise<ConceptView[]> {
  const phrase = normalizeForSearch(request.q.slice(0, SEARCH_BOUNDS.maxQuery))
  if (!phrase) return []
  const limit = Math.min(Math.max(Math.trunc(request.limit ?? SEARCH_LIMIT_DEFAULT), 1), SEARCH_LIMIT_MAX)
  const terms = [...new Set(phrase.split(' '))].slice(0, SEARCH_BOUNDS.maxTerms)
  const typed: Typed = { phrase, terms }
  // The longest word typed is the most selective one to look up.
  const key = [...terms].sort((a, b) => b.length - a.length)[0]!
  await ensureBuiltinTaxonomies(rt.db)

  const everyday = everydayHits(typed, request.lang)
  const langs = [...new Set([request.lang, 'en'])]
  const bounds = { kinds: request.kinds, limit: SEARCH_BOUNDS.candidates }
  let uris = await findCandidateUris(rt.db, { word: key, langs, ...bounds })
  let hits = rank(await findLabelCandidates(rt.db, { uris: [...new Set([...everyday.keys(), ...uris])], langs, kinds: request.kinds }), request.lang, typed, everyday)
  if (hits.length === 0) {
    // A concept labelled only in other languages (not in the reader's, not in English).
    uris = await findCandidateUris(rt.db, { word: key, langs: [], ...bounds })
    hits = rank(await findLabelCandidates(rt.db, { uris, langs: [], kinds: request.kinds }), request.lang, typed, everyday)
  }
  return hits.slice(0, limit).map((h) => ({ ...toView(h.row), ...(h.matched ? { matched: h.matched } : {}) }))
}

/** Concepts reached through an everyday word of the reader's language: URI → best match. */
function everydayHits(typed: Typed, lang: string): Map<string, { rank: number; matched: string; order: number }> {
  const hits = new Map<string, { rank: number; matched: string; order: number }>()
  for (const word of everydayWords(lang)) {
    const r = phraseRank(word.normalized, typed)
    if (r === undefined) continue
    word.uris.forEach((uri, order) => {
      const previous = hits.get(uri)
      const rank = r + ALT_OFFSET
      if (!previous || rank < previous.rank || (rank === previous.rank && order < previous.order)) hits.set(uri, { rank, matched: word.term, order })
    })
  }
  return hits
}

/** One row per concept (the reader's language, else English, else any), ranked. */
function rank(rows: LabelCandidate[], lang: string, typed: Typed, everyday: ReturnType<typeof everydayHits>): Hit[] {
  const byUri = new Map<string, LabelCandidate>()
  for (const row of rows) {
    const kept = byUri.get(row.uri)
    if (!kept || preference(row.lang, lang) < preference(kept.lang, lang) || (preference(row.lang, lang) === preference(kept.lang, lang) && row.lang < kept.lang)) byUri.set(row.uri, row)
  }
  const hits: Hit[] = []
  for (const row of byUri.values()) {
    const own = rowRank(row, typed)
    const viaWord = everyday.get(row.uri)
    // Only the reader's own language's label counts (a French reader does not match English labels of a French-labelled concept).
    if (own && (!viaWord || own.rank <= viaWord.rank)) hits.push({ row, rank: own.rank, matched: own.matched, order: 0 })
    else if (viaWord) hits.push({ row, rank: viaWord.rank, matched: viaWord.matched, order: viaWord.order })
  }
  return hits.sort((a, b) => a.rank - b.rank || a.order - b.order || a.row.label.length - b.row.label.length || a.row.label.localeCompare(b.row.label) || a.row.uri.localeCompare(b.row.uri))
}

const preference = (rowLang: string, lang: string) => (rowLang === lang ? 0 : rowLang === 'en' ? 1 : 2)

/** One concept in the reader's language (else English, else any), or undefined. */
export async function getConcept(rt: Pick<Runtime, 'db'>, request: { uri: string; lang: string }): Promise<ConceptView | undefined> {
  await ensureBuiltinTaxonomies(rt.db)
  const row = pickLabel(await findConceptLabels(rt.db, request.uri), request.lang)
  return row ? toView(row) : undefined
}

/** Several concepts as `getConcept` gives each, in one query (a page of blind profiles names dozens). */
export async function getConcepts(rt: Pick<Runtime, 'db'>, request: { uris: readonly string[]; lang: string }): Promise<Map<string, ConceptView>> {
  await ensureBuiltinTaxonomies(rt.db)
  const byUri = new Map<string, LabelMatch[]>()
  for (const row of await findConceptsLabels(rt.db, [...new Set(request.uris)])) byUri.set(row.uri, [...(byUri.get(row.uri) ?? []), row])
  const out = new Map<string, ConceptView>()
  for (const [uri, rows] of byUri) {
    const row = pickLabel(rows, request.lang)
    if (row) out.set(uri, toView(row))
  }
  return out
}

/** The label in the reader's language, else English, else the first language in alphabetical order. */
function pickLabel<T extends { lang: string }>(rows: T[], lang: string): T | undefined {
  return rows.find((r) => r.lang === lang) ?? rows.find((r) => r.lang === 'en') ?? [...rows].sort((a, b) => a.lang.localeCompare(b.lang))[0]
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
