import { SqliteAdapter, type Kysely } from 'kysely'

/**
 * Column types that differ between the two databases the migrations run on (SQLite, the embedded
 * default, and PostgreSQL). Not a migration: index.ts lists those. Everything else the migrations
 * use (text, integer, indexes, foreign keys) means the same on both.
 */

/** Bytes: SQLite's BLOB, PostgreSQL's BYTEA. Both come back as a Buffer. */
export function binary(db: Kysely<any>): 'blob' | 'bytea' {
  return db.getExecutor().adapter instanceof SqliteAdapter ? 'blob' : 'bytea'
}
