import 'server-only'
import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export const MASTER_KEY_FILE = 'master.key'

/** Parses a 32-byte key given as 64 hex characters or as base64. */
export function parseMasterKey(text: string): Buffer {
  const t = text.trim()
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64')
  if (key.length !== 32) throw new Error('MASTER_KEY must be 32 bytes (64 hex characters or base64)')
  return key
}

/**
 * The master key that encrypts private keys at rest: `MASTER_KEY` when set, otherwise
 * `<dataDir>/master.key`, created on first use with mode 0600.
 */
export function loadMasterKey({ dataDir, masterKey }: { dataDir: string; masterKey?: string }): Buffer {
  if (masterKey) return parseMasterKey(masterKey)
  const file = join(dataDir, MASTER_KEY_FILE)
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 })
    try {
      writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' })
    } catch (e) {
      // Another process (the CLI, the server) created it first: read theirs.
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
    }
  }
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600)
  return parseMasterKey(readFileSync(file, 'utf8'))
}
