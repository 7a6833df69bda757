import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { getBatch, previewCsvBatch } from '@/lib/bulk/service'
import { verifyOnInstance } from '@/lib/verification/service'
import { testPostgresServer } from '../../factories/databases'
import { createTestRuntime } from '../../factories/runtime'
import { runScriptForJson } from '../../helpers/cli'
import { createBulkWorld, goodRow, HEADER } from '../bulk/_world'
import { PASSWORD } from '../issuer/_world'

// Issue 14: several app instances on one PostgreSQL database. Each instance is its own process
// (tests/integration/scale/_instance.ts: own pool, own empty data folder, the shared MASTER_KEY),
// running the app's services; what must agree lives in the database.

const server = testPostgresServer()
if (!server) console.warn('two-instances: skipped — runs on PostgreSQL only (npm run test:postgres; CI runs it)')

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
let w: Awaited<ReturnType<typeof createBulkWorld>>

/** Runs one job on a separate instance process; its last stdout line is the JSON result. */
async function onInstance<T>(...args: string[]): Promise<T> {
  return runScriptForJson<T>('tests/integration/scale/_instance.ts', args, {
    ...process.env, DATABASE_URL: rt.env.databaseUrl, MASTER_KEY: rt.env.masterKey, PUBLIC_URL: rt.env.publicUrl,
  })
}

describe.skipIf(!server)('two app instances on one PostgreSQL database', () => {
  beforeAll(async () => {
    rt = await createTestRuntime()
    w = await createBulkWorld(rt, 12)
  })
  afterAll(() => rt?.cleanup())

  test('a bulk batch resumed on both at once issues each row exactly once, and every credential verifies', { timeout: 600_000 }, async () => {
    // 12 young people × 5 skills = 60 distinct rows, claimed five at a time by both instances.
    const rows = []
    for (let s = 1; s <= 5; s++) for (const y of w.youth) rows.push(goodRow(y.username, `Compétence ${s}`))
    const preview = await previewCsvBatch(rt, w.counsellor, { pilotId: w.pilot.id, fileName: 'deux.csv', text: [HEADER, ...rows].join('\n') })
    if (!preview.ok) throw new Error('file refused')

    const [a, b] = await Promise.all([
      onInstance<{ progress: { status: string; issued: number }; chunks: number }>('issue-batch', w.counsellorA.id, preview.batchId),
      onInstance<{ progress: { status: string; issued: number }; chunks: number }>('issue-batch', w.counsellorA.id, preview.batchId),
    ])
    expect(a.progress).toMatchObject({ status: 'done', issued: 60 })
    expect(b.progress).toMatchObject({ status: 'done', issued: 60 })

    const creds = await rt.db.selectFrom('credentials').select(['id', 'document', 'holder_user_id', 'title']).execute()
    expect(creds).toHaveLength(60)
    expect(new Set(creds.map((c) => `${c.holder_user_id}|${c.title}`)).size).toBe(60)
    const batch = await getBatch(rt, w.counsellor, preview.batchId)
    expect(batch).toMatchObject({ status: 'done', issued: 60, ready: 0, failed: 0 })
    const ids = batch.rows.map((r) => r.credentialId)
    expect(new Set(ids).size).toBe(60)
    expect(ids.every((id) => creds.some((c) => c.id === id))).toBe(true)
    // One revocation and one suspension index per credential, none shared.
    const entries = await rt.db.selectFrom('status_entries').select(['list_id', 'status_index', 'credential_id']).execute()
    expect(entries).toHaveLength(120)
    expect(new Set(entries.map((e) => `${e.list_id}#${e.status_index}`)).size).toBe(120)

    const failures = []
    for (const c of creds) if (!(await verifyOnInstance(rt, { input: c.document })).verified) failures.push(c.id)
    expect(failures).toEqual([])
  })

  test('a session made on one instance is valid on the other, and signing out on the other ends it', { timeout: 120_000 }, async () => {
    const { userId, token } = await onInstance<{ userId: string; token: string }>('sign-in', 'samira', PASSWORD, '203.0.113.7')
    expect(userId).toBe(w.youthA.id)
    expect(await onInstance('session', token)).toEqual({ userId: w.youthA.id })
    await onInstance('sign-out', token)
    expect(await onInstance('session', token)).toEqual({ userId: null })
    expect(await onInstance('session', 'not-a-token')).toEqual({ userId: null })
  })

  test('a rate limit counts across both: 2 × 30 hits at once on one key allow exactly 40', { timeout: 120_000 }, async () => {
    const [a, b] = await Promise.all([
      onInstance<{ allowed: number }>('hit', 'test:shared-key', '40', '30'),
      onInstance<{ allowed: number }>('hit', 'test:shared-key', '40', '30'),
    ])
    expect(a.allowed + b.allowed).toBe(40)
    const row = await rt.db.selectFrom('rate_limits').select('count').where('key', '=', 'test:shared-key').executeTakeFirstOrThrow()
    expect(row.count).toBe(60)
  })
})
