import * as vc from '@digitalbazaar/vc'
import jsigs from 'jsonld-signatures'
import { describe, expect, test } from 'vitest'
import { VC_EXAMPLES_V2_CONTEXT, VC_V1_CONTEXT, VC_V2_CONTEXT } from '@/lib/credentials/contexts'
import { documentLoader } from '@/lib/credentials/document-loader'
import { signingSuite } from '@/lib/credentials/suites'
import { verify } from '@/lib/credentials/verify'
import { getCheck, type VerificationResult } from '@/lib/credentials/verify/result'
import { newDidKeySigner } from '../../../helpers/did-key-signer'

// The whole pipeline's verdicts on documents that break the W3C data model (VCDM 2.0, 1.1 where it
// applies), really signed — Data Integrity and VC-JWT — so that only the data-model rules can make
// them fail. Before these rules most of them verified (credentialSchema, refreshService, names,
// dates, relatedResource, a presentation's context or JSON text inside it); the rest failed with the
// library's generic DATA_MODEL_INVALID, and now name what is wrong.

const NOW = new Date('2026-11-27T12:00:00Z')
const issuer = await newDidKeySigner()
const holder = await newDidKeySigner()
const suiteOf = (who: { signer: unknown }) => signingSuite(who.signer as never, NOW)

const credential = (extra: Record<string, unknown> = {}) => ({
  '@context': [VC_V2_CONTEXT, VC_EXAMPLES_V2_CONTEXT], type: ['VerifiableCredential', 'ExampleSkillCredential'], issuer: issuer.did,
  validFrom: '2026-01-01T00:00:00Z', credentialSubject: { id: holder.did, skill: 'Cooking for twenty' }, ...extra,
})
// jsonld-signatures directly: vc.issue would refuse some of these faults before signing (the
// issuer's own check); a verifier meets credentials from issuers that make no such check.
const sign = async (c: Record<string, unknown>) => jsigs.sign(structuredClone(c), { suite: suiteOf(issuer), purpose: new vc.CredentialIssuancePurpose(), documentLoader }) as Promise<Record<string, unknown>>
const present = async (vp: Record<string, unknown>, signer = holder) =>
  vc.signPresentation({ presentation: structuredClone(vp), suite: suiteOf(signer), challenge: 'c-1', domain: 'https://tremplin.test', documentLoader }) as Promise<Record<string, unknown>>
const verifyVp = (vp: unknown, holderBinding?: 'report') => verify({ input: vp, challenge: 'c-1', domain: 'https://tremplin.test', now: NOW, ...(holderBinding ? { holderBinding } : {}) })

/** A VC-JWT (VCDM 1.1) really signed by the issuer's key. */
async function vcJwt(vcClaim: Record<string, unknown>): Promise<string> {
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url')
  const kid = `${issuer.did}#${issuer.did.slice('did:key:'.length)}`
  const input = `${b64({ alg: 'EdDSA', typ: 'JWT', kid })}.${b64({ iss: issuer.did, sub: holder.did, nbf: Math.floor(NOW.getTime() / 1000) - 3600, vc: vcClaim })}`
  return `${input}.${await issuer.jwtSigner(input)}`
}
const jwtVc = (extra: Record<string, unknown> = {}) => ({ '@context': [VC_V1_CONTEXT], type: ['VerifiableCredential'], credentialSubject: { name: 'Alice' }, ...extra })

const expectSchemaFailed = (result: VerificationResult, code: string) => {
  expect(getCheck(result, 'proof')).toMatchObject({ status: 'passed' })
  expect(getCheck(result, 'schema')).toMatchObject({ status: 'failed', code })
  expect(result.verified).toBe(false)
}

describe('credentials that break the data model, signed with a valid proof', () => {
  test('the same credential without the fault verifies (the control)', async () => {
    const result = await verify({ input: await sign(credential()), now: NOW })
    expect(result.verified).toBe(true)
  })

  test.each([
    ['credentialSchema without id', { credentialSchema: { type: 'JsonSchema' } }, 'ID_MISSING'],
    ['credentialSchema without type', { credentialSchema: { id: 'https://example.org/schemas/skill.json' } }, 'OBJECT_TYPE_MISSING'],
    ['refreshService without type', { refreshService: { id: 'https://example.org/refresh/1' } }, 'OBJECT_TYPE_MISSING'],
    ['termsOfUse without type', { termsOfUse: { id: 'https://example.org/policies/1' } }, 'OBJECT_TYPE_MISSING'],
    ['evidence without type', { evidence: [{ id: 'https://example.org/evidence/1' }] }, 'OBJECT_TYPE_MISSING'],
    // (a language value object with an extra key is refused by JSON-LD itself: it cannot be signed)
    ['a name that is a number', { name: 42 }, 'NAME_INVALID'],
    ['an issuer description that is a boolean', { issuer: { id: issuer.did, description: true } }, 'NAME_INVALID'],
    ['relatedResource without a digest', { relatedResource: [{ id: 'https://www.w3.org/ns/credentials/v2' }] }, 'RELATED_RESOURCE_NO_DIGEST'],
    ['relatedResource ids repeated', { relatedResource: [{ id: 'https://example.org/r', digestSRI: 'sha384-a' }, { id: 'https://example.org/r', digestMultibase: 'ub' }] }, 'RELATED_RESOURCE_REPEATED'],
  ])('%s: proof passed, schema failed with %s, not verified', async (_, extra, code) => {
    expectSchemaFailed(await verify({ input: await sign(credential(extra)), now: NOW }), code)
  })

  test('validUntil before validFrom: schema failed (DATE_ORDER) and validity failed (DATE_ORDER), whatever today is', async () => {
    const result = await verify({ input: await sign(credential({ validFrom: '2026-12-01T00:00:00Z', validUntil: '2026-01-01T00:00:00Z' })), now: NOW })
    expectSchemaFailed(result, 'DATE_ORDER')
    expect(getCheck(result, 'validity')).toMatchObject({ status: 'failed', code: 'DATE_ORDER' })
  })

  test('a VC-JWT: the same rules on its JSON view (credentialSchema without type), and the control verifies', async () => {
    expect((await verify({ input: await vcJwt(jwtVc()), now: NOW })).verified).toBe(true)
    expectSchemaFailed(await verify({ input: await vcJwt(jwtVc({ credentialSchema: { id: 'https://example.org/schemas/skill.json' } })), now: NOW }), 'OBJECT_TYPE_MISSING')
    expectSchemaFailed(await verify({ input: await vcJwt(jwtVc({ termsOfUse: [{ id: 'https://example.org/policies/1' }] })), now: NOW }), 'OBJECT_TYPE_MISSING')
  })
})

describe('presentations and the data model', () => {
  test('a presentation whose first @context is the examples context, the base one second: schema failed (CONTEXT_BASE_MISSING), though its proof is valid', async () => {
    const vp = await present({ '@context': [VC_EXAMPLES_V2_CONTEXT, VC_V2_CONTEXT], type: ['VerifiablePresentation'], holder: holder.did })
    const result = await verifyVp(vp)
    expect(getCheck(result, 'proof')).toMatchObject({ status: 'passed' })
    expect(getCheck(result, 'schema')).toMatchObject({ status: 'failed', code: 'CONTEXT_BASE_MISSING' })
    expect(result.verified).toBe(false)
    // the control: the base context first
    expect((await verifyVp(await present({ '@context': [VC_V2_CONTEXT, VC_EXAMPLES_V2_CONTEXT], type: ['VerifiablePresentation'], holder: holder.did }))).verified).toBe(true)
  })

  test('a presentation with no holder verifies: its proven signer is the presenter, bound to credentials issued to it (HOLDER_BOUND, named: false)', async () => {
    const vp = await present({ '@context': [VC_V2_CONTEXT], type: ['VerifiablePresentation'], verifiableCredential: [await sign(credential())] })
    const result = await verifyVp(vp)
    expect(getCheck(result, 'holder')).toMatchObject({ status: 'passed', code: 'HOLDER_BOUND', details: { holder: holder.did, named: false } })
    expect(getCheck(result.credentials![0]!, 'holder')).toMatchObject({ status: 'passed', code: 'SUBJECT_IS_HOLDER' })
    expect(result.verified).toBe(true)
    expect(getCheck(await verifyVp(await present({ '@context': [VC_V2_CONTEXT], type: ['VerifiablePresentation'] })), 'holder')).toMatchObject({ status: 'passed', code: 'HOLDER_BOUND' })
  })

  test('no holder, and a credential issued to someone else: binding stays strict (SUBJECT_NOT_HOLDER failed); "report" reports it', async () => {
    const stranger = await newDidKeySigner()
    const vp = await present({ '@context': [VC_V2_CONTEXT], type: ['VerifiablePresentation'], verifiableCredential: [await sign(credential())] }, stranger)
    const strict = await verifyVp(vp)
    expect(getCheck(strict.credentials![0]!, 'holder')).toMatchObject({ status: 'failed', code: 'SUBJECT_NOT_HOLDER', details: { subject: holder.did, holder: stranger.did } })
    expect(strict.verified).toBe(false)
    const reported = await verifyVp(vp, 'report')
    expect(getCheck(reported.credentials![0]!, 'holder')).toMatchObject({ status: 'unchecked', code: 'SUBJECT_NOT_HOLDER', details: { enforced: false } })
    expect(reported.verified).toBe(true)
  })

  test('a holder named but signed by another key still fails (HOLDER_NOT_SIGNER): an absent holder is not a way around it', async () => {
    const stranger = await newDidKeySigner()
    const result = await verifyVp(await present({ '@context': [VC_V2_CONTEXT], type: ['VerifiablePresentation'], holder: holder.did }, stranger))
    expect(getCheck(result, 'holder')).toMatchObject({ status: 'failed', code: 'HOLDER_NOT_SIGNER' })
    expect(result.verified).toBe(false)
  })

  test('a credential carried as JSON text inside a presentation fails (INPUT_NOT_OBJECT); a compact VC-JWT there stays a credential', async () => {
    const text = JSON.stringify(await sign(credential()))
    const unsigned = { '@context': [VC_V2_CONTEXT], type: ['VerifiablePresentation'], holder: holder.did, verifiableCredential: [text], proof: { type: 'DataIntegrityProof' } }
    const result = await verifyVp(unsigned)
    expect(result.credentials![0]!.checks[0]).toMatchObject({ id: 'input', status: 'failed', code: 'INPUT_NOT_OBJECT' })
    expect(result.verified).toBe(false)
    const withJwt = await verifyVp({ ...unsigned, verifiableCredential: [await vcJwt(jwtVc())] })
    expect(getCheck(withJwt.credentials![0]!, 'proof')).toMatchObject({ status: 'passed' })
  })
})
