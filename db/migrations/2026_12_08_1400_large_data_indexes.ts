import type { Kysely } from 'kysely'

// Issue 14 §3: listings and searches at national scale (100,000 young people, 1,000,000
// credentials; `npm run generate:large`, `BENCH_ONLY=large npm run bench`, BENCHMARKS.md).
// Plain indexes, the same on SQLite and PostgreSQL. Each one answers a query plan (EXPLAIN QUERY
// PLAN on the generated database, BENCHMARKS.md § Large data). No covering index of the
// directory's counted-skills columns: SQLite's planner ignores it without ANALYZE statistics, and
// its DIDs and key ids have no bound PostgreSQL's 2,704-byte index rows would always accept.
//
// - credentials_issuer_created_idx: an organisation's issued list, newest first, is read in index
//   order (no sort of all its credentials for one page of 20), and "how many were signed with a
//   withdrawn key" is counted from the index alone (verification_method, at most 2,000
//   characters: lib/issuing/signing-method.ts).
// - directory_entries_opted_in_idx: the directory's order (newest opt-in first, then handle).
//
// Frozen once landed: change indexes with a new migration, never by editing this one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('credentials_issuer_created_idx').on('credentials').columns(['issuer_organisation_id', 'created_at desc', 'id', 'verification_method']).execute()
  await db.schema.createIndex('directory_entries_opted_in_idx').on('directory_entries').columns(['opted_in_at desc', 'handle']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('directory_entries_opted_in_idx').execute()
  await db.schema.dropIndex('credentials_issuer_created_idx').execute()
}
