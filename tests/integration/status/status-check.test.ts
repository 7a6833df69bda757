import * as vc from '@digitalbazaar/vc'
import { afterAll, describe, expect, test } from 'vitest'
import { VC_V2_CONTEXT } from '@/lib/credentials/contexts'
import { createDocumentLoader, documentLoader } from '@/lib/credentials/document-loader'
import { signingSuite } from '@/lib/credentials/suites'
import type { StatusListResolver } from '@/lib/credentials/verify'
import { checkStatus } from '@/lib/credentials/verify/status'
import { createDidKey, ed25519Signer, getDidKeys } from '@/lib/dids/signer'
import { emptyBits, encodeList, MIN_LIST_SIZE, withBit } from '@/lib/credentials/bitstring'
import { instanceDidResolver } from '@/lib/verification/service'
import { createTestRuntime } from '../../factories/runtime'
import { createWorld } from '../../factories/world'

// The `status` check against lists served by an injected resolver (no network): signed by the
// credential's issuer or by someone unrelated, tampered, too short, expired, unreachable.
const rt = await createTestRuntime()
const { org } = await createWorld(rt)
const stranger = await createDidKey(rt.agent, 'unrelated-list-signer')
afterAll(() => rt.cleanup())

const NOW = new Date('2026-11-27T12:00:00Z')
const URL_R = 'https://lists.example/status/revocation/1'
const URL_S = 'https://lists.example/status/suspension/1'
const INDEX = 4242

async function signList(signerDid: string, options: { url?: string; purpose?: string; bits?: Uint8Array; validFrom?: string; validUntil?: string } = {}) {
  const url = options.url ?? URL_R
  const unsigned = {
    '@context': [VC_V2_CONTEXT], id: url, type: ['VerifiableCredential', 'BitstringStatusListCredential'], issuer: signerDid,
    validFrom: options.validFrom ?? '2026-11-27T00:00:00Z', validUntil: options.validUntil ?? '2026-11-28T00:00:00Z',
    credentialSubject: { id: `${url}#list`, type: 'BitstringStatusList', statusPurpose: options.purpose ?? 'revocation', encodedList: encodeList(options.bits ?? emptyBits()) },
  }
  const keys = await getDidKeys(rt.agent, signerDid)
  return vc.issue({ credential: unsigned, suite: signingSuite(ed25519Signer(rt.agent, keys), new Date('2026-11-27T00:00:00Z')), documentLoader, now: new Date('2026-11-27T00:00:00Z') }) as Promise<Record<string, unknown>>
}

const entry = (purpose = 'revocation', index: string = String(INDEX), url = purpose === 'revocation' ? URL_R : URL_S) =>
  ({ id: `${url}#${index}`, type: 'BitstringStatusListEntry', statusPurpose: purpose, statusListIndex: index, statusListCredential: url })
const credential = (...credentialStatus: unknown[]) => ({ issuer: { id: org.did }, credentialStatus })
const serve = (lists: Record<string, Record<string, unknown>>): StatusListResolver => async (url) => {
  if (!lists[url]) throw new Error('404')
  return { credential: lists[url] }
}
// The organisation signs under its did:web: lists are verified with this instance's DID resolver.
const instanceLoader = createDocumentLoader({ resolveDid: instanceDidResolver(rt) })
const check = (cred: Record<string, unknown>, resolveStatusList?: StatusListResolver) => checkStatus(cred, { now: NOW, documentLoader: instanceLoader, resolveStatusList })

const revokedBits = withBit(emptyBits(), INDEX, true)

describe('the status check', () => {
  test('passes (STATUS_VALID) only when every list is valid, signed by the issuer, and says "not set"', async () => {
    const lists = { [URL_R]: await signList(org.did), [URL_S]: await signList(org.did, { url: URL_S, purpose: 'suspension' }) }
    expect(await check(credential(entry(), entry('suspension')), serve(lists))).toMatchObject({ status: 'passed', code: 'STATUS_VALID' })
  })

  test('fails (STATUS_REVOKED / STATUS_SUSPENDED) when the issuer’s list has the bit set; any failed entry fails the check', async () => {
    const lists = { [URL_R]: await signList(org.did, { bits: revokedBits }), [URL_S]: await signList(org.did, { url: URL_S, purpose: 'suspension', bits: revokedBits }) }
    expect(await check(credential(entry()), serve(lists))).toMatchObject({ status: 'failed', code: 'STATUS_REVOKED', details: { statusPurpose: 'revocation' } })
    expect(await check(credential(entry('suspension')), serve(lists))).toMatchObject({ status: 'failed', code: 'STATUS_SUSPENDED' })
    const mixed = { [URL_R]: await signList(org.did), [URL_S]: lists[URL_S] }
    expect(await check(credential(entry(), entry('suspension')), serve(mixed))).toMatchObject({ status: 'failed', code: 'STATUS_SUSPENDED' })
  })

  test('a list signed by someone unrelated: its "not revoked" is unchecked (STATUS_LIST_ISSUER_MISMATCH), its "revoked" still fails', async () => {
    const clean = { [URL_R]: await signList(stranger.did) }
    expect(await check(credential(entry()), serve(clean))).toMatchObject({ status: 'unchecked', code: 'STATUS_LIST_ISSUER_MISMATCH', details: { listIssuer: stranger.did } })
    const revoked = { [URL_R]: await signList(stranger.did, { bits: revokedBits }) }
    expect(await check(credential(entry()), serve(revoked))).toMatchObject({ status: 'failed', code: 'STATUS_REVOKED', details: { listIssuerMatches: false } })
  })

  test('an unreachable list (the resolver throws) is unchecked, never passed', async () => {
    expect(await check(credential(entry()), async () => { throw new Error('ETIMEDOUT') })).toMatchObject({ status: 'unchecked', code: 'STATUS_LIST_UNAVAILABLE' })
  })

  test('a tampered list (a bit flipped after signing) fails its proof: unchecked (STATUS_LIST_PROOF_INVALID), even when it says "revoked"', async () => {
    const signed = await signList(org.did)
    const subject = signed.credentialSubject as Record<string, unknown>
    for (const bits of [revokedBits, withBit(emptyBits(), 7, true)]) {
      const tampered = { ...signed, credentialSubject: { ...subject, encodedList: encodeList(bits) } }
      expect(await check(credential(entry()), serve({ [URL_R]: tampered }))).toMatchObject({ status: 'unchecked', code: 'STATUS_LIST_PROOF_INVALID' })
    }
  })

  test('a list shorter than 131,072 entries: its "not revoked" is unchecked (STATUS_LIST_TOO_SHORT), its "revoked" still fails', async () => {
    const lists = { [URL_R]: await signList(org.did, { bits: withBit(emptyBits(MIN_LIST_SIZE / 2), 5, true) }) }
    expect(await check(credential(entry('revocation', '3')), serve(lists))).toMatchObject({ status: 'unchecked', code: 'STATUS_LIST_TOO_SHORT' })
    expect(await check(credential(entry('revocation', '5')), serve(lists))).toMatchObject({ status: 'failed', code: 'STATUS_REVOKED' })
  })

  test('an index given as a JSON number (not the base-10 string §2.1 requires) can only fail, never pass', async () => {
    const lists = { [URL_R]: await signList(org.did, { bits: revokedBits }) }
    expect(await check(credential({ ...entry(), statusListIndex: INDEX }), serve(lists))).toMatchObject({ status: 'failed', code: 'STATUS_REVOKED' })
    expect(await check(credential({ ...entry(), statusListIndex: 1 }), serve(lists))).toMatchObject({ status: 'unchecked', code: 'STATUS_ENTRY_INVALID' })
  })

  test('an expired list is unchecked (STATUS_LIST_EXPIRED), even when it says "revoked"; one not valid yet too', async () => {
    for (const bits of [emptyBits(), revokedBits]) {
      const lists = { [URL_R]: await signList(org.did, { bits, validFrom: '2026-11-01T00:00:00Z', validUntil: '2026-11-02T00:00:00Z' }) }
      expect(await check(credential(entry()), serve(lists))).toMatchObject({ status: 'unchecked', code: 'STATUS_LIST_EXPIRED' })
    }
    const early = { [URL_R]: await signList(org.did, { validFrom: '2026-12-01T00:00:00Z', validUntil: '2026-12-02T00:00:00Z' }) }
    expect(await check(credential(entry()), serve(early))).toMatchObject({ status: 'unchecked', code: 'STATUS_LIST_NOT_YET_VALID' })
  })

  test('an index out of range, a non-base-10 index, a purpose mismatch, a list of another type: unchecked with a code', async () => {
    const lists = { [URL_R]: await signList(org.did), [URL_S]: await signList(org.did, { url: URL_S, purpose: 'suspension' }) }
    const resolver = serve(lists)
    expect(await check(credential(entry('revocation', String(MIN_LIST_SIZE))), resolver)).toMatchObject({ status: 'unchecked', code: 'STATUS_INDEX_OUT_OF_RANGE' })
    for (const index of ['0x10', '-1', '01', '1.5', '']) {
      expect(await check(credential(entry('revocation', index)), resolver)).toMatchObject({ status: 'unchecked', code: 'STATUS_ENTRY_INVALID' })
    }
    expect(await check(credential(entry('revocation', '1', URL_S)), resolver)).toMatchObject({ status: 'unchecked', code: 'STATUS_LIST_PURPOSE_MISMATCH' })
    const plainVc = { ...(lists[URL_R] as Record<string, unknown>), type: ['VerifiableCredential'] }
    expect(await check(credential(entry()), serve({ [URL_R]: plainVc }))).toMatchObject({ status: 'unchecked', code: 'STATUS_LIST_INVALID' })
  })

  test('other status types are unchecked with a code; no credentialStatus is STATUS_NONE; no resolver is STATUS_NOT_CHECKED', async () => {
    for (const type of ['StatusList2021Entry', '1EdTechRevocationList']) {
      expect(await check(credential({ ...entry(), type }), serve({}))).toMatchObject({ status: 'unchecked', code: 'STATUS_TYPE_UNSUPPORTED' })
    }
    expect(await check({ issuer: org.did }, serve({}))).toMatchObject({ status: 'unchecked', code: 'STATUS_NONE' })
    expect(await check(credential(entry()))).toMatchObject({ status: 'unchecked', code: 'STATUS_NOT_CHECKED' })
  })

  test('an unchecked entry beside a passed one leaves the whole check unchecked', async () => {
    const lists = { [URL_R]: await signList(org.did) }
    expect(await check(credential(entry(), entry('suspension')), serve(lists))).toMatchObject({ status: 'unchecked', code: 'STATUS_LIST_UNAVAILABLE' })
  })
})
