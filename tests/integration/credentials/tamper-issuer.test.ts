import * as vc from '@digitalbazaar/vc'
import { createVerifiableCredentialJwt } from 'did-jwt-vc'
import { afterAll, describe, expect, test } from 'vitest'
import claims from '@/credentials-schemas/examples/skill-badge/valid/02-minimal-en.json'
import { documentLoader } from '@/lib/credentials/document-loader'
import { issueCredential, type CredentialFormat } from '@/lib/credentials/issue'
import { createPresentation } from '@/lib/credentials/present'
import { signingSuite } from '@/lib/credentials/suites'
import { verify as verifyWith, type VerifyOptions } from '@/lib/credentials/verify'
import { getCheck } from '@/lib/credentials/verify/result'
import { ed25519Signer, getDidKeys } from '@/lib/dids/signer'
import { issuerLookup } from '@/lib/orgs/service'
import { instanceDidResolver } from '@/lib/verification/service'
import { createTestRuntime } from '../../factories/runtime'
import { createWorld } from '../../factories/world'

// Mallory has a key of her own and tries to pass her credentials off as the organisation's.

const NOW = new Date('2026-11-20T10:00:00Z')
const rt = await createTestRuntime()
const { org, alice, mallory } = await createWorld(rt)
// The organisation issues under its did:web: verify with this instance's DID resolver (did:key otherwise offline).
const verify = (options: VerifyOptions) => verifyWith({ resolveDid: instanceDidResolver(rt), ...options })
afterAll(() => rt.cleanup())

const issue = (format: CredentialFormat) => issueCredential({
  agent: rt.agent, issuer: { did: org.did, name: org.name }, subjectDid: alice.did,
  templateId: 'skill-badge', claims, format, publicUrl: rt.env.publicUrl, now: NOW,
})
const { proof: _, ...unsignedDi } = (await issue('di')).credential
const genuineJwt = (await issue('jwt')).document
const genuinePayload = JSON.parse(Buffer.from(genuineJwt.split('.')[1]!, 'base64url').toString('utf8'))

const malloryKeys = await getDidKeys(rt.agent, mallory.did)
const signDiAsMallory = (credential: Record<string, unknown>) => vc.issue({
  credential, suite: signingSuite(ed25519Signer(rt.agent, malloryKeys), NOW), documentLoader, now: NOW,
})
/** A VC-JWT with any payload, signed with mallory's key (iss = mallory). */
const signJwtAsMallory = (change: (payload: any) => void) => {
  const payload = structuredClone(genuinePayload)
  // With `iss` already set, did-jwt-vc leaves a payload `issuer.id` where it is.
  payload.iss = mallory.did
  change(payload)
  const signer = async (data: string | Uint8Array) => rt.agent.keyManagerSign({
    keyRef: malloryKeys.kid, algorithm: 'EdDSA',
    ...(typeof data === 'string' ? { data, encoding: 'utf-8' as const } : { data: Buffer.from(data).toString('hex'), encoding: 'hex' as const }),
  })
  return createVerifiableCredentialJwt(payload, { did: mallory.did, signer, alg: 'EdDSA' })
}
const orgProfile = { id: org.did, type: ['Profile'], name: org.name }
const lookup = issuerLookup(rt)

describe('a Data Integrity credential mallory signs', () => {
  test('fails the proof with PROOF_ISSUER_MISMATCH when it names the organisation’s DID as issuer', async () => {
    const forged = await signDiAsMallory({ ...unsignedDi, id: 'urn:uuid:00000000-0000-4000-8000-000000000001' })
    const result = await verify({ input: forged, now: NOW, lookupIssuer: lookup })
    expect(getCheck(result, 'proof')).toMatchObject({ status: 'failed', code: 'PROOF_ISSUER_MISMATCH' })
    expect(getCheck(result, 'issuer')!.status).not.toBe('passed')
    expect(result.verified).toBe(false)
  })

  test('is credited to mallory (ISSUER_UNKNOWN), never to the organisation, when it only borrows the organisation’s name', async () => {
    const forged = await signDiAsMallory({ ...unsignedDi, id: 'urn:uuid:00000000-0000-4000-8000-000000000002', issuer: { ...orgProfile, id: mallory.did } })
    const result = await verify({ input: forged, now: NOW, lookupIssuer: lookup })
    expect(getCheck(result, 'proof')).toMatchObject({ status: 'passed' })
    expect(getCheck(result, 'issuer')).toMatchObject({ status: 'unchecked', code: 'ISSUER_UNKNOWN', details: { did: mallory.did } })
  })
})

describe('a VC-JWT mallory signs', () => {
  test('the genuine payload verifies as the organisation’s (the baseline the forgeries copy)', async () => {
    const result = await verify({ input: genuineJwt, now: NOW, lookupIssuer: lookup })
    expect(getCheck(result, 'issuer')).toMatchObject({ status: 'passed', code: 'ISSUER_KNOWN', details: { did: org.did } })
  })

  test('is credited to mallory (ISSUER_UNKNOWN) when vc.issuer names the organisation', async () => {
    const forged = await signJwtAsMallory((p) => { p.vc.issuer = orgProfile })
    const result = await verify({ input: forged, now: NOW, lookupIssuer: lookup })
    expect(getCheck(result, 'proof')).toMatchObject({ status: 'passed' })
    expect(getCheck(result, 'issuer')).toMatchObject({ status: 'unchecked', code: 'ISSUER_UNKNOWN', details: { did: mallory.did } })
  })

  // did-jwt-vc's JSON view builds `issuer` as `{ id: iss, ...payload.issuer }`, so a payload
  // `issuer.id` would override `iss`: the verifier must not credit the organisation for mallory's key.
  test('fails the proof with PROOF_ISSUER_MISMATCH when the payload’s top-level issuer.id names the organisation', async () => {
    const forged = await signJwtAsMallory((p) => { p.issuer = orgProfile })
    const result = await verify({ input: forged, now: NOW, lookupIssuer: lookup })
    expect(getCheck(result, 'proof')).toMatchObject({ status: 'failed', code: 'PROOF_ISSUER_MISMATCH' })
    expect(getCheck(result, 'issuer')).not.toMatchObject({ status: 'passed', details: { did: org.did } })
    expect(result.verified).toBe(false)
  })

  test('is not credited to the organisation inside a presentation alice signs', async () => {
    const forged = await signJwtAsMallory((p) => { p.issuer = orgProfile })
    const vp = await createPresentation({ agent: rt.agent, holderDid: alice.did, credentials: [forged], challenge: 'c', domain: 'd', format: 'jwt', now: NOW })
    const result = await verify({ input: vp.document, challenge: 'c', domain: 'd', now: NOW, lookupIssuer: lookup })
    expect(getCheck(result.credentials![0]!, 'issuer')).not.toMatchObject({ status: 'passed', details: { did: org.did } })
    expect(result.verified).toBe(false)
  })
})
