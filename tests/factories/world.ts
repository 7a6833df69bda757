import { createUser } from '@/lib/auth/service'
import { createOrganisation, getOrganisationOrThrow } from '@/lib/orgs/service'
import type { Runtime } from '@/lib/runtime'

/** An issuing organisation and two young people with wallets (holder did:keys). */
export async function createWorld(rt: Runtime) {
  await createOrganisation(rt, { slug: 'ml-test', name: 'Mission Locale Test', kind: 'youth_support', region: 'Hauts-de-France' })
  const org = await getOrganisationOrThrow(rt, 'ml-test')
  const alice = await createUser(rt, { role: 'youth', username: 'alice', displayName: 'Alice' })
  const mallory = await createUser(rt, { role: 'youth', username: 'mallory', displayName: 'Mallory' })
  return { org, alice: { ...alice, did: alice.did! }, mallory: { ...mallory, did: mallory.did! } }
}
