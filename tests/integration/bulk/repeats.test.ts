import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { chooseRepeats } from '@/lib/bulk/repeats'
import { batchReportCsv, getBatch, issueNextChunk, previewCsvBatch, previewSelectionBatch } from '@/lib/bulk/service'
import { addPilotMembers } from '@/lib/pilots/service'
import { changeCredentialStatus } from '@/lib/status/service'
import { createTestRuntime } from '../../factories/runtime'
import { createBulkWorld, HEADER } from './_world'

// Issue 12 §7: "the same young people got the same badge twice minutes apart without a warning".
// A row repeating a badge — held already (same skill from this organisation, not revoked, not
// expired) or given by an earlier row — is set aside by default, checked again when issuing, and
// issued again only when the counsellor chooses it, per row or for the batch.

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
let w: Awaited<ReturnType<typeof createBulkWorld>>

beforeAll(async () => {
  rt = await createTestRuntime()
  w = await createBulkWorld(rt, 8)
})
afterAll(() => rt.cleanup())

const line = (person: string, skill: string) => `${person},${skill},practising,Observé en atelier deux semaines.,,,fr`
const preview = async (...rows: string[]) => {
  const result = await previewCsvBatch(rt, w.counsellor, { pilotId: w.pilot.id, fileName: 'x.csv', text: [HEADER, ...rows].join('\n') })
  if (!result.ok) throw new Error('file refused')
  return result.batchId
}
const issueAll = async (batchId: string, options: Parameters<typeof issueNextChunk>[3] = {}) => {
  let progress = await issueNextChunk(rt, w.counsellor, batchId, options)
  while (progress.status !== 'done') progress = await issueNextChunk(rt, w.counsellor, batchId)
  return progress
}
/** The skill badges a young person holds with this title (case ignored). */
const held = async (username: string, title: string) => {
  const user = w.youth.find((y) => y.username === username)!
  return rt.db.selectFrom('credentials').select('id').where('holder_user_id', '=', user.id)
    .where((eb) => eb(eb.fn('lower', ['title']), '=', title.toLowerCase())).execute()
}

describe('repeats at preview', () => {
  let first = ''
  let batchId = ''
  test('a badge already held and a row repeated within the file are set aside, with why', async () => {
    await issueAll(await preview(line('jeune001', 'Cuisine collective')))
    first = (await held('jeune001', 'Cuisine collective'))[0]!.id
    batchId = await preview(
      line('jeune001', 'Cuisine collective'), // held already
      line('jeune002', 'Cuisine collective'),
      line('jeune002', 'cuisine COLLECTIVE'), // the same skill again in the file (case ignored)
      line('jeune003', 'Cuisine collective'),
    )
    const batch = await getBatch(rt, w.counsellor, batchId)
    expect(batch).toMatchObject({ total: 4, ready: 2, skipped: 2, invalid: 0 })
    expect(batch.rows.map((r) => [r.status, r.duplicate])).toEqual([
      ['skipped', { kind: 'held', credentialId: first, issuedAt: expect.any(String) }],
      ['ready', null],
      ['skipped', { kind: 'row', row: 2 }],
      ['ready', null],
    ])
  })

  test('by default they are skipped: issuing gives no one the badge twice, and the report says why', async () => {
    expect(await issueAll(batchId)).toMatchObject({ status: 'done', issued: 2, skipped: 2 })
    expect(await held('jeune001', 'Cuisine collective')).toHaveLength(1)
    expect(await held('jeune002', 'Cuisine collective')).toHaveLength(1)
    const report = (await batchReportCsv(rt, w.counsellor, batchId, (e) => `${e.column}:${e.key}`)).split('\r\n')
    expect(report[1]).toContain(',skipped,')
    expect(report[1]).toContain('row:alreadyHeld')
    expect(report[3]).toContain('row:duplicate:2')
  })

  test('issuing one row again on purpose gives that badge again, and only that one', async () => {
    expect(await chooseRepeats(rt, w.counsellor, batchId, { rows: [{ rowNumber: 1, issue: true }, { rowNumber: 3, issue: false }] })).toMatchObject({ status: 'running', ready: 1, skipped: 1 })
    expect(await issueAll(batchId)).toMatchObject({ status: 'done', issued: 3, skipped: 1 })
    expect(await held('jeune001', 'Cuisine collective')).toHaveLength(2)
    expect(await held('jeune002', 'Cuisine collective')).toHaveLength(1)
    expect((await getBatch(rt, w.counsellor, batchId)).rows[0]).toMatchObject({ status: 'issued', reissue: true })
  })

  test('for the whole batch too; a row already issued is never touched', async () => {
    expect(await chooseRepeats(rt, w.counsellor, batchId, { all: 'issue' })).toMatchObject({ ready: 1, skipped: 0, issued: 3 })
    expect(await chooseRepeats(rt, w.counsellor, batchId, { all: 'skip' })).toMatchObject({ ready: 0, skipped: 1, issued: 3 })
    expect(await chooseRepeats(rt, w.counsellor, batchId, { all: 'issue' })).toMatchObject({ ready: 1, skipped: 0 })
    expect(await issueAll(batchId)).toMatchObject({ status: 'done', issued: 4 })
    expect(await held('jeune002', 'Cuisine collective')).toHaveLength(2)
  })

  test('a revoked badge is not held any more: giving it again is no repeat', async () => {
    await issueAll(await preview(line('jeune004', 'Mise en rayon')))
    const id = (await held('jeune004', 'Mise en rayon'))[0]!.id
    expect((await getBatch(rt, w.counsellor, await preview(line('jeune004', 'Mise en rayon')))).rows[0]!.status).toBe('skipped')
    await changeCredentialStatus(rt, { credentialId: id, action: 'revoke', by: w.counsellorA.id })
    expect((await getBatch(rt, w.counsellor, await preview(line('jeune004', 'Mise en rayon')))).rows[0]!.status).toBe('ready')
  })

  test('the same badge for chosen participants: a participant who holds it is set aside', async () => {
    const [y5, y6] = [w.youth[4]!, w.youth[5]!]
    await addPilotMembers(rt, w.counsellor, w.pilot.id, [y5.id, y6.id])
    await issueAll(await preview(line(y5.username, 'Ponctualité')))
    const values = { skill: 'Ponctualité', level: 'practising', criteria: 'À l’heure chaque matin pendant trois mois.', language: 'fr' }
    const { batchId: selection } = await previewSelectionBatch(rt, w.counsellor, { pilotId: w.pilot.id, userIds: [y5.id, y6.id], values })
    expect((await getBatch(rt, w.counsellor, selection)).rows.map((r) => r.status)).toEqual(['skipped', 'ready'])
  })
})

describe('repeats checked again when issuing (the world changes between)', () => {
  test('a badge given after the preview, by another batch, sets the row aside before anything is signed', async () => {
    const late = await preview(line('jeune007', 'Jardinage'))
    const other = await preview(line('jeune007', 'Jardinage'))
    await issueAll(other)
    expect(await issueAll(late)).toMatchObject({ status: 'done', issued: 0, skipped: 1 })
    const id = (await held('jeune007', 'Jardinage'))[0]!.id
    expect((await getBatch(rt, w.counsellor, late)).rows[0]!.duplicate).toMatchObject({ kind: 'held', credentialId: id })
    expect(await held('jeune007', 'Jardinage')).toHaveLength(1)
  })

  test('a badge committed while the row is being signed refuses it inside the write transaction', async () => {
    const late = await preview(line('jeune008', 'Peinture'), line('jeune006', 'Peinture'))
    const other = await preview(line('jeune008', 'Peinture'))
    let raced = false
    const progress = await issueAll(late, { beforeSign: async () => { if (!raced) { raced = true; await issueAll(other) } } })
    expect(raced).toBe(true)
    expect(progress).toMatchObject({ status: 'done', issued: 1, skipped: 1 })
    expect(await held('jeune008', 'Peinture')).toHaveLength(1)
    expect(await held('jeune006', 'Peinture')).toHaveLength(1)
    const [row] = (await getBatch(rt, w.counsellor, late)).rows
    expect(row).toMatchObject({ status: 'skipped', credentialId: null, duplicate: { kind: 'held' } })
  })
})
