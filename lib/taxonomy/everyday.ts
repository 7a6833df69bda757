import everyday from './builtin/everyday-words.json'
import { normalizeForSearch } from './normalize'
import { keyCompetenceUri } from './types'

// The bundled everyday words (builtin/everyday-words.json): "caisse", "garde d’enfants",
// "childcare"… pointing to the ESCO skills closest to them and to one key competence. Search aids
// only: a badge is still named with the concept's own label.

interface EverydayFile {
  entries: { fr: string[]; en: string[]; concepts: string[] }[]
}

export interface EverydayWord {
  /** As written in the list, shown to the reader ("caisse → effectuer des calculs"). */
  term: string
  /** Normalised (normalizeForSearch), for matching. */
  normalized: string
  words: string[]
  /** Concept URIs, best first. */
  uris: string[]
}

const toUri = (ref: string) => (/^KC[1-8]$/.test(ref) ? keyCompetenceUri(ref) : ref)

/** The everyday words by language, normalised once. */
export const EVERYDAY_WORDS: ReadonlyMap<string, readonly EverydayWord[]> = (() => {
  const byLang = new Map<string, EverydayWord[]>()
  for (const entry of (everyday as EverydayFile).entries) {
    const uris = [...new Set(entry.concepts.map(toUri))]
    for (const lang of ['fr', 'en'] as const) {
      for (const term of entry[lang]) {
        const normalized = normalizeForSearch(term)
        if (!normalized) continue
        const list = byLang.get(lang) ?? []
        list.push({ term, normalized, words: normalized.split(' '), uris })
        byLang.set(lang, list)
      }
    }
  }
  return byLang
})()

/** The everyday words of `lang` (English for a language the list does not speak). */
export function everydayWords(lang: string): readonly EverydayWord[] {
  return EVERYDAY_WORDS.get(lang) ?? EVERYDAY_WORDS.get('en') ?? []
}
