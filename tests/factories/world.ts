import { createUser } from '@/lib/auth/service'
import { approveOrganisation, createOrganisation, getOrganisationOrThrow } from '@/lib/orgs/service'
import type { Runtime } from '@/lib/runtime'

/** Creates an organisation and approves it (as the command line would): it may issue at once. */
export async function createApprovedOrganisation(rt: Runtime, input: Parameters<typeof createOrganisation>[1]) {
  await createOrganisation(rt, input)
  await approveOrganisation(rt, input.slug, 'cli')
  return getOrganisationOrThrow(rt, input.slug)
}

/** An issuing organisation and two young people with wallets (holder did:keys). */
export async function createWorld(rt: Runtime) {
  const org = await createApprovedOrganisation(rt, { slug: 'ml-test', name: 'Mission Locale Test', kind: 'youth_support', region: 'Hauts-de-France' })
  const alice = await createUser(rt, { role: 'youth', username: 'alice', displayName: 'Alice' })
  const mallory = await createUser(rt, { role: 'youth', username: 'mallory', displayName: 'Mallory' })
  return { org, alice: { ...alice, did: alice.did! }, mallory: { ...mallory, did: mallory.did! } }
}
