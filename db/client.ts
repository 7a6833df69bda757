import 'server-only'
import SQLite from 'better-sqlite3'
import { Kysely, PostgresAdapter, SqliteAdapter, sql } from 'kysely'
import pg from 'pg'
import { Migrator, type MigrationProvider } from 'kysely'
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import { logger } from '@/lib/log'
import { DiskFullAwarePostgresDialect, DiskFullAwareSqliteDialect } from './disk-full'
import { migrations } from './migrations'
import type { Database } from './schema'

export type Db = Kysely<Database>

/** The file behind each SQLite client this process opened (for the migration lock beside it). */
const sqliteFiles = new WeakMap<Kysely<any>, string>()

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
  const db = new Kysely<Database>({ dialect: new DiskFullAwareSqliteDialect({ database: sqlite }) })
  sqliteFiles.set(db, file)
  return db
}

/** Where the data lives: PostgreSQL when a URL is given (several instances), else the SQLite file. */
export function openDatabase(target: { databaseUrl?: string; databaseFile: string }): Db {
  return target.databaseUrl ? openPostgres(target.databaseUrl) : openSqlite(target.databaseFile)
}

/** PostgreSQL's type ids whose text the driver would hand over as strings (pg_type.oid). */
const INT8 = 20

/**
 * A pool of connections to PostgreSQL (`pg`). 64-bit integers (count(*), sum) come back as
 * numbers, as they do from SQLite; every count and size in this schema is far below 2^53.
 * `POOL_MAX` connections per process: N instances use N × that many of the server's.
 */
export function openPostgres(connectionString: string, { max = POOL_MAX }: { max?: number } = {}): Db {
  const pool = new pg.Pool({
    connectionString,
    max,
    // A query that cannot get a connection within this time fails instead of queuing forever.
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    types: { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text'))) as typeof pg.types.getTypeParser },
  })
  // An idle connection the server ends (a restart, a failover, an administrator) is an 'error' on
  // the pool: without a listener Node would crash the process. The pool drops that connection and
  // opens another at the next query; the query in flight, if any, fails on its own.
  pool.on('error', (e: Error & { code?: string }) => logger().warn({ code: e.code, error: e.message }, 'a PostgreSQL connection was closed by the server; the pool replaces it'))
  return new Kysely<Database>({ dialect: new DiskFullAwarePostgresDialect({ pool }) })
}
const POOL_MAX = 10

export type Dialect = 'sqlite' | 'postgres'

/** Which database a client talks to (for the few statements that differ). */
export function dialectOf(db: Kysely<any>): Dialect {
  const adapter = db.getExecutor().adapter
  if (adapter instanceof SqliteAdapter) return 'sqlite'
  if (adapter instanceof PostgresAdapter) return 'postgres'
  throw new Error('Unsupported database dialect')
}

/**
 * After an erasure: copies the WAL into the database and truncates it to zero bytes, so the erased
 * rows' old page images do not linger in the -wal file. SQLite only (other databases: nothing).
 * `busy` when a reader kept it from finishing (it is retried at the next erasure or checkpoint).
 */
export async function truncateWal(db: Db): Promise<{ busy: boolean }> {
  if (dialectOf(db) !== 'sqlite') return { busy: false }
  const { rows } = await sql<{ busy: number }>`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db)
  return { busy: rows[0]?.busy === 1 }
}

const provider: MigrationProvider = { getMigrations: async () => migrations }

/**
 * Applies every pending migration, once, even when several processes start together; throws with
 * the failing migration's error. PostgreSQL: Kysely's migrator holds an advisory lock for the run.
 * SQLite: Kysely's lock is only in-process, so a process holds an exclusive lock on a file beside
 * the database (`<file>.migrate-lock`) while it migrates; another waits, then finds nothing to do.
 */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const file = sqliteFiles.get(db)
  if (!file || file === ':memory:') return migrate(db)
  // One at a time within this process too: the file lock waits synchronously, and would wait on itself.
  const path = `${file}.migrate-lock`
  const before = inProcess.get(path) ?? Promise.resolve()
  const run = before.catch(() => undefined).then(() => {
    const lock = acquireMigrationLock(path)
    return migrate(db).finally(() => lock.release())
  })
  inProcess.set(path, run)
  try {
    return await run
  } finally {
    if (inProcess.get(path) === run) inProcess.delete(path)
  }
}
const inProcess = new Map<string, Promise<unknown>>()

async function migrate(db: Db): Promise<string[]> {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest()
  if (error) throw error instanceof Error ? error : new Error(String(error))
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}

/** Whether the database answers at all (one trivial query), for /healthz. */
export async function pingDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db)
}

/** The migrations not yet applied to this database (for /healthz). */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const all = await new Migrator({ db, provider }).getMigrations()
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name)
}

/**
 * An exclusive SQLite transaction on a small lock file: other processes' BEGIN EXCLUSIVE on it
 * wait (busy_timeout, up to two minutes) until `release()`. Synchronous on purpose: nothing else
 * in this process runs while it waits, and a crashed holder's lock goes with its process.
 */
function acquireMigrationLock(path: string): { release: () => void } {
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600))
  const lock = new SQLite(path)
  lock.pragma('busy_timeout = 120000')
  try {
    lock.exec('BEGIN EXCLUSIVE')
  } catch (e) {
    lock.close()
    throw e
  }
  return {
    release: () => {
      try {
        lock.exec('COMMIT')
      } finally {
        lock.close()
      }
    },
  }
}
