import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest'
import { getBatchProgress, previewCsvBatch } from '@/lib/bulk/service'
import { getPilot } from '@/lib/pilots/service'
import { setRuntime } from '@/lib/runtime'
import { createTestRuntime } from '../../factories/runtime'
import { cookieJar, outcome, signInAs } from '../../helpers/next-mocks'
import { form, sessionUser } from '../issuer/_world'
import { createBulkWorld, goodRow, HEADER } from '../bulk/_world'

vi.mock('next/headers', async () => (await import('../../helpers/next-mocks')).nextHeaders)
vi.mock('next/cache', async () => (await import('../../helpers/next-mocks')).nextCache)

const actions = await import('@/app/(issuer)/issuer/pilots/actions')

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
let w: Awaited<ReturnType<typeof createBulkWorld>>
let batchId: string

beforeAll(async () => {
  rt = await createTestRuntime()
  setRuntime(rt)
  w = await createBulkWorld(rt, 2)
  const result = await previewCsvBatch(rt, w.counsellor, { pilotId: w.pilot.id, fileName: 'x.csv', text: `${HEADER}\n${goodRow('jeune001')}` })
  if (!result.ok) throw new Error('file refused')
  batchId = result.batchId
})
afterAll(() => rt.cleanup())
beforeEach(() => cookieJar.clear())

const pilotFields = { name: 'Action', description: '', region: '', startsOn: '2027-01-01', endsOn: '2027-02-01' }
const csvFile = () => new File([`${HEADER}\n${goodRow('jeune002')}`], 'x.csv', { type: 'text/csv' })

describe('the pilot actions, through the server actions', () => {
  test('a counsellor creates a pilot (redirected to it), and gets field errors back with her input', async () => {
    await signInAs(rt, w.counsellorA.id)
    const bad = await actions.savePilotAction(undefined, form({ ...pilotFields, name: '', endsOn: '2026-12-01' }))
    expect(bad?.fieldErrors).toMatchObject({ name: ['required'], endsOn: ['endBeforeStart'] })
    expect(bad?.values.startsOn).toBe('2027-01-01')
    expect(await outcome(() => actions.savePilotAction(undefined, form(pilotFields)))).toMatch(/^redirect:\/issuer\/pilots\/[0-9a-f-]{36}$/)
  })

  test('a CSV upload is previewed (redirected to the batch), and issuing a chunk issues it', async () => {
    await signInAs(rt, w.counsellorA.id)
    expect(await outcome(() => actions.previewCsvAction(undefined, form({ pilotId: w.pilot.id, file: csvFile() })))).toMatch(new RegExp(`^redirect:/issuer/pilots/${w.pilot.id}/bulk/[0-9a-f-]{36}$`))
    expect(await actions.previewCsvAction(undefined, form({ pilotId: w.pilot.id, file: new File(['person\nx'], 'x.csv') }))).toMatchObject({ error: { key: 'missingColumns' } })
    const result = await actions.issueChunkAction(batchId)
    expect(result).toMatchObject({ ok: true, progress: { status: 'done', issued: 1 } })
  })

  test('every action refuses young people, recruiters and tutors (403), before doing anything', async () => {
    for (const id of [w.youthA.id, w.recruiterA.id, w.tutorA.id]) {
      cookieJar.clear()
      await signInAs(rt, id)
      expect(await outcome(() => actions.savePilotAction(undefined, form(pilotFields)))).toBe('forbidden')
      expect(await outcome(() => actions.changeMembershipAction(form({ pilotId: w.pilot.id, intent: 'addMembers', userId: w.youthA.id })))).toBe('forbidden')
      expect(await outcome(() => actions.previewCsvAction(undefined, form({ pilotId: w.pilot.id, file: csvFile() })))).toBe('forbidden')
      expect(await outcome(() => actions.previewSelectionAction(undefined, form({ pilotId: w.pilot.id, userId: w.youthA.id })))).toBe('forbidden')
      expect(await outcome(() => actions.issueChunkAction(batchId))).toBe('forbidden')
      expect(await outcome(() => actions.retryFailedAction(form({ pilotId: w.pilot.id, batchId })))).toBe('forbidden')
    }
    cookieJar.clear()
    expect(await outcome(() => actions.issueChunkAction(batchId))).toBe('redirect:/sign-in')
  })

  test("another organisation's counsellor gets 404s and changes nothing", async () => {
    await signInAs(rt, w.counsellorB.id)
    expect(await outcome(() => actions.savePilotAction(undefined, form({ ...pilotFields, pilotId: w.pilot.id, name: 'Piraté' })))).toBe('not-found')
    expect(await outcome(() => actions.changeMembershipAction(form({ pilotId: w.pilot.id, intent: 'removeMember', userId: w.counsellorA.id })))).toBe('not-found')
    expect(await outcome(() => actions.previewCsvAction(undefined, form({ pilotId: w.pilot.id, file: csvFile() })))).toBe('not-found')
    expect(await outcome(() => actions.retryFailedAction(form({ pilotId: w.pilot.id, batchId })))).toBe('not-found')
    expect(await actions.issueChunkAction(batchId)).toEqual({ ok: false, error: 'notFound' })
    const pilot = await getPilot(rt, await sessionUser(rt, w.counsellorA.id), w.pilot.id)
    expect(pilot.name).toBe('Objectif emploi 2027')
    expect(pilot.members.map((m) => m.username)).toContain('claire')
    expect((await getBatchProgress(rt, w.counsellor, batchId)).issued).toBe(1)
  })
})
