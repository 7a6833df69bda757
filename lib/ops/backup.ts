import SQLite from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { chmodSync, closeSync, existsSync, linkSync, openSync, readFileSync, statSync, unlinkSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import type { Env } from '@/lib/env'
import { MASTER_KEY_FILE, parseMasterKey } from '@/lib/dids/master-key'

/**
 * Backups of the SQLite data (docs/decisions/034). A backup is one SQLite file: the database as it
 * was at one instant, made with SQLite's online backup API while the server keeps serving. The
 * data folder holds nothing else a restore needs (evidence photos live in the database) but the
 * master key, which on purpose is NOT in the backup: the key is copied once, apart from the
 * backups, so a backup that travels (another disk, off-site storage) decrypts no private key.
 */

/** A refusal with a message for the operator (the CLI prints it and exits 1). */
export class OpsError extends Error {}

/** Rows a backup or a restore reports, so the operator sees at once that it holds their data. */
export const COUNTED_TABLES = ['organisations', 'users', 'credentials', 'status_lists', 'private_keys'] as const
export type Counts = Record<(typeof COUNTED_TABLES)[number], number>

export interface BackupReport {
  file: string
  bytes: number
  counts: Counts
  /** Where the master key this backup needs lives: told to the operator, never copied. */
  masterKey: { source: 'env'; fingerprint: string } | { source: 'file'; file: string; fingerprint: string | undefined }
}

/** Pages per backup step: all of them, so the copy is one read transaction (one instant). */
export const ALL_PAGES = 0x7fffffff

export function refuseOnPostgres(env: Pick<Env, 'databaseUrl'>, command: 'backup' | 'restore'): void {
  if (!env.databaseUrl) return
  throw new OpsError(command === 'backup'
    ? 'DATABASE_URL is set: the data is in PostgreSQL, which this command does not copy. Back it up with PostgreSQL\'s own tools, e.g.\n'
      + '  pg_dump --format=custom --file=tremplin.dump "$DATABASE_URL"\n'
      + 'and keep MASTER_KEY apart from the dumps: without it the organisations\' keys in the dump cannot be used (README, Backups).'
    : 'DATABASE_URL is set: restore a PostgreSQL dump with pg_restore into an empty database, e.g.\n'
      + '  pg_restore --no-owner --dbname="$DATABASE_URL" tremplin.dump\n'
      + 'then start with the same MASTER_KEY as when the dump was made (README, Backups).')
}

/**
 * Copies the live database into `target` (a new file, mode 0600) with the online backup API: a
 * consistent snapshot even while the server writes (WAL: the server's writers are not blocked).
 * The copy is checked (integrity_check) and made a self-contained single file (no WAL).
 * @throws OpsError when there is no database, the target exists or its folder does not.
 */
export async function backupSqlite(env: Pick<Env, 'dataDir' | 'databaseFile' | 'databaseUrl' | 'masterKey'>, targetPath: string): Promise<BackupReport> {
  refuseOnPostgres(env, 'backup')
  if (!existsSync(env.databaseFile)) throw new OpsError(`No database to back up: ${env.databaseFile} does not exist (DATA_DIR=${env.dataDir}).`)
  const target = resolve(targetPath)
  if (existsSync(target)) throw new OpsError(`${target} already exists: a backup never overwrites a file; choose a new name (e.g. with the date).`)
  if (!existsSync(dirname(target)) || !statSync(dirname(target)).isDirectory()) throw new OpsError(`The folder ${dirname(target)} does not exist.`)
  const part = `${target}.part-${process.pid}`
  // Created 0600 before SQLite writes a byte: the copy holds personal data and encrypted keys.
  closeSync(openSync(part, 'wx', 0o600))
  try {
    const source = new SQLite(env.databaseFile, { readonly: true, fileMustExist: true })
    try {
      source.pragma('busy_timeout = 5000')
      await source.backup(part, { progress: () => ALL_PAGES })
    } finally {
      source.close()
    }
    const counts = checkCopy(part)
    chmodSync(part, 0o600)
    // link + unlink: never replaces a file that appeared at `target` meanwhile (rename would).
    linkSync(part, target)
    return { file: target, bytes: statSync(target).size, counts, masterKey: masterKeyWhereabouts(env) }
  } finally {
    if (existsSync(part)) unlinkSync(part)
  }
}

/** Single file (journal_mode DELETE), integrity checked, rows counted. */
function checkCopy(file: string): Counts {
  const copy = new SQLite(file)
  try {
    copy.pragma('journal_mode = DELETE')
    const problems = copy.pragma('integrity_check', { simple: false }) as { integrity_check: string }[]
    if (problems.length !== 1 || problems[0]!.integrity_check !== 'ok') {
      throw new OpsError(`The copy failed SQLite's integrity check: ${problems.slice(0, 3).map((p) => p.integrity_check).join('; ')}`)
    }
    return countRows(copy)
  } finally {
    copy.close()
  }
}

export function countRows(db: SQLite.Database): Counts {
  const counts = {} as Counts
  for (const table of COUNTED_TABLES) counts[table] = (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
  return counts
}

/** A short, one-way name for a master key, printed at backup and restore so the two can be matched. */
export function keyFingerprint(key: Buffer): string {
  return `sha256:${createHash('sha256').update(key).digest('hex').slice(0, 16)}`
}

function masterKeyWhereabouts(env: Pick<Env, 'dataDir' | 'masterKey'>): BackupReport['masterKey'] {
  if (env.masterKey) return { source: 'env', fingerprint: fingerprintOf(env.masterKey) }
  const file = resolve(env.dataDir, MASTER_KEY_FILE)
  return { source: 'file', file, fingerprint: existsSync(file) ? fingerprintOfFile(file) : undefined }
}

const fingerprintOf = (text: string) => keyFingerprint(parseMasterKey(text))
const fingerprintOfFile = (file: string) => fingerprintOf(readFileSync(file, 'utf8'))
