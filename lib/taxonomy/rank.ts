import { normalizeForSearch } from './normalize'

// How well a phrase (a preferred label, an alternative label or an everyday word, normalised)
// matches what was typed. Lower is better; undefined = no match.
//   0 the phrase is what was typed · 1 it starts with it · 2 every typed word starts one of its words
// A preferred label keeps these ranks; an alternative label or an everyday word adds 3, so any
// preferred-label match comes first ("exact/prefix on the preferred label first").

export interface Typed {
  /** The whole query, normalised. */
  phrase: string
  /** Its distinct words. */
  terms: string[]
}

export function phraseRank(phrase: string, typed: Typed): number | undefined {
  if (!phrase) return undefined
  if (phrase === typed.phrase) return 0
  if (phrase.startsWith(typed.phrase)) return 1
  const words = phrase.split(' ')
  return typed.terms.every((t) => words.some((w) => w.startsWith(t))) ? 2 : undefined
}

export const ALT_OFFSET = 3

export interface LabelRow {
  label: string
  alt_labels: string
}

/** The best match of a label row: its rank, and the alternative label that matched (if that was it). */
export function rowRank(row: LabelRow, typed: Typed): { rank: number; matched?: string } | undefined {
  const own = phraseRank(normalizeForSearch(row.label), typed)
  if (own !== undefined) return { rank: own }
  let best: { rank: number; matched?: string } | undefined
  for (const alt of row.alt_labels.split('\n')) {
    const r = phraseRank(normalizeForSearch(alt), typed)
    if (r !== undefined && (!best || r + ALT_OFFSET < best.rank)) best = { rank: r + ALT_OFFSET, matched: alt.trim() }
    if (best?.rank === ALT_OFFSET) break
  }
  return best
}
