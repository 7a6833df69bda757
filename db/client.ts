import SQLite from 'better-sqlite3'
import { Kysely, SqliteAdapter, sql } from 'kysely'
import { Migrator, type MigrationProvider } from 'kysely'
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import { DiskFullAwareSqliteDialect } from './disk-full'
import { migrations } from './migrations'
import type { Database } from './schema'

export type Db = Kysely<Database>

/**
 * Creates a private folder (0700) or, when `tighten`, takes group and other access away from an
 * existing one (the data folder: a database, a master key, photos of young people).
 */
export function ensurePrivateDir(dir: string, { tighten = false } = {}): void {
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 })
  else if (tighten && (statSync(dir).mode & 0o077) !== 0) chmodSync(dir, 0o700)
}

/** The database file and SQLite's -wal/-shm beside it: readable by this user only (0600). */
function makeDatabaseFilesPrivate(file: string): void {
  // SQLite creates -wal and -shm with the main file's mode, so a 0600 main file comes first.
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600))
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    // Run-time paths (DATA_DIR): nothing for the bundler to trace.
    if (existsSync(/*turbopackIgnore: true*/ f) && (statSync(/*turbopackIgnore: true*/ f).mode & 0o077) !== 0) chmodSync(/*turbopackIgnore: true*/ f, 0o600)
  }
}

/**
 * Opens (creating when needed) an SQLite file in WAL mode, its files 0600 in a 0700 folder.
 * secure_delete: deleted rows are overwritten with zeros, not left readable in free pages.
 */
export function openSqlite(file: string): Db {
  if (file !== ':memory:') {
    ensurePrivateDir(dirname(file))
    makeDatabaseFilesPrivate(file)
  }
  const sqlite = new SQLite(file)
  sqlite.pragma('secure_delete = ON')
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  return new Kysely<Database>({ dialect: new DiskFullAwareSqliteDialect({ database: sqlite }) })
}

/**
 * After an erasure: copies the WAL into the database and truncates it to zero bytes, so the erased
 * rows' old page images do not linger in the -wal file. SQLite only (other databases: nothing).
 * `busy` when a reader kept it from finishing (it is retried at the next erasure or checkpoint).
 */
export async function truncateWal(db: Db): Promise<{ busy: boolean }> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return { busy: false }
  const { rows } = await sql<{ busy: number }>`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db)
  return { busy: rows[0]?.busy === 1 }
}

const provider: MigrationProvider = { getMigrations: async () => migrations }

/** Applies every pending migration; throws with the failing migration's error. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider })
  const { error, results } = await migrator.migrateToLatest()
  if (error) throw error instanceof Error ? error : new Error(String(error))
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}
