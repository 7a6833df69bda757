import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { blockRecruiter, decideRequest } from '@/lib/contacts/service'
import { exportPersonalData, listConsentHistory } from '@/lib/privacy/service'
import { createTestRuntime } from '../../factories/runtime'
import { createContactsWorld, request, type ContactsWorld } from '../contacts/_world'

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
let w: ContactsWorld

beforeAll(async () => {
  rt = await createTestRuntime()
  w = await createContactsWorld(rt)
})
afterAll(() => rt.cleanup())

describe('the consent history on “My data”', () => {
  test('lists the young person’s own choices newest first, with the organisation and the time', async () => {
    const youth = { id: w.alice.id, role: 'youth' }
    const a = await request(rt, w.julie, w.alice.id)
    const b = await request(rt, w.romain, w.alice.id)
    await decideRequest(rt, youth, { contactId: a, decision: 'accept' }, new Date('2026-11-01T09:00:00Z'))
    await decideRequest(rt, youth, { contactId: b, decision: 'decline' }, new Date('2026-11-02T09:00:00Z'))
    await blockRecruiter(rt, youth, { contactId: b }, new Date('2026-11-03T09:00:00Z'))
    await exportPersonalData(rt, youth, new Date('2026-11-04T09:00:00Z'))
    await decideRequest(rt, { id: w.noah.id, role: 'youth' }, { contactId: await request(rt, w.julie, w.noah.id), decision: 'accept' })
    expect((await listConsentHistory(rt, youth)).map(({ kind, organisation, at }) => ({ kind, organisation, at }))).toEqual([
      { kind: 'data_exported', organisation: null, at: '2026-11-04T09:00:00.000Z' },
      { kind: 'recruiter_blocked', organisation: 'Garage Test', at: '2026-11-03T09:00:00.000Z' },
      { kind: 'contact_declined', organisation: 'Garage Test', at: '2026-11-02T09:00:00.000Z' },
      { kind: 'contact_accepted', organisation: 'Boulangerie Test', at: '2026-11-01T09:00:00.000Z' },
    ])
  })

  test('is the young person’s own: other roles are refused', async () => {
    for (const u of [w.julie, w.admin]) await expect(listConsentHistory(rt, { id: u.id, role: u.role })).rejects.toMatchObject({ code: 'FORBIDDEN' })
  })
})
