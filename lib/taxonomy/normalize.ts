// Search text: what a person types must find a label whatever its accents, case or punctuation
// ("equipe" finds "travailler en équipe", "d'initiative" finds "faire preuve d’initiative").

const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o', đ: 'd', ł: 'l', ı: 'i' }

/** Lower-cased, accent-free, punctuation turned into single spaces. */
export function normalizeForSearch(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[œæßøđłı]/g, (c) => LIGATURES[c] ?? c)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/**
 * The `search_text` of a label row: the normalised label, then each alternative label, one per
 * line. The label comes first, so "starts with" on the whole text means "the label starts with".
 */
export function buildSearchText(label: string, altLabels: readonly string[]): string {
  return [label, ...altLabels].map(normalizeForSearch).filter((s, i) => i === 0 || s !== '').join('\n')
}

/** Escapes LIKE wildcards (used with `escape '\'`). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`)
}
