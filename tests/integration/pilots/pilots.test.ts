import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { suspendOrganisation } from '@/lib/orgs/service'
import { addPilotMembers, addPilotPartner, createPilot, getPilot, listPilotCandidates, listPilots, removePilotMember, removePilotPartner, updatePilot } from '@/lib/pilots/service'
import { getBatch, getBatchProgress, issueNextChunk, listBatches, previewCsvBatch, previewSelectionBatch, retryFailedRows } from '@/lib/bulk/service'
import { createTestRuntime } from '../../factories/runtime'
import { sessionUser } from '../issuer/_world'
import { createBulkWorld, goodRow, HEADER } from '../bulk/_world'

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
let w: Awaited<ReturnType<typeof createBulkWorld>>

beforeAll(async () => {
  rt = await createTestRuntime()
  w = await createBulkWorld(rt, 3)
})
afterAll(() => rt.cleanup())

const input = { name: 'Garantie jeunes — printemps', description: 'Trois mois en entreprise.', region: 'Nord', startsOn: '2027-03-01', endsOn: '2027-05-31' }

describe('pilot actions of an organisation', () => {
  test('a counsellor creates, edits and lists them; members and partner employers come and go', async () => {
    const { id } = await createPilot(rt, w.counsellor, input)
    await updatePilot(rt, w.counsellor, id, { ...input, name: 'Garantie jeunes — été', region: null })
    expect((await listPilots(rt, w.counsellor)).map((p) => p.name)).toContain('Garantie jeunes — été')

    const candidates = await listPilotCandidates(rt, w.counsellor, id)
    expect(candidates.people.map((p) => p.username)).toEqual(expect.arrayContaining(['samira', 'tom', 'jeune001']))
    expect(candidates.people.map((p) => p.username)).not.toContain('claire') // already a member: she created it
    expect(candidates.people.map((p) => p.username)).not.toContain('lucas') // organisation B's
    expect(candidates.employers.map((e) => e.name)).toEqual(['Entreprise B'])

    expect(await addPilotMembers(rt, w.counsellor, id, [w.youthA.id, w.tutorA.id, w.youth[0]!.id])).toBe(3)
    expect(await addPilotMembers(rt, w.counsellor, id, [w.youthA.id])).toBe(0)
    await addPilotPartner(rt, w.counsellor, id, w.b.id)
    let pilot = await getPilot(rt, w.counsellor, id)
    expect(pilot).toMatchObject({ name: 'Garantie jeunes — été', region: null, youthCount: 2, partners: [{ name: 'Entreprise B' }] })
    expect(pilot.members.map((m) => [m.username, m.role]).sort()).toEqual([['claire', 'counsellor'], ['jeune001', 'youth'], ['samira', 'youth'], ['tom', 'tutor']])

    await removePilotMember(rt, w.counsellor, id, w.youthA.id)
    await removePilotPartner(rt, w.counsellor, id, w.b.id)
    pilot = await getPilot(rt, w.counsellor, id)
    expect(pilot).toMatchObject({ youthCount: 1, partners: [] })
  })

  test('only people of the organisation become members; only approved employers become partners', async () => {
    const { id } = await createPilot(rt, w.counsellor, input)
    await expect(addPilotMembers(rt, w.counsellor, id, [w.youthB.id])).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(addPilotMembers(rt, w.counsellor, id, [w.recruiterA.id])).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(addPilotPartner(rt, w.counsellor, id, w.a.id)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    const { createOrganisation } = await import('@/lib/orgs/service')
    const pending = await createOrganisation(rt, { slug: 'pending-employer', name: 'En attente', kind: 'employer' })
    await expect(addPilotPartner(rt, w.counsellor, id, (await rt.db.selectFrom('organisations').select('id').where('slug', '=', pending.slug).executeTakeFirstOrThrow()).id)).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})

describe('refusals: other organisations and other roles', () => {
  test('staff of another organisation see nothing of a pilot or a batch (NOT_FOUND)', async () => {
    const counsellorB = await sessionUser(rt, w.counsellorB.id)
    const result = await previewCsvBatch(rt, w.counsellor, { pilotId: w.pilot.id, fileName: 'x.csv', text: `${HEADER}\n${goodRow('jeune001', 'Refus')}` })
    if (!result.ok) throw new Error('file refused')
    expect(await listPilots(rt, counsellorB)).toEqual([])
    for (const run of [
      () => getPilot(rt, counsellorB, w.pilot.id),
      () => updatePilot(rt, counsellorB, w.pilot.id, input),
      () => addPilotMembers(rt, counsellorB, w.pilot.id, [w.youthB.id]),
      () => removePilotMember(rt, counsellorB, w.pilot.id, w.youthA.id),
      () => addPilotPartner(rt, counsellorB, w.pilot.id, w.b.id),
      () => listBatches(rt, counsellorB, w.pilot.id),
      () => previewCsvBatch(rt, counsellorB, { pilotId: w.pilot.id, fileName: 'x.csv', text: HEADER }),
      () => previewSelectionBatch(rt, counsellorB, { pilotId: w.pilot.id, userIds: [w.youthB.id], values: {} }),
      () => getBatch(rt, counsellorB, result.batchId),
      () => getBatchProgress(rt, counsellorB, result.batchId),
      () => issueNextChunk(rt, counsellorB, result.batchId),
      () => retryFailedRows(rt, counsellorB, result.batchId),
    ]) await expect(run()).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect((await getBatchProgress(rt, w.counsellor, result.batchId)).issued).toBe(0)
  })

  test('young people, recruiters, tutors and the admin are refused (FORBIDDEN)', async () => {
    const result = await previewCsvBatch(rt, w.counsellor, { pilotId: w.pilot.id, fileName: 'x.csv', text: `${HEADER}\n${goodRow('jeune002', 'Refus')}` })
    if (!result.ok) throw new Error('file refused')
    for (const id of [w.youthA.id, w.recruiterA.id, w.tutorA.id, w.admin.id]) {
      const actor = await sessionUser(rt, id)
      for (const run of [
        () => listPilots(rt, actor),
        () => createPilot(rt, actor, input),
        () => getPilot(rt, actor, w.pilot.id),
        () => previewCsvBatch(rt, actor, { pilotId: w.pilot.id, fileName: 'x.csv', text: HEADER }),
        () => issueNextChunk(rt, actor, result.batchId),
        () => getBatch(rt, actor, result.batchId),
      ]) await expect(run()).rejects.toMatchObject({ code: 'FORBIDDEN' })
    }
    expect((await getBatchProgress(rt, w.counsellor, result.batchId)).issued).toBe(0)
  })

  test('a suspended organisation runs no pilot and issues nothing: its rows stay ready', async () => {
    const rt2 = await createTestRuntime()
    try {
      const w2 = await createBulkWorld(rt2, 2)
      const result = await previewCsvBatch(rt2, w2.counsellor, { pilotId: w2.pilot.id, fileName: 'x.csv', text: `${HEADER}\n${goodRow('jeune001')}` })
      if (!result.ok) throw new Error('file refused')
      await suspendOrganisation(rt2, 'ml-a', 'cli', { reason: 'Contrôle' })
      await expect(issueNextChunk(rt2, w2.counsellor, result.batchId)).rejects.toMatchObject({ code: 'FORBIDDEN' })
      await expect(listPilots(rt2, w2.counsellor)).rejects.toMatchObject({ code: 'FORBIDDEN' })
      const { n } = await rt2.db.selectFrom('bulk_rows').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'ready').executeTakeFirstOrThrow()
      expect(Number(n)).toBe(1)
    } finally {
      await rt2.cleanup()
    }
  })
})

