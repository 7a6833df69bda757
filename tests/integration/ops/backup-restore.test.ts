import { randomBytes } from 'node:crypto'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createUser } from '@/lib/auth/service'
import { readEnv } from '@/lib/env'
import { issueForOrganisation } from '@/lib/issuing/service'
import { getOrganisationOrThrow } from '@/lib/orgs/service'
import { createRuntime, type Runtime } from '@/lib/runtime'
import { changeCredentialStatus } from '@/lib/status/service'
import { verifyOnInstance } from '@/lib/verification/service'
import { cliOnFreshData } from '../../helpers/cli'
import { createApprovedOrganisation } from '@/tests/factories/world'

// Backup and restore as an operator runs them: `npm run vc -- backup|restore` in a process of its
// own (tsx lib/cli/index.ts), on real SQLite files, while this test holds the database open as a
// server does. Then the restored folder is opened as `npm start` opens it, and it signs and verifies.

const source = cliOnFreshData('tremplin-backup-src-')
const work = mkdtempSync(join(tmpdir(), 'tremplin-backup-'))
const backupFile = join(work, 'tremplin-backup.sqlite')
const claims = { skill: { name: 'Planifier' }, level: 'autonomous', criteria: 'A organisé le tournoi de quartier de bout en bout.' }

let live: Runtime
let holder: string
let kept: { id: string; credential: Record<string, unknown> }
let revoked: { id: string; credential: Record<string, unknown> }
let didBefore: string

/** The CLI on another data folder (same code path: a separate process, its own environment). */
function cliOn(dataDir: string, extra: Record<string, string> = {}) {
  const other = cliOnFreshData('tremplin-unused-')
  rmSync(other.dataDir, { recursive: true, force: true })
  Object.assign(other.env, { DATA_DIR: dataDir, ...extra })
  return other.vc
}

beforeAll(async () => {
  // No MASTER_KEY: the key is DATA_DIR/master.key, as on a default `npm start`.
  live = await createRuntime(readEnv(source.env))
  const org = await createApprovedOrganisation(live, { slug: 'ml', name: 'Mission Locale', kind: 'youth_support' })
  didBefore = (await getOrganisationOrThrow(live, 'ml')).did!
  holder = (await createUser(live, { role: 'youth', username: 'alice', displayName: 'Alice' })).did!
  kept = await issueForOrganisation(live, { organisation: org, templateId: 'skill-badge', subjectDid: holder, claims })
  revoked = await issueForOrganisation(live, { organisation: org, templateId: 'skill-badge', subjectDid: holder, claims })
  await changeCredentialStatus(live, { credentialId: revoked.id, action: 'revoke', reason: 'test', by: 'cli' })
}, 120_000)

afterAll(async () => {
  await live.db.destroy()
  rmSync(source.dataDir, { recursive: true, force: true })
  rmSync(work, { recursive: true, force: true })
})

describe('npm run vc -- backup', () => {
  test('copies the database while it is in use: committed rows in, a transaction still open out; 0600; no master key inside', async () => {
    let result: Awaited<ReturnType<typeof source.vc>> | undefined
    // A server's write in flight while the backup runs: WAL lets the backup read, and what is not
    // committed when it starts is not in it.
    await live.db.transaction().execute(async (trx) => {
      await trx.updateTable('organisations').set({ name: 'Renamed mid-backup' }).where('slug', '=', 'ml').execute()
      result = await source.vc('backup', backupFile)
    })
    expect(result!.stderr).toBe('')
    expect(result!.code).toBe(0)
    expect(result!.stdout).toMatch(/Backup written: .*tremplin-backup\.sqlite .*mode 0600.*: 1 organisations, 1 accounts, 2 credentials, 2 status lists, \d+ private keys/)
    const keyFile = join(source.dataDir, 'master.key')
    expect(result!.stdout).toContain(`The master key is NOT in this backup: it is ${keyFile}`)
    expect(result!.stdout).toContain(`npm run vc -- restore ${backupFile} --master-key <the copy>`)
    expect(statSync(backupFile).mode & 0o777).toBe(0o600)
    const bytes = readFileSync(backupFile)
    expect(bytes.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\u0000')
    expect(bytes.includes(readFileSync(keyFile, 'utf8').trim())).toBe(false)
    expect(bytes.includes(Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64'))).toBe(false)
    expect(bytes.includes(Buffer.from('Renamed mid-backup'))).toBe(false)
    // A single file: no WAL to carry along.
    expect(existsSync(`${backupFile}-wal`)).toBe(false)
  }, 60_000)

  test('never overwrites a file, and says so', async () => {
    const r = await source.vc('backup', backupFile)
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('already exists: a backup never overwrites a file')
  }, 30_000)

  test('refuses with PostgreSQL and points to pg_dump and the master key', async () => {
    const onPostgres = cliOn(source.dataDir, { DATABASE_URL: 'postgres://tremplin@127.0.0.1:1/tremplin', MASTER_KEY: randomBytes(32).toString('hex') })
    const r = await onPostgres('backup', join(work, 'pg.sqlite'))
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('pg_dump --format=custom')
    expect(r.stderr).toContain('MASTER_KEY')
    expect(existsSync(join(work, 'pg.sqlite'))).toBe(false)
    const back = await onPostgres('restore', backupFile)
    expect(back.code).toBe(1)
    expect(back.stderr).toContain('pg_restore --no-owner')
  }, 30_000)
})

describe('npm run vc -- restore', () => {
  const keyCopy = join(work, 'master.key.copy')
  beforeAll(() => copyFileSync(join(source.dataDir, 'master.key'), keyCopy))

  test('refuses a folder that is not empty, and touches nothing in it', async () => {
    const dir = join(work, 'not-empty')
    mkdirSync(dir)
    writeFileSync(join(dir, 'notes.txt'), 'mine')
    const r = await cliOn(dir)('restore', backupFile, '--master-key', keyCopy)
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('is not empty: restore only fills an empty data folder')
    expect(existsSync(join(dir, 'tremplin.sqlite'))).toBe(false)
  }, 30_000)

  test('refuses without a master key, and with the wrong one, leaving the folder empty', async () => {
    const dir = join(work, 'no-key')
    const none = await cliOn(dir)('restore', backupFile)
    expect(none.code).toBe(1)
    expect(none.stderr).toContain('A backup holds no master key')
    const wrong = await cliOn(dir, { MASTER_KEY: randomBytes(32).toString('hex') })('restore', backupFile)
    expect(wrong.code).toBe(1)
    expect(wrong.stderr).toMatch(/does not open \d+ of the \d+ private keys in this backup/)
    expect(existsSync(dir)).toBe(false)
  }, 30_000)

  test('refuses a file that is no backup', async () => {
    const junk = join(work, 'junk.sqlite')
    writeFileSync(junk, 'not a database at all, just text '.repeat(200))
    const r = await cliOn(join(work, 'junk-target'))('restore', junk, '--master-key', keyCopy)
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/cannot be (read|opened) as a backup|not a Tremplin backup/)
  }, 30_000)

  test('round-trips organisations, credentials, revocations and keys: the restored instance signs and verifies', async () => {
    const dir = join(work, 'restored')
    const r = await cliOn(dir)('restore', backupFile, '--master-key', keyCopy)
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/Restored into .*: 1 organisations, 1 accounts, 2 credentials, 2 status lists/)
    expect(r.stdout).toMatch(/Master key sha256:[0-9a-f]{16} \(copied in as master\.key, mode 0600\) opens all \d+ private keys/)
    expect(statSync(join(dir, 'master.key')).mode & 0o777).toBe(0o600)
    expect(statSync(join(dir, 'tremplin.sqlite')).mode & 0o777).toBe(0o600)
    expect(statSync(dir).mode & 0o777).toBe(0o700)

    const restored = await createRuntime(readEnv({ ...source.env, DATA_DIR: dir }))
    try {
      const org = await getOrganisationOrThrow(restored, 'ml')
      expect(org.name).toBe('Mission Locale')
      expect(org.did).toBe(didBefore)
      // The credentials as issued, and their status as it was: one valid, one revoked.
      const ok = await verifyOnInstance(restored, { input: JSON.stringify(kept.credential) })
      expect(ok.verified).toBe(true)
      const gone = await verifyOnInstance(restored, { input: JSON.stringify(revoked.credential) })
      expect(gone.verified).toBe(false)
      expect(gone.checks.find((c) => c.id === 'status')).toMatchObject({ status: 'failed' })
      // The organisation's private key came back and opens: it signs a new credential that verifies.
      const fresh = await issueForOrganisation(restored, { organisation: org, templateId: 'skill-badge', subjectDid: holder, claims })
      expect(fresh.credential.issuer).toMatchObject({ id: didBefore })
      expect((await verifyOnInstance(restored, { input: JSON.stringify(fresh.credential) })).verified).toBe(true)
      // … and revoking it works on the restored status list.
      await changeCredentialStatus(restored, { credentialId: fresh.id, action: 'revoke', reason: 'test', by: 'cli' })
      expect((await verifyOnInstance(restored, { input: JSON.stringify(fresh.credential) })).verified).toBe(false)
    } finally {
      await restored.db.destroy()
    }
  }, 120_000)
})
