import { afterAll, beforeAll, expect, test } from 'vitest'
import { getBatch, issueNextChunk, previewCsvBatch } from '@/lib/bulk/service'
import { createTestRuntime } from '../../factories/runtime'
import { createBulkWorld, goodRow, HEADER } from './_world'

// Rows are signed in groups and committed in one transaction per group (lib/bulk/issue-rows.ts).
// A group whose rows were partly issued meanwhile by another run is refused whole — none of its
// credentials is written — and its rows still ready are then issued one by one: each row still
// gets exactly one credential, and no status entry is left without its credential.

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
let w: Awaited<ReturnType<typeof createBulkWorld>>
beforeAll(async () => {
  rt = await createTestRuntime()
  w = await createBulkWorld(rt, 12)
})
afterAll(() => rt.cleanup())

const count = async (table: 'credentials' | 'status_entries') =>
  Number((await rt.db.selectFrom(table).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n)

test('a group partly issued by another run meanwhile: refused whole, then the rest one by one, each row once', async () => {
  const result = await previewCsvBatch(rt, w.counsellor, { pilotId: w.pilot.id, fileName: 'x.csv', text: [HEADER, ...w.youth.map((y) => goodRow(y.username, 'Cuisine'))].join('\n') })
  if (!result.ok) throw new Error('file refused')
  const before = { credentials: await count('credentials'), entries: await count('status_entries') }
  let raced = false
  // The hook runs once the group's 12 rows are read and before any is signed: another run issues
  // the first 3 in between, as a second tab would.
  const progress = await issueNextChunk(rt, w.counsellor, result.batchId, {
    beforeRow: async (n) => {
      if (n !== 1 || raced) return
      raced = true
      expect(await issueNextChunk(rt, w.counsellor, result.batchId, { maxRows: 3 })).toMatchObject({ issued: 3, ready: 9 })
    },
  })
  expect(raced).toBe(true)
  expect(progress).toMatchObject({ status: 'done', total: 12, issued: 12, ready: 0, failed: 0 })

  const batch = await getBatch(rt, w.counsellor, result.batchId)
  const ids = batch.rows.map((r) => r.credentialId)
  expect(new Set(ids).size).toBe(12)
  expect(await count('credentials') - before.credentials).toBe(12)
  expect(await count('status_entries') - before.entries).toBe(24)
  const holders = await rt.db.selectFrom('credentials').select('holder_user_id').where('id', 'in', ids as string[]).execute()
  expect(new Set(holders.map((h) => h.holder_user_id)).size).toBe(12)
})
