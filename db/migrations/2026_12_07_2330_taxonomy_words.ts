import type { Kysely } from 'kysely'

// Issue 12 §9: an indexed word search over the taxonomies. One row per distinct word of a
// concept's label or alternative labels, per language (the words of taxonomy_labels.search_text,
// which is already lower-cased and accent-free). A search looks a typed word up by prefix in the
// primary key (a range scan on `word`), never by scanning every label: the full ESCO download is
// ~14,000 skills × 28 languages. Backfilled below from the labels already imported.
// Frozen once landed: change the schema with a new migration, never by editing this one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('taxonomy_words')
    .addColumn('word', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('uri', 'text', (c) => c.notNull().references('taxonomy_concepts.uri').onDelete('cascade'))
    .addPrimaryKeyConstraint('taxonomy_words_pk', ['word', 'lang', 'uri'])
    .execute()
  await db.schema.createIndex('taxonomy_words_uri_idx').on('taxonomy_words').columns(['uri', 'lang']).execute()

  const PAGE = 1000
  for (let offset = 0; ; offset += PAGE) {
    const rows: { uri: string; lang: string; search_text: string }[] = await db.selectFrom('taxonomy_labels')
      .select(['uri', 'lang', 'search_text']).orderBy('uri').orderBy('lang').limit(PAGE).offset(offset).execute()
    if (rows.length === 0) break
    const words = rows.flatMap((r) => [...new Set(r.search_text.split(/[ \n]+/).filter((w) => w && w.length <= 64))]
      .map((word) => ({ lang: r.lang, word, uri: r.uri })))
    for (let i = 0; i < words.length; i += 300) {
      await db.insertInto('taxonomy_words').values(words.slice(i, i + 300)).onConflict((oc) => oc.doNothing()).execute()
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('taxonomy_words').ifExists().execute()
}
