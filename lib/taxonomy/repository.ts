import { sql } from 'kysely'
import type { Db } from '@/db/client'
import { buildSearchText } from './normalize'
import type { ConceptKind, ConceptRecord } from './types'

type DbOrTrx = Pick<Db, 'insertInto' | 'selectFrom'>

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

/**
 * Label rows whose search text contains every term, in `lang` — or, for a concept with no label
 * in `lang`, in English, or else in any language (the caller keeps one row per concept).
 * Ordered: label starts with the phrase, then a word (of the label or an alternative label)
 * starts with it, then it appears anywhere; shorter labels first within each group.
 * Patterns are LIKE patterns, already escaped (`\`).
 */
export async function findLabelMatches(db: Db, q: {
  terms: string[]; startsWith: string; wordStarts: string[]; lang: string; kinds?: readonly ConceptKind[]; limit: number
}) {
  const { lang } = q
  let query = db.selectFrom('taxonomy_labels as l')
    .innerJoin('taxonomy_concepts as c', 'c.uri', 'l.uri')
    .select(['l.uri', 'c.kind', 'c.framework', 'c.code', 'l.lang', 'l.label', 'l.description'])
    .where((eb) => eb.or([
      eb('l.lang', '=', lang),
      eb.and([
        eb('l.lang', '=', 'en'),
        eb.not(eb.exists(eb.selectFrom('taxonomy_labels as x').select('x.uri').whereRef('x.uri', '=', 'l.uri').where('x.lang', '=', lang))),
      ]),
      eb.not(eb.exists(eb.selectFrom('taxonomy_labels as y').select('y.uri').whereRef('y.uri', '=', 'l.uri').where('y.lang', 'in', [lang, 'en']))),
    ]))
  for (const term of q.terms) query = query.where(sql<boolean>`l.search_text like ${term} escape '\\'`)
  if (q.kinds?.length) query = query.where('c.kind', 'in', q.kinds)
  const wordStart = sql.join(q.wordStarts.map((p) => sql`l.search_text like ${p} escape '\\'`), sql` or `)
  return query
    .orderBy(sql`case when l.search_text like ${q.startsWith} escape '\\' then 0 when ${wordStart} then 1 else 2 end`)
    .orderBy(sql`length(l.label)`)
    .orderBy('l.label')
    .orderBy('l.lang')
    .limit(q.limit)
    .execute() as Promise<LabelMatch[]>
}

/** Every label of one concept, with the concept. */
export async function findConceptLabels(db: Db, uri: string) {
  return db.selectFrom('taxonomy_labels as l')
    .innerJoin('taxonomy_concepts as c', 'c.uri', 'l.uri')
    .select(['l.uri', 'c.kind', 'c.framework', 'c.code', 'l.lang', 'l.label', 'l.description', 'l.alt_labels'])
    .where('l.uri', '=', uri)
    .execute()
}
