import { createUser } from '@/lib/auth/service'
import { approveOrganisation, createOrganisation, getOrganisationOrThrow } from '@/lib/orgs/service'
import type { Runtime } from '@/lib/runtime'

/** Creates an organisation and approves it (as the command line would): it may issue at once. */
export async function createApprovedOrganisation(rt: Runtime, input: Parameters<typeof createOrganisation>[1]) {
  await createOrganisation(rt, input)
  await approveOrganisation(rt, input.slug, 'cli')
  return getOrganisationOrThrow(rt, input.slug)
}

/**
 * An issuing organisation and two young people with wallets (holder did:keys), and the world's
 * clock: `now`, read once (tests/factories/clock.ts). Issue, present and verify at instants
 * derived from it, never at a calendar date.
 */
export async function createWorld(rt: Runtime, { now = new Date() }: { now?: Date } = {}) {
  const org = await createApprovedOrganisation(rt, { slug: 'ml-test', name: 'Mission Locale Test', kind: 'youth_support', region: 'Hauts-de-France' })
  const alice = await createUser(rt, { role: 'youth', username: 'alice', displayName: 'Alice' })
  const mallory = await createUser(rt, { role: 'youth', username: 'mallory', displayName: 'Mallory' })
  return { now, org, alice: { ...alice, did: alice.did! }, mallory: { ...mallory, did: mallory.did! } }
}
