import * as vc from '@digitalbazaar/vc'
import { afterAll, describe, expect, test } from 'vitest'
import { VC_V2_CONTEXT } from '@/lib/credentials/contexts'
import { documentLoader } from '@/lib/credentials/document-loader'
import { signingSuite } from '@/lib/credentials/suites'
import type { StatusListResolver } from '@/lib/credentials/verify'
import { checkStatus } from '@/lib/credentials/verify/status'
import { createDidKey, ed25519Signer, getDidKeys } from '@/lib/dids/signer'
import { createOrganisation, getOrganisationOrThrow, issuerLookup, suspendOrganisation } from '@/lib/orgs/service'
import { loadRegistry } from '@/lib/registry/service'
import { emptyBits, encodeList, withBit } from '@/lib/credentials/bitstring'
import { createTestRuntime } from '../../factories/runtime'
import { createApprovedOrganisation } from '../../factories/world'

// Who may vouch with a status list's "not revoked" (docs/decisions/008 and 009): the credential's
// issuer, or another DID of the SAME organisation — never another organisation, however trusted
// (issue 10 §5). Lists are signed for real and served by an injected resolver; the registry is
// the real database.

const rt = await createTestRuntime()
afterAll(() => rt.cleanup())
const NOW = new Date('2026-11-27T12:00:00Z')
const URL_R = 'https://lists.example/status/revocation/1'
const INDEX = 777

const orgA = await createApprovedOrganisation(rt, { slug: 'org-a', name: 'Org A', kind: 'youth_support' })
const orgB = await createApprovedOrganisation(rt, { slug: 'org-b', name: 'Org B', kind: 'employer' })
const pending = await getOrganisationOrThrow(rt, (await createOrganisation(rt, { slug: 'org-pending', name: 'Pending', kind: 'training' })).slug)
const suspended = await createApprovedOrganisation(rt, { slug: 'org-suspended', name: 'Suspended', kind: 'training' })
await suspendOrganisation(rt, suspended.slug, 'cli', { reason: 'Contrôle' })
const stranger = await createDidKey(rt.agent, 'stranger-list-signer')
const partner = await createDidKey(rt.agent, 'registry-partner')

/** Every did:key an organisation issued under (its first DID; approval may add a did:web). */
const didKeyOf = async (organisationId: string) =>
  (await rt.db.selectFrom('organisation_dids').select('did').where('organisation_id', '=', organisationId).where('method', '=', 'key').executeTakeFirstOrThrow()).did

async function signList(signerDid: string, bits = emptyBits()) {
  const unsigned = {
    '@context': [VC_V2_CONTEXT], id: URL_R, type: ['VerifiableCredential', 'BitstringStatusListCredential'], issuer: signerDid,
    validFrom: '2026-11-27T00:00:00Z', validUntil: '2026-11-28T00:00:00Z',
    credentialSubject: { id: `${URL_R}#list`, type: 'BitstringStatusList', statusPurpose: 'revocation', encodedList: encodeList(bits) },
  }
  const keys = await getDidKeys(rt.agent, signerDid)
  return vc.issue({ credential: unsigned, suite: signingSuite(ed25519Signer(rt.agent, keys), new Date('2026-11-27T00:00:00Z')), documentLoader, now: new Date('2026-11-27T00:00:00Z') }) as Promise<Record<string, unknown>>
}
const serve = (list: Record<string, unknown>): StatusListResolver => async () => ({ credential: list })
const entry = { id: `${URL_R}#${INDEX}`, type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: String(INDEX), statusListCredential: URL_R }
const check = (issuer: string, list: Record<string, unknown>, withRegistry = true) =>
  checkStatus({ issuer: { id: issuer }, credentialStatus: [entry] }, { now: NOW, documentLoader, resolveStatusList: serve(list), lookupIssuer: withRegistry ? issuerLookup(rt) : undefined })

describe('a status list may vouch when signed by', () => {
  test('another DID of the same organisation (e.g. its did:key, for a credential under its did:web): passed, vouchedBy organisation — even while it waits for approval', async () => {
    for (const o of [orgA, pending]) {
      const signer = await didKeyOf(o.id)
      const otherDid = `did:web:tremplin.test:orgs:${o.slug}:other`
      await rt.db.insertInto('organisation_dids').values({ did: otherDid, organisation_id: o.id, method: 'web', created_at: NOW.toISOString() }).execute()
      const list = await signList(signer)
      // Without the registry the two DIDs are strangers to each other.
      expect(await check(otherDid, list, false)).toMatchObject({ status: 'unchecked', code: 'STATUS_LIST_ISSUER_MISMATCH' })
      expect(await check(otherDid, list)).toMatchObject({ status: 'passed', code: 'STATUS_VALID', details: { vouchedBy: 'organisation', listIssuer: signer } })
    }
  })

})

describe('a status list may NOT vouch when signed by', () => {
  test.each([
    ['a stranger', async () => stranger.did],
    ['a pending organisation', async () => pending.did],
    ['a suspended organisation', async () => didKeyOf(suspended.id)],
    // A credential that borrows a trusted organisation's list: that organisation vouches only for its own.
    ['another approved organisation of the registry', async () => didKeyOf(orgB.id)],
  ])('%s: its "not revoked" stays unchecked (STATUS_LIST_ISSUER_MISMATCH)', async (_, signer) => {
    expect(await check(orgA.did, await signList(await signer()))).toMatchObject({ status: 'unchecked', code: 'STATUS_LIST_ISSUER_MISMATCH' })
  })

  test('an issuer of an external registry, even once the registry is loaded', async () => {
    const list = await signList(partner.did)
    expect(await check(orgA.did, list)).toMatchObject({ status: 'unchecked', code: 'STATUS_LIST_ISSUER_MISMATCH' })
    await loadRegistry(rt, 'cli', { name: 'Partners', text: JSON.stringify({ registry: { [partner.did]: { name: 'Partner' } } }) })
    expect(await check(orgA.did, list)).toMatchObject({ status: 'unchecked', code: 'STATUS_LIST_ISSUER_MISMATCH', details: { listIssuer: partner.did } })
  })

  test('…but its "revoked" is still believed (the safe direction)', async () => {
    const list = await signList(stranger.did, withBit(emptyBits(), INDEX, true))
    expect(await check(orgA.did, list)).toMatchObject({ status: 'failed', code: 'STATUS_REVOKED', details: { listIssuerMatches: false } })
  })
})
