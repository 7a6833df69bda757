import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { openSqlite } from '@/db/client'
import { deleteAccount } from '@/lib/privacy/service'
import { createTestRuntime } from '../../factories/runtime'
import { ALICE_PASSWORD, createPrivacyWorld } from './_world'

// What an erased account leaves on disk: nothing readable. A distinctive marker goes into a young
// person's experience, skill story and message; after deletion, the raw database files (main, -wal,
// -shm) are searched byte by byte. Without secure_delete the marker stays in freed space of the
// main file; without the WAL checkpoint it stays in the -wal file.

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
let w: Awaited<ReturnType<typeof createPrivacyWorld>>
const MARKER = `ERASED-MARKER-${randomBytes(6).toString('hex')}`

const databaseFiles = () => [rt.env.databaseFile, `${rt.env.databaseFile}-wal`, `${rt.env.databaseFile}-shm`]
const filesHolding = (marker: string) =>
  databaseFiles().filter((f) => existsSync(f) && readFileSync(f).includes(Buffer.from(marker, 'utf8')))

// SQLite's files: secure_delete and the WAL checkpoint are what this tests. PostgreSQL keeps erased
// rows' bytes until VACUUM reuses the space (decision 036 says so); this file runs on SQLite always.
beforeAll(async () => {
  rt = await createTestRuntime({ dialect: 'sqlite' })
  w = await createPrivacyWorld(rt)
  await rt.db.updateTable('experiences').set({ what_i_did: `J’ai aidé ${MARKER}` }).where('id', '=', w.experienceId).execute()
  await rt.db.updateTable('skill_stories').set({ situation: `Au club ${MARKER}` }).where('id', '=', w.storyId).execute()
  await rt.db.updateTable('contact_messages').set({ body: `Message ${MARKER}` }).where('contact_id', '=', w.contactId).execute()
})
afterAll(() => rt.cleanup())

describe('erasing an account', () => {
  test('leaves no trace of the erased data in the raw database files', async () => {
    // The search works: before deletion the marker is on disk.
    expect(filesHolding(MARKER).length).toBeGreaterThan(0)
    await deleteAccount(rt, { id: w.alice.id, role: 'youth' }, { username: 'alice', password: ALICE_PASSWORD })
    expect(filesHolding(MARKER)).toEqual([])
    // The WAL was truncated, not merely rewound.
    const wal = `${rt.env.databaseFile}-wal`
    expect(existsSync(wal) ? statSync(wal).size : 0).toBe(0)
  })
})

describe('the data folder', () => {
  let dir: string
  beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'tremplin-modes-')) })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  test('is created 0700 and the database files 0600, whatever the umask', async () => {
    const previous = process.umask(0o022)
    try {
      const file = join(dir, 'data', 'tremplin.sqlite')
      const db = openSqlite(file)
      // A write, so that SQLite creates its -wal and -shm files.
      await sql`CREATE TABLE t (x TEXT)`.execute(db)
      await sql`INSERT INTO t VALUES ('x')`.execute(db)
      expect(statSync(join(dir, 'data')).mode & 0o777).toBe(0o700)
      for (const f of [file, `${file}-wal`, `${file}-shm`]) expect([f, statSync(f).mode & 0o777]).toEqual([f, 0o600])
      await db.destroy()
    } finally {
      process.umask(previous)
    }
  })

  test('secure_delete is on for every connection', async () => {
    const { rows } = await sql<{ secure_delete: number }>`PRAGMA secure_delete`.execute(rt.db)
    expect(rows[0]?.secure_delete).toBe(1)
  })
})
