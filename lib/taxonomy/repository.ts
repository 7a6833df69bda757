import { sql } from 'kysely'
import type { Db } from '@/db/client'
import { buildSearchText } from './normalize'
import type { ConceptKind, ConceptRecord } from './types'

type DbOrTrx = Pick<Db, 'insertInto' | 'selectFrom' | 'deleteFrom'>

/**
 * Inserts or updates concepts and their labels (one row per concept and language). Re-importing
 * the same data changes nothing; new data replaces the old labels. A code already known is kept
 * when the new record has none (a CSV without a `code` column must not erase it).
 */
export async function upsertConcepts(db: DbOrTrx, records: readonly ConceptRecord[]): Promise<void> {
  if (records.length === 0) return
  await db.insertInto('taxonomy_concepts')
    .values(records.map(({ uri, kind, framework, code }) => ({ uri, kind, framework, code })))
    .onConflict((oc) => oc.column('uri').doUpdateSet({
      kind: (eb) => eb.ref('excluded.kind'),
      framework: (eb) => eb.ref('excluded.framework'),
      code: sql<string | null>`coalesce(excluded.code, taxonomy_concepts.code)`,
    }))
    .execute()
  const labels = records.flatMap((r) => r.labels.map((l) => ({
    uri: r.uri,
    lang: l.lang,
    label: l.label,
    alt_labels: l.altLabels.join('\n'),
    description: l.description,
    search_text: buildSearchText(l.label, l.altLabels),
  })))
  if (labels.length === 0) return
  await db.insertInto('taxonomy_labels')
    .values(labels)
    .onConflict((oc) => oc.columns(['uri', 'lang']).doUpdateSet({
      label: (eb) => eb.ref('excluded.label'),
      alt_labels: (eb) => eb.ref('excluded.alt_labels'),
      description: (eb) => eb.ref('excluded.description'),
      search_text: (eb) => eb.ref('excluded.search_text'),
    }))
    .execute()
  await writeWords(db, labels)
}

export async function countConcepts(db: Db, where: { framework?: string } = {}): Promise<number> {
  let query = db.selectFrom('taxonomy_concepts').select((eb) => eb.fn.countAll<number>().as('n'))
  if (where.framework) query = query.where('framework', '=', where.framework)
  return Number((await query.executeTakeFirstOrThrow()).n)
}

export async function countLabels(db: Db): Promise<number> {
  return Number((await db.selectFrom('taxonomy_labels').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
}

export interface LabelMatch {
  uri: string
  kind: string
  framework: string
  code: string | null
  lang: string
  label: string
  description: string | null
}

export interface LabelCandidate extends LabelMatch {
  alt_labels: string
  search_text: string
}

/** The words of a label row, as the word index keeps them (search_text is already normalised). */
export function wordsOf(searchText: string): string[] {
  return [...new Set(searchText.split(/[ \n]+/).filter((w) => w && w.length <= MAX_WORD))]
}
const MAX_WORD = 64

async function writeWords(db: DbOrTrx, rows: readonly { uri: string; lang: string; search_text: string }[]): Promise<void> {
  for (const r of rows) await db.deleteFrom('taxonomy_words').where('uri', '=', r.uri).where('lang', '=', r.lang).execute()
  const words = rows.flatMap((r) => wordsOf(r.search_text).map((word) => ({ word, lang: r.lang, uri: r.uri })))
  for (let i = 0; i < words.length; i += 300) {
    await db.insertInto('taxonomy_words').values(words.slice(i, i + 300)).onConflict((oc) => oc.doNothing()).execute()
  }
}

/** The next string after every string starting with `prefix` (its last character + 1). */
function prefixEnd(prefix: string): string {
  const last = prefix.codePointAt(prefix.length - 1)!
  const head = prefix.slice(0, prefix.length - String.fromCodePoint(last).length)
  return head + String.fromCodePoint(last + 1)
}

/**
 * Concepts with a word equal to `word`, then concepts with a word starting with it: two range
 * reads of the word index, each capped at `limit` (never a scan of the labels). `langs` empty =
 * any language.
 */
export async function findCandidateUris(db: Db, q: { word: string; langs: readonly string[]; kinds?: readonly ConceptKind[]; limit: number }): Promise<string[]> {
  const base = () => {
    let query = db.selectFrom('taxonomy_words as w').select('w.uri').distinct()
    if (q.langs.length) query = query.where('w.lang', 'in', q.langs)
    if (q.kinds?.length) query = query.innerJoin('taxonomy_concepts as c', 'c.uri', 'w.uri').where('c.kind', 'in', q.kinds)
    return query
  }
  const exact = await base().where('w.word', '=', q.word).limit(q.limit).execute()
  const prefix = await base().where('w.word', '>', q.word).where('w.word', '<', prefixEnd(q.word)).limit(q.limit).execute()
  return [...new Set([...exact, ...prefix].map((r) => r.uri))]
}

/** The label rows of these concepts in `langs` (empty = every language), with their concept. */
export async function findLabelCandidates(db: Db, q: { uris: readonly string[]; langs: readonly string[]; kinds?: readonly ConceptKind[] }): Promise<LabelCandidate[]> {
  if (q.uris.length === 0) return []
  let query = db.selectFrom('taxonomy_labels as l')
    .innerJoin('taxonomy_concepts as c', 'c.uri', 'l.uri')
    .select(['l.uri', 'c.kind', 'c.framework', 'c.code', 'l.lang', 'l.label', 'l.description', 'l.alt_labels', 'l.search_text'])
    .where('l.uri', 'in', q.uris)
  if (q.langs.length) query = query.where('l.lang', 'in', q.langs)
  if (q.kinds?.length) query = query.where('c.kind', 'in', q.kinds)
  return query.execute()
}

/** How many words the index holds (the start-up check that it was built). */
export async function countWords(db: Db): Promise<number> {
  return Number((await db.selectFrom('taxonomy_words').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
}

/** Every label of one concept, with the concept. */
export async function findConceptLabels(db: Db, uri: string) {
  return db.selectFrom('taxonomy_labels as l')
    .innerJoin('taxonomy_concepts as c', 'c.uri', 'l.uri')
    .select(['l.uri', 'c.kind', 'c.framework', 'c.code', 'l.lang', 'l.label', 'l.description', 'l.alt_labels'])
    .where('l.uri', '=', uri)
    .execute()
}

/** Every label of these concepts, with each concept (one query per 500 URIs). */
export async function findConceptsLabels(db: Db, uris: readonly string[]) {
  const out: Awaited<ReturnType<typeof findConceptLabels>> = []
  for (let i = 0; i < uris.length; i += 500) {
    out.push(...await db.selectFrom('taxonomy_labels as l')
      .innerJoin('taxonomy_concepts as c', 'c.uri', 'l.uri')
      .select(['l.uri', 'c.kind', 'c.framework', 'c.code', 'l.lang', 'l.label', 'l.description', 'l.alt_labels'])
      .where('l.uri', 'in', uris.slice(i, i + 500))
      .execute())
  }
  return out
}
