import { afterAll, describe, expect, test } from 'vitest'
import { verify } from '@/lib/credentials/verify'
import { getCheck } from '@/lib/credentials/verify/result'
import { createDidResolver } from '@/lib/dids/resolver'
import { buildDidDocument } from '@/lib/dids/web'
import { remoteJsonFetcher, type Fetch, type Lookup } from '@/lib/status/remote'
import { createTestRuntime, TEST_PUBLIC_URL } from '../../factories/runtime'
import { dns, fakeHttps, json, newKey, NOW, signDi, signJwt } from './_web'

// Another host's did:web, fetched under the rules of remote status lists (HTTPS only, every
// address checked and the connection pinned to it, 3 s, 1 MB, no redirect to a private address),
// from an in-memory HTTPS world: no socket is opened. Every failure is a `proof` failure that
// says why, for Data Integrity and VC-JWT alike.
const rt = await createTestRuntime()
afterAll(() => rt.cleanup())

const DID = 'did:web:issuer.example:badges'
const URL = 'https://issuer.example/badges/did.json'
const key = await newKey(rt.agent)
const signer = { did: DID, vm: `${DID}#key-1`, kid: key.kid }
const document = await buildDidDocument(DID, [{ fragment: 'key-1', publicKeyHex: key.publicKeyHex }])
const di = await signDi(rt.agent, signer)
const jwt = await signJwt(rt.agent, signer)

function resolverFor(fetch: Fetch, lookup: Lookup = dns(), timeoutMs = 3000) {
  return createDidResolver({ db: rt.db, publicUrl: TEST_PUBLIC_URL, fetchDocument: remoteJsonFetcher({ fetch, lookup, timeoutMs }) })
}
const proofOf = async (input: unknown, resolveDid: ReturnType<typeof resolverFor>) => getCheck(await verify({ input, resolveDid, now: NOW }), 'proof')!

describe('another host’s did:web', () => {
  test.each([['di', di], ['jwt', jwt]] as const)('served over HTTPS: the %s credential verifies (issuer unknown here), the connection pinned to the checked address', async (_, input) => {
    const fetch = fakeHttps({ [URL]: () => json(document) })
    const result = await verify({ input, resolveDid: resolverFor(fetch), now: NOW })
    expect(getCheck(result, 'proof')).toMatchObject({ status: 'passed', code: 'PROOF_VALID' })
    expect(getCheck(result, 'issuer')).toMatchObject({ status: 'unchecked', code: 'ISSUER_UNKNOWN' })
    expect(result.verified).toBe(true)
    expect(fetch.requests).toEqual([{ url: URL, address: '93.184.216.34' }])
  })

  test('a relative verification method id (#key-1) in the document is read as the DID’s', async () => {
    const relative = { ...document, verificationMethod: document.verificationMethod!.map((m) => ({ ...m, id: '#key-1' })), assertionMethod: ['#key-1'] }
    for (const input of [di, jwt]) expect(await proofOf(input, resolverFor(fakeHttps({ [URL]: () => json(relative) })))).toMatchObject({ status: 'passed' })
  })

  test('the document is cached briefly: one fetch for several verifications', async () => {
    const fetch = fakeHttps({ [URL]: () => json(document) })
    const resolveDid = resolverFor(fetch)
    for (const input of [di, jwt, di]) expect(await proofOf(input, resolveDid)).toMatchObject({ status: 'passed' })
    expect(fetch.requests).toHaveLength(1)
  })

  const big = JSON.stringify({ ...document, padding: 'x'.repeat(1024 * 1024) })
  const cases: [string, Fetch, Lookup | undefined, RegExp][] = [
    ['unreachable', fakeHttps({}), undefined, /could not be obtained from https:\/\/issuer\.example\/badges\/did\.json: connect ECONNREFUSED/],
    ['not found (HTTP 404)', fakeHttps({ [URL]: () => new Response('no', { status: 404 }) }), undefined, /HTTP 404/],
    ['larger than 1 MB', fakeHttps({ [URL]: () => new Response(big) }), undefined, /larger than 1048576 bytes/],
    ['on a private address', fakeHttps({ [URL]: () => json(document) }), dns({ 'issuer.example': ['10.0.0.7'] }), /refused: the host resolves to a non-public address$/],
    ['on a loopback address beside a public one', fakeHttps({ [URL]: () => json(document) }), dns({ 'issuer.example': ['93.184.216.34', '127.0.0.1'] }), /refused: the host resolves to a non-public address$/],
    ['redirected to a private host', fakeHttps({ [URL]: () => new Response(null, { status: 302, headers: { location: 'https://intranet.example/did.json' } }) }), dns({ 'intranet.example': ['192.168.1.2'] }), /refused: the host resolves to a non-public address$/],
    ['redirected to plain HTTP', fakeHttps({ [URL]: () => new Response(null, { status: 301, headers: { location: 'http://issuer.example/badges/did.json' } }) }), undefined, /refused: http:\/\/ \(HTTPS only\)/],
    ['not JSON', fakeHttps({ [URL]: () => new Response('<html>') }), undefined, /the answer is not JSON/],
    ['a document for another DID', fakeHttps({ [URL]: () => json({ ...document, id: 'did:web:attacker.example' }) }), undefined, /is for did:web:attacker\.example, not for did:web:issuer\.example:badges/],
    ['not a DID document', fakeHttps({ [URL]: () => json([document]) }), undefined, /is not a DID document/],
  ]
  test.each(cases)('%s: a clear proof failure, DID_UNRESOLVABLE, with the reason (both formats)', async (_, fetch, lookup, reason) => {
    for (const input of [di, jwt]) {
      const proof = await proofOf(input, resolverFor(fetch, lookup))
      expect(proof).toMatchObject({ status: 'failed', code: 'DID_UNRESOLVABLE' })
      expect(proof.message).toMatch(reason)
      expect(proof.message).toContain(DID)
    }
  })

  test('a refused address is never connected to', async () => {
    const fetch = fakeHttps({ [URL]: () => json(document) })
    await proofOf(di, resolverFor(fetch, dns({ 'issuer.example': ['169.254.169.254'] })))
    expect(fetch.requests).toEqual([])
  })

  test('no answer within the timeout: DID_UNRESOLVABLE, without waiting longer', async () => {
    const started = Date.now()
    const proof = await proofOf(di, resolverFor(() => new Promise<Response>(() => {}), dns(), 50))
    expect(proof).toMatchObject({ status: 'failed', code: 'DID_UNRESOLVABLE', message: expect.stringMatching(/no answer within 50 ms/) })
    expect(Date.now() - started).toBeLessThan(2000)
  })

  test.each([['di', di], ['jwt', jwt]] as const)('a key the document does not list for assertions cannot sign a %s credential (PROOF_PURPOSE_INVALID)', async (_, input) => {
    const authOnly = { ...document, assertionMethod: [] }
    const proof = await proofOf(input, resolverFor(fakeHttps({ [URL]: () => json(authOnly) })))
    expect(proof).toMatchObject({ status: 'failed', code: 'PROOF_PURPOSE_INVALID' })
    expect(proof.message).toMatch(/assertionMethod/)
  })

  test('without a fetcher (other hosts not contacted) the reason says so', async () => {
    const proof = await proofOf(di, createDidResolver({ db: rt.db, publicUrl: TEST_PUBLIC_URL }))
    expect(proof).toMatchObject({ status: 'failed', code: 'DID_UNRESOLVABLE', message: expect.stringMatching(/not fetched by this verifier/) })
  })
})
