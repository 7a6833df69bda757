import SQLite from 'better-sqlite3'
import { closeSync, existsSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { ensurePrivateDir } from '@/db/client'
import { decryptSecret } from '@/lib/dids/key-encryption'
import { MASTER_KEY_FILE, parseMasterKey } from '@/lib/dids/master-key'
import type { Env } from '@/lib/env'
import { createRuntime } from '@/lib/runtime'
import { ALL_PAGES, countRows, keyFingerprint, OpsError, refuseOnPostgres, type Counts } from './backup'

export interface RestoreReport {
  dataDir: string
  counts: Counts
  /** Migrations this code ran on the restored database (a backup from an older release). */
  migrated: string[]
  masterKey: { source: 'env' | 'file'; fingerprint: string }
  /** Organisation and user keys checked to decrypt under the master key given. */
  keysChecked: number
}

/**
 * Restores a backup (lib/ops/backup.ts) into an EMPTY data folder (absent, or with nothing in it):
 * never over a live or old instance's data. The master key comes from `--master-key <file>` (copied
 * into the folder, 0600) or MASTER_KEY; before anything is written, every private key in the
 * backup must decrypt under it — a restore with the wrong key would start an instance that can no
 * longer sign. Then the app opens the folder as `npm start` does: migrations run.
 * @throws OpsError with the reason; the folder is left as it was found.
 */
export async function restoreSqlite(env: Env, backupPath: string, { masterKeyFile }: { masterKeyFile?: string } = {}): Promise<RestoreReport> {
  refuseOnPostgres(env, 'restore')
  const backup = resolve(backupPath)
  if (!existsSync(backup) || !statSync(backup).isFile()) throw new OpsError(`No backup file at ${backup}.`)
  const existed = existsSync(env.dataDir)
  if (existed && readdirSync(env.dataDir).length > 0) {
    throw new OpsError(`${env.dataDir} is not empty: restore only fills an empty data folder, never one with data in it.\n`
      + '  Point DATA_DIR at a new folder (or move this one aside, with its server stopped) and run restore again.')
  }
  const key = masterKeyFor(env, masterKeyFile)
  const keysChecked = checkBackup(backup, key.bytes)

  ensurePrivateDir(env.dataDir, { tighten: true })
  try {
    await copyDatabase(backup, env.databaseFile)
    if (key.source === 'file') writeFileSync(join(env.dataDir, MASTER_KEY_FILE), key.bytes.toString('base64') + '\n', { mode: 0o600, flag: 'wx' })
    const before = migrationCount(env.databaseFile)
    const rt = await createRuntime(env)
    await rt.db.destroy()
    const restored = new SQLite(env.databaseFile, { readonly: true })
    try {
      const after = restored.prepare('SELECT name FROM kysely_migration ORDER BY name').all() as { name: string }[]
      return { dataDir: env.dataDir, counts: countRows(restored), migrated: after.slice(before).map((m) => m.name), masterKey: { source: key.source, fingerprint: keyFingerprint(key.bytes) }, keysChecked }
    } finally {
      restored.close()
    }
  } catch (e) {
    // Leave the folder empty again (or absent), as it was found.
    for (const name of readdirSync(env.dataDir)) rmSync(join(env.dataDir, name), { recursive: true, force: true })
    if (!existed) rmSync(env.dataDir, { recursive: true, force: true })
    throw e
  }
}

function masterKeyFor(env: Env, masterKeyFile: string | undefined): { source: 'env' | 'file'; bytes: Buffer } {
  if (masterKeyFile && env.masterKey) throw new OpsError('Both --master-key and MASTER_KEY are given: use one.')
  try {
    if (masterKeyFile) return { source: 'file', bytes: parseMasterKey(readFileSync(resolve(masterKeyFile), 'utf8')) }
    if (env.masterKey) return { source: 'env', bytes: parseMasterKey(env.masterKey) }
  } catch (e) {
    throw new OpsError(`The master key given cannot be read: ${(e as Error).message}`)
  }
  throw new OpsError('A backup holds no master key (docs/decisions/034): give the one of the instance it was made on,\n'
    + '  --master-key <file> (a copy of its DATA_DIR/master.key; copied into the new folder, mode 0600)\n'
    + '  or MASTER_KEY in the environment (then keep it set for npm start).')
}

/** A Tremplin database, intact, whose private keys all open under `key`. @returns how many. */
function checkBackup(file: string, key: Buffer): number {
  let db: SQLite.Database
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true })
  } catch (e) {
    throw new OpsError(`${file} cannot be opened as a backup: ${(e as Error).message}`)
  }
  try {
    const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name))
    if (!tables.has('kysely_migration') || !tables.has('private_keys')) throw new OpsError(`${file} is not a Tremplin backup (no Tremplin tables in it).`)
    const check = db.pragma('quick_check', { simple: true })
    if (check !== 'ok') throw new OpsError(`${file} is damaged (SQLite quick_check: ${check}).`)
    const rows = db.prepare('SELECT alias, ciphertext FROM private_keys').all() as { alias: string; ciphertext: string }[]
    const failing = rows.filter((r) => !opens(key, r.ciphertext, r.alias)).length
    if (failing > 0) {
      throw new OpsError(`The master key given (${keyFingerprint(key)}) does not open ${failing} of the ${rows.length} private keys in this backup:\n`
        + '  it is not the master key of the instance the backup was made on. Nothing was restored.')
    }
    return rows.length
  } catch (e) {
    if (e instanceof OpsError) throw e
    throw new OpsError(`${file} cannot be read as a backup: ${(e as Error).message}`)
  } finally {
    db.close()
  }
}

function opens(key: Buffer, ciphertext: string, alias: string): boolean {
  try {
    decryptSecret(key, ciphertext, alias)
    return true
  } catch {
    return false
  }
}

/** The backup file into the new database file (0600 from its first byte), with the backup API. */
async function copyDatabase(backup: string, databaseFile: string): Promise<void> {
  closeSync(openSync(databaseFile, 'wx', 0o600))
  const source = new SQLite(backup, { readonly: true, fileMustExist: true })
  try {
    await source.backup(databaseFile, { progress: () => ALL_PAGES })
  } finally {
    source.close()
  }
}

function migrationCount(file: string): number {
  const db = new SQLite(file, { readonly: true })
  try {
    return (db.prepare('SELECT count(*) AS n FROM kysely_migration').get() as { n: number }).n
  } finally {
    db.close()
  }
}
