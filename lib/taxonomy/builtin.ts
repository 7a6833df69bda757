import type { Db } from '@/db/client'
import keyCompetences from './builtin/key-competences.json'
import { upsertConcepts } from './repository'
import { KEY_COMPETENCES, type ConceptRecord } from './types'

interface BuiltinFile {
  framework: string
  concepts: { code: string; uri: string; labels: Record<string, { label: string; altLabels?: string[]; description?: string }> }[]
}

/** The repository's own set: the eight EU key competences (2018), in French and English. */
export const BUILTIN_CONCEPTS: readonly ConceptRecord[] = (keyCompetences as BuiltinFile).concepts.map((c) => ({
  uri: c.uri,
  kind: 'key_competence',
  framework: KEY_COMPETENCES,
  code: c.code,
  labels: Object.entries(c.labels).map(([lang, l]) => ({ lang, label: l.label, altLabels: l.altLabels ?? [], description: l.description ?? null })),
}))

/** The languages the built-in set speaks: an imported key-competence file does not override them. */
export const BUILTIN_LANGUAGES: ReadonlySet<string> = new Set(BUILTIN_CONCEPTS.flatMap((c) => c.labels.map((l) => l.lang)))

/** Writes the built-in set (idempotent: run at every start). */
export async function loadBuiltinTaxonomies(db: Db): Promise<number> {
  await db.transaction().execute((trx) => upsertConcepts(trx, BUILTIN_CONCEPTS))
  return BUILTIN_CONCEPTS.length
}

const loaded = new WeakSet<Db>()

/** Loads the built-in set once per database client, so a dev server or a test has it too. */
export async function ensureBuiltinTaxonomies(db: Db): Promise<void> {
  if (loaded.has(db)) return
  await loadBuiltinTaxonomies(db)
  loaded.add(db)
}
