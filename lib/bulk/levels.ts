import { LEVELS, type Level } from '@/lib/credentials/templates/skill-badge'
import { normalizeForSearch } from '@/lib/taxonomy/normalize'
import enCommon from '@/messages/en/common.json'
import frCommon from '@/messages/fr/common.json'

// The `level` and `evidence_level` columns in the counsellor's words (issue 12 §7): the codes
// (`autonomous`, 1–4), or the words the app shows — `common.levels` and `common.evidence` in
// French and English, read from the message files so that they stay the words defined once — in
// any case, with or without accents ("Découverte", "decouverte", "EN PRATIQUE", "Expert·e").

export type CsvEvidenceLevel = 'self_declared' | 'witnessed' | 'assessed'

/** What a cell says, compared: case, accents and punctuation ignored ("Expert·e" → "expert e"). */
const norm = (word: string) => normalizeForSearch(word)

/** A word and what it says before a dash ("Expert — peut transmettre" is also "Expert"). */
function forms(word: string): string[] {
  const head = word.split(/\s[—–-]\s/)[0] ?? word
  return [norm(word), norm(head), norm(head).replace(/ /g, '')]
}

function table<T extends string>(entries: [T, string[]][]): Map<string, T> {
  const map = new Map<string, T>()
  for (const [value, words] of entries) for (const w of words) for (const f of forms(w)) if (f && !map.has(f)) map.set(f, value)
  return map
}

const LEVEL_WORDS = table<Level>(LEVELS.map((level, i) => [level, [
  level, String(i + 1), frCommon.levels[level], enCommon.levels[level],
  ...({ discovering: ['discovery'], practising: ['practicing', 'pratique'], autonomous: ['independent', 'independant', 'independante'], expert: ['experte', 'expert e'] } as const)[level],
]]))

const EVIDENCE_WORDS = table<CsvEvidenceLevel>((['self_declared', 'witnessed', 'assessed'] as const).map((level) => [level, [
  level, level.replace('_', ' '), level.replace('_', '-'), frCommon.evidence[level].term, enCommon.evidence[level].term,
  ...({ self_declared: ['declare', 'declaree', 'auto declare'], witnessed: ['constate', 'constatee'], assessed: ['evalue', 'evaluee'] } as const)[level],
]]))

/** The level a cell names, or undefined. */
export function parseLevel(cell: string | undefined): Level | undefined {
  return lookup(LEVEL_WORDS, cell)
}

/** The evidence level a cell names, or undefined (an empty cell is not read here). */
export function parseEvidenceLevel(cell: string | undefined): CsvEvidenceLevel | undefined {
  return lookup(EVIDENCE_WORDS, cell)
}

function lookup<T>(words: Map<string, T>, cell: string | undefined): T | undefined {
  for (const f of cell ? forms(cell) : []) if (words.has(f)) return words.get(f)
  return undefined
}
