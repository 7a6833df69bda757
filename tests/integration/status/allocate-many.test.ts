import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { issueForOrganisation } from '@/lib/issuing/service'
import { allocateStatus, allocateStatusMany } from '@/lib/status/allocate'
import { emptyBits } from '@/lib/credentials/bitstring'
import { createTestRuntime } from '../../factories/runtime'
import { createWorld } from '../../factories/world'

// Bulk issuing picks a group's status indexes at once (lib/status/allocate.ts allocateStatusMany):
// each must be free, and distinct within the group, or the group's one transaction is refused.

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
let w: Awaited<ReturnType<typeof createWorld>>
beforeAll(async () => {
  rt = await createTestRuntime()
  w = await createWorld(rt)
})
afterAll(() => rt.cleanup())

/** A new open list of `size` entries, its first `taken` indexes taken (by one real credential). */
async function crowdedList(purpose: 'revocation' | 'suspension', size: number, taken: number) {
  const issued = await issueForOrganisation(rt, { organisation: w.org, templateId: 'skill-badge', subjectDid: w.alice.did, claims: { skill: { name: 'Accueil' }, level: 'practising', criteria: 'Accueille les clients avec calme.' } })
  const latest = await rt.db.selectFrom('status_lists').select(['list_number']).where('organisation_id', '=', w.org.id).where('purpose', '=', purpose)
    .orderBy('list_number', 'desc').executeTakeFirstOrThrow()
  const id = randomUUID()
  const at = new Date().toISOString()
  await rt.db.insertInto('status_lists').values({ id, organisation_id: w.org.id, purpose, list_number: latest.list_number + 1, size, bits: emptyBits(size), version: 1, created_at: at, updated_at: at }).execute()
  await rt.db.insertInto('status_entries').values(Array.from({ length: taken }, (_, i) => ({ list_id: id, status_index: i, credential_id: issued.id }))).execute()
  return id
}

test('a group of allocations: distinct free indexes in the open lists, entries shaped as one allocation is', async () => {
  const group = await allocateStatusMany(rt.db, w.org, rt.env.publicUrl, 20)
  expect(group).toHaveLength(20)
  for (const purpose of ['revocation', 'suspension']) {
    const indexes = group.map((a) => a.entries.find((e) => e.purpose === purpose)!.index)
    expect(new Set(indexes).size).toBe(20)
  }
  const one = await allocateStatus(rt.db, w.org, rt.env.publicUrl)
  const shape = (a: typeof one) => a.credentialStatus.map((s) => ({ ...s, id: String(s.id).replace(/#\d+$/, '#n'), statusListIndex: 'n' }))
  expect(shape(group[7]!)).toEqual(shape(one))
  expect(group[7]!.credentialStatus.map((s) => s.statusListIndex)).toEqual(group[7]!.entries.map((e) => String(e.index)))
})

test('in a crowded list, only free indexes are picked, each once', async () => {
  // 64 entries, 31 taken (still under half, so the list is open): about half the random picks
  // land on a taken index and must be picked again.
  const size = 64
  const id = await crowdedList('revocation', size, 31)
  const group = await allocateStatusMany(rt.db, w.org, rt.env.publicUrl, 20)
  const picked = group.map((a) => a.entries.find((e) => e.purpose === 'revocation')!)
  expect(picked.every((e) => e.listId === id)).toBe(true)
  expect(picked.filter((e) => e.index < 31)).toEqual([])
  expect(new Set(picked.map((e) => e.index)).size).toBe(20)
  expect(picked.every((e) => e.index >= 0 && e.index < size)).toBe(true)
})
