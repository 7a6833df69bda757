import { afterAll, beforeAll, expect, test } from 'vitest'
import { getBatch, issueNextChunk, previewCsvBatch } from '@/lib/bulk/service'
import { verifyOnInstance } from '@/lib/verification/service'
import { createTestRuntime } from '../../factories/runtime'
import { createBulkWorld, goodRow, HEADER } from './_world'

// The Done-when of issue 5: a 1,000-row batch interrupted midway, then resumed (and raced by a
// second run), ends with exactly one credential per row, all of which verify.

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
let w: Awaited<ReturnType<typeof createBulkWorld>>

beforeAll(async () => {
  rt = await createTestRuntime()
  w = await createBulkWorld(rt, 50)
})
afterAll(() => rt.cleanup())

test('1,000 rows: interrupted after a few chunks and inside a chunk, resumed and raced, each row is issued exactly once', { timeout: 600_000 }, async () => {
  // 50 young people × 20 skills = 1,000 distinct rows.
  const rows = []
  for (let s = 1; s <= 20; s++) for (const y of w.youth) rows.push(goodRow(y.username, `Compétence ${s}`))
  const result = await previewCsvBatch(rt, w.counsellor, { pilotId: w.pilot.id, fileName: 'mille.csv', text: [HEADER, ...rows].join('\n') })
  if (!result.ok) throw new Error('file refused')
  const batchId = result.batchId
  const started = Date.now()

  // Three chunks of 100, then a crash inside the fourth, at row 347.
  for (let i = 0; i < 3; i++) await issueNextChunk(rt, w.counsellor, batchId, { maxRows: 100 })
  await expect(issueNextChunk(rt, w.counsellor, batchId, {
    maxRows: 100,
    beforeRow: (n) => { if (n === 347) throw new Error('power cut') },
  })).rejects.toThrow('power cut')
  let batch = await getBatch(rt, w.counsellor, batchId)
  expect(batch).toMatchObject({ status: 'running', issued: 346, ready: 654 })

  // Nothing of the interrupted row remains: 346 rows issued, 346 credentials.
  const { n: before } = await rt.db.selectFrom('credentials').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  expect(Number(before)).toBe(346)

  // Resumed twice at once (a second tab, a retried request): the rows race, none is issued twice.
  const [a, b] = await Promise.all([
    issueNextChunk(rt, w.counsellor, batchId, { maxRows: 150 }),
    issueNextChunk(rt, w.counsellor, batchId, { maxRows: 150 }),
  ])
  expect(a.issued).toBeGreaterThan(346)
  expect(b.issued).toBeGreaterThan(346)
  let progress = await issueNextChunk(rt, w.counsellor, batchId, { maxRows: 100 })
  while (progress.status !== 'done') progress = await issueNextChunk(rt, w.counsellor, batchId)
  const seconds = (Date.now() - started) / 1000
  console.info(`bulk: 1,000 skill badges issued in ${seconds.toFixed(1)} s (${seconds.toFixed(1)} ms per badge on average)`)
  expect(progress).toMatchObject({ status: 'done', total: 1000, issued: 1000, ready: 0, failed: 0, invalid: 0 })

  // Exactly one credential per row, and per (young person, skill).
  const creds = await rt.db.selectFrom('credentials').select(['id', 'document', 'holder_user_id', 'title']).execute()
  expect(creds).toHaveLength(1000)
  const perSubjectSkill = new Set(creds.map((c) => `${c.holder_user_id}|${c.title}`))
  expect(perSubjectSkill.size).toBe(1000)
  batch = await getBatch(rt, w.counsellor, batchId)
  const credentialIds = new Set(batch.rows.map((r) => r.credentialId))
  expect(credentialIds.size).toBe(1000)
  expect([...credentialIds].every((id) => creds.some((c) => c.id === id))).toBe(true)

  // Every one verifies.
  const failures = []
  for (const c of creds) {
    const r = await verifyOnInstance(rt, { input: c.document })
    if (!r.verified) failures.push(c.id)
  }
  expect(failures).toEqual([])
})
