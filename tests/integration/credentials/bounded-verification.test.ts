import * as vc from '@digitalbazaar/vc'
import { afterAll, describe, expect, test } from 'vitest'
import { VC_V2_CONTEXT } from '@/lib/credentials/contexts'
import { documentLoader } from '@/lib/credentials/document-loader'
import { createPresentation } from '@/lib/credentials/present'
import { signingSuite } from '@/lib/credentials/suites'
import { DEFAULT_VERIFY_LIMITS, verify, type VerifyOptions } from '@/lib/credentials/verify'
import { getCheck, type VerificationResult } from '@/lib/credentials/verify/result'
import { createDidResolver } from '@/lib/dids/resolver'
import { createDidKey, ed25519Signer, getDidKeys } from '@/lib/dids/signer'
import { createFetchLimiter, remoteJsonFetcher, remoteStatusListResolver, type Fetch, type FetchLimiter, type Lookup } from '@/lib/status/remote'
import { createTestRuntime, TEST_PUBLIC_URL } from '../../factories/runtime'

// One request causes bounded work (docs/decisions/016): every outbound fetch goes through an
// injected transport that counts attempts and answers 404 — the real fetcher, resolver and
// verifier around it. A fetch attempt is one call of the transport (after the address checks).

const NOW = new Date('2026-11-27T12:00:00Z')
const rt = await createTestRuntime()
afterAll(() => rt.cleanup())
const issuer = await createDidKey(rt.agent, 'bounded-issuer')
const holder = await createDidKey(rt.agent, 'bounded-holder')

function transport(limiter: FetchLimiter = createFetchLimiter({ concurrency: 64, queue: 1000 })) {
  const calls: string[] = []
  const fetch: Fetch = async (url) => {
    calls.push(url)
    return new Response('not here', { status: 404 })
  }
  const lookup: Lookup = async () => [{ address: '93.184.216.34', family: 4 }]
  const options = { fetch, lookup, limiter }
  const resolvers: Pick<VerifyOptions, 'resolveDid' | 'resolveStatusList'> = {
    resolveDid: createDidResolver({ publicUrl: TEST_PUBLIC_URL, fetchDocument: remoteJsonFetcher(options) }),
    resolveStatusList: remoteStatusListResolver(options),
  }
  return { calls, resolvers }
}

const statusEntry = (url: string, i = 0) => ({ id: `${url}#${i}`, type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: String(i), statusListCredential: url })

function unsigned(credentialStatus: unknown[], issuerDid = issuer.did) {
  return {
    '@context': [VC_V2_CONTEXT], type: ['VerifiableCredential'], issuer: issuerDid, validFrom: '2026-11-01T00:00:00Z',
    credentialSubject: { id: holder.did, name: 'Planifier' }, credentialStatus,
  }
}

async function sign(credential: Record<string, unknown>): Promise<Record<string, unknown>> {
  const suite = signingSuite(ed25519Signer(rt.agent, await getDidKeys(rt.agent, issuer.did)), NOW)
  return vc.issue({ credential, suite, documentLoader, now: NOW }) as Promise<Record<string, unknown>>
}

/** A credential "signed" by a did:web key: verifying it needs that host's DID document. */
const fromWebIssuer = (did: string) => ({
  ...unsigned([], did),
  proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod', created: '2026-11-01T00:00:00Z', verificationMethod: `${did}#key-1`, proofValue: 'z3FXQjecWufY46yg5abdVZsXqLhxhueuSoZgNSARiKBk9czhSePTFehP8c3PGfb6a22gkfUKKiL8FhBcPYkV8MZ2b' },
})

const present = async (credentials: Record<string, unknown>[]) =>
  JSON.parse((await createPresentation({ agent: rt.agent, holderDid: holder.did, credentials, challenge: 'c-1', domain: TEST_PUBLIC_URL, now: NOW })).document) as Record<string, unknown>

const statusOf = (r: VerificationResult) => getCheck(r, 'status')

describe('status lists are read only for credentials whose proof passed', () => {
  test('one unsigned credential with 5,000 status entries on 5,000 hosts: 0 fetches', async () => {
    const t = transport()
    const entries = Array.from({ length: 5000 }, (_, i) => statusEntry(`https://h${i}.lists.example/s/1`))
    const result = await verify({ input: unsigned(entries), now: NOW, ...t.resolvers })
    expect(getCheck(result, 'proof')).toMatchObject({ status: 'failed', code: 'PROOF_MISSING' })
    expect(statusOf(result)).toMatchObject({ status: 'unchecked', code: 'STATUS_NOT_CHECKED_PROOF_FAILED' })
    expect(t.calls).toEqual([])
  })

  test('a tampered credential with 2 remote status entries: 0 fetches; the same credential intact: 2 (the transport does count)', async () => {
    const signed = await sign(unsigned([statusEntry('https://lists.example/s/1'), statusEntry('https://lists.example/s/2')]))
    const tampered = { ...signed, credentialSubject: { id: holder.did, name: 'Expert en tout' } }
    const t1 = transport()
    const forged = await verify({ input: tampered, now: NOW, ...t1.resolvers })
    expect(getCheck(forged, 'proof')).toMatchObject({ status: 'failed', code: 'PROOF_INVALID' })
    expect(statusOf(forged)).toMatchObject({ status: 'unchecked', code: 'STATUS_NOT_CHECKED_PROOF_FAILED' })
    expect(t1.calls).toEqual([])
    const t2 = transport()
    const genuine = await verify({ input: signed, now: NOW, ...t2.resolvers })
    expect(getCheck(genuine, 'proof')).toMatchObject({ status: 'passed' })
    expect(statusOf(genuine)).toMatchObject({ status: 'unchecked', code: 'STATUS_LIST_UNAVAILABLE' })
    expect(t2.calls.sort()).toEqual(['https://lists.example/s/1', 'https://lists.example/s/2'])
  })

  test(`a signed credential with more than ${DEFAULT_VERIFY_LIMITS.maxStatusEntries} status entries: status unchecked (STATUS_TOO_MANY_ENTRIES), 0 fetches`, async () => {
    const entries = Array.from({ length: DEFAULT_VERIFY_LIMITS.maxStatusEntries + 1 }, (_, i) => statusEntry(`https://lists.example/s/${i}`))
    const t = transport()
    const result = await verify({ input: await sign(unsigned(entries)), now: NOW, ...t.resolvers })
    expect(getCheck(result, 'proof')).toMatchObject({ status: 'passed' })
    expect(statusOf(result)).toMatchObject({ status: 'unchecked', code: 'STATUS_TOO_MANY_ENTRIES', details: { entries: 5, limit: 4 } })
    expect(t.calls).toEqual([])
  })
})

describe('a presentation over the caps', () => {
  test(`more than ${DEFAULT_VERIFY_LIMITS.maxCredentials} credentials: refused (input TOO_MANY_CREDENTIALS) before any proof, 0 fetches`, async () => {
    const t = transport()
    const credentials = Array.from({ length: DEFAULT_VERIFY_LIMITS.maxCredentials + 1 }, (_, i) => fromWebIssuer(`did:web:org${i}.example`))
    const vp = { '@context': [VC_V2_CONTEXT], type: ['VerifiablePresentation'], holder: holder.did, verifiableCredential: credentials }
    const result = await verify({ input: vp, now: NOW, ...t.resolvers })
    expect(result).toMatchObject({ verified: false, kind: 'presentation', checks: [{ id: 'input', status: 'failed', code: 'TOO_MANY_CREDENTIALS', details: { credentials: 51, limit: 50 } }] })
    expect(t.calls).toEqual([])
  })

  test(`credentials from 12 did:web hosts: at most ${DEFAULT_VERIFY_LIMITS.maxRemoteHosts} hosts asked; the others' proofs unchecked (REMOTE_HOST_LIMIT)`, async () => {
    const t = transport()
    const vp = await present(Array.from({ length: 12 }, (_, i) => fromWebIssuer(`did:web:org${i}.example`)))
    const result = await verify({ input: vp, now: NOW, ...t.resolvers })
    expect(t.calls.length).toBe(DEFAULT_VERIFY_LIMITS.maxRemoteHosts)
    expect(new Set(t.calls.map((u) => new URL(u).host)).size).toBe(DEFAULT_VERIFY_LIMITS.maxRemoteHosts)
    const proofs = result.credentials!.map((c) => getCheck(c, 'proof')!)
    expect(proofs.filter((p) => p.code === 'REMOTE_HOST_LIMIT' && p.status === 'unchecked')).toHaveLength(4)
    expect(proofs.filter((p) => p.code === 'DID_UNRESOLVABLE')).toHaveLength(8)
    expect(result.verified).toBe(false)
  })

  test(`40 DIDs on one host: each resolved once, at most ${DEFAULT_VERIFY_LIMITS.maxRemoteDocuments} documents asked (REMOTE_DOCUMENT_LIMIT beyond)`, async () => {
    const t = transport()
    const dids = Array.from({ length: 40 }, (_, i) => `did:web:orgs.example:o${i}`)
    // Some DIDs twice: the second time is answered from the verification's own memo.
    const vp = await present([...dids, ...dids.slice(0, 10)].map(fromWebIssuer))
    const result = await verify({ input: vp, now: NOW, ...t.resolvers })
    expect(t.calls.length).toBe(DEFAULT_VERIFY_LIMITS.maxRemoteDocuments)
    expect(new Set(t.calls).size).toBe(t.calls.length)
    expect(result.credentials!.map((c) => getCheck(c, 'proof')!.code)).toContain('REMOTE_DOCUMENT_LIMIT')
  })

  test('signed credentials whose status lists sit on 20 hosts: at most 8 hosts asked, the rest unchecked (REMOTE_HOST_LIMIT)', async () => {
    const credentials = await Promise.all(Array.from({ length: 10 }, (_, i) =>
      sign(unsigned([statusEntry(`https://a${i}.lists.example/s`), statusEntry(`https://b${i}.lists.example/s`)]))))
    const t = transport()
    const result = await verify({ input: await present(credentials), now: NOW, ...t.resolvers })
    expect(new Set(t.calls.map((u) => new URL(u).host)).size).toBeLessThanOrEqual(DEFAULT_VERIFY_LIMITS.maxRemoteHosts)
    expect(t.calls.length).toBe(DEFAULT_VERIFY_LIMITS.maxRemoteHosts)
    expect(result.credentials!.map((c) => statusOf(c)!.code)).toContain('REMOTE_HOST_LIMIT')
  })
})

describe('the process-wide limit on concurrent remote fetches', () => {
  test('beyond the slots and the waiting line, a fetch fails at once: status unchecked (REMOTE_BUSY), no attempt made', async () => {
    const limiter = createFetchLimiter({ concurrency: 1, queue: 1 })
    const hanging: Fetch = (_url, init) => new Promise((_, reject) => init.signal.addEventListener('abort', () => reject(init.signal.reason)))
    const lookup: Lookup = async () => [{ address: '93.184.216.34', family: 4 }]
    const blocker = remoteJsonFetcher({ fetch: hanging, lookup, limiter, timeoutMs: 2000 })
    const held = [blocker('https://slow.example/a').catch(() => {}), blocker('https://slow.example/b').catch(() => {})]
    expect(limiter.stats()).toEqual({ running: 1, waiting: 1 })
    const t = transport(limiter)
    const result = await verify({ input: await sign(unsigned([statusEntry('https://lists.example/s/1')])), now: NOW, ...t.resolvers })
    expect(statusOf(result)).toMatchObject({ status: 'unchecked', code: 'REMOTE_BUSY' })
    expect(t.calls).toEqual([])
    await Promise.all(held)
  })
})
