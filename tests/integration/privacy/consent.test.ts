import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { blockRecruiter, decideRequest } from '@/lib/contacts/service'
import { exportPersonalData, listConsentHistory } from '@/lib/privacy/service'
import { HOUR_MS, msAfter } from '../../factories/clock'
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
    // Her choices, an hour apart, after the requests were made.
    const requestedAt = new Date()
    const later = (hours: number) => msAfter(requestedAt, hours * HOUR_MS)
    await decideRequest(rt, youth, { contactId: a, decision: 'accept' }, later(1))
    await decideRequest(rt, youth, { contactId: b, decision: 'decline' }, later(2))
    await blockRecruiter(rt, youth, { contactId: b }, later(3))
    await exportPersonalData(rt, youth, later(4))
    await decideRequest(rt, { id: w.noah.id, role: 'youth' }, { contactId: await request(rt, w.julie, w.noah.id), decision: 'accept' })
    expect((await listConsentHistory(rt, youth)).map(({ kind, organisation, at }) => ({ kind, organisation, at }))).toEqual([
      { kind: 'data_exported', organisation: null, at: later(4).toISOString() },
      { kind: 'recruiter_blocked', organisation: 'Garage Test', at: later(3).toISOString() },
      { kind: 'contact_declined', organisation: 'Garage Test', at: later(2).toISOString() },
      { kind: 'contact_accepted', organisation: 'Boulangerie Test', at: later(1).toISOString() },
    ])
  })

  test('is the young person’s own: other roles are refused', async () => {
    for (const u of [w.julie, w.admin]) await expect(listConsentHistory(rt, { id: u.id, role: u.role })).rejects.toMatchObject({ code: 'FORBIDDEN' })
  })
})
