import * as vc from '@digitalbazaar/vc'
import { createVerifiablePresentationJwt } from 'did-jwt-vc'
import { afterAll, describe, expect, test } from 'vitest'
import claims from '@/credentials-schemas/examples/skill-badge/valid/02-minimal-en.json'
import { documentLoader } from '@/lib/credentials/document-loader'
import { issueCredential, type CredentialFormat } from '@/lib/credentials/issue'
import { createPresentation } from '@/lib/credentials/present'
import { signingSuite } from '@/lib/credentials/suites'
import { verify as verifyWith, type VerifyOptions } from '@/lib/credentials/verify'
import { getCheck, type VerificationResult } from '@/lib/credentials/verify/result'
import { ed25519Signer, getDidKeys } from '@/lib/dids/signer'
import { instanceDidResolver } from '@/lib/verification/service'
import { createTestRuntime } from '../../factories/runtime'
import { createWorld } from '../../factories/world'

// Presentations in both formats: holder binding, challenge and domain, and the credentials inside.

const NOW = new Date('2026-11-20T10:00:00Z')
const CHALLENGE = 'c-5f1e2b7a'
const DOMAIN = 'https://employer.example'
const rt = await createTestRuntime()
const { org, alice, mallory } = await createWorld(rt)
// The organisation issues under its did:web: verify with this instance's DID resolver (did:key otherwise offline).
const verify = (options: VerifyOptions) => verifyWith({ resolveDid: instanceDidResolver(rt), ...options })
afterAll(() => rt.cleanup())

const issue = (format: CredentialFormat, overrides: Record<string, unknown> = {}) => issueCredential({
  agent: rt.agent, issuer: { did: org.did, name: org.name }, subjectDid: alice.did,
  templateId: 'skill-badge', claims: { ...claims, ...overrides }, format, publicUrl: rt.env.publicUrl, now: NOW,
})
const diCredential = (await issue('di')).credential
const jwtCredential = (await issue('jwt')).document
const otherJwtCredential = (await issue('jwt', { level: 'expert' })).document
const credentialOf = { di: diCredential, jwt: jwtCredential } as const

const present = (format: CredentialFormat, holderDid: string, credentials: (Record<string, unknown> | string)[] = [credentialOf[format]]) =>
  createPresentation({ agent: rt.agent, holderDid, credentials, challenge: CHALLENGE, domain: DOMAIN, format, now: NOW })
const check = (result: VerificationResult, id: Parameters<typeof getCheck>[1]) => getCheck(result, id)

describe.each(['di', 'jwt'] as const)('a %s presentation', (format) => {
  test('verifies when alice presents her own credential for the expected challenge and domain', async () => {
    const vp = await present(format, alice.did)
    const result = await verify({ input: vp.document, challenge: CHALLENGE, domain: DOMAIN, now: NOW })
    expect(check(result, 'holder')).toMatchObject({ status: 'passed', code: 'HOLDER_BOUND' })
    expect(check(result, 'challenge')).toMatchObject({ status: 'passed', code: 'CHALLENGE_MATCHED' })
    expect(result.credentials?.[0]?.verified).toBe(true)
    expect(result.verified).toBe(true)
  })

  // Decision 011: the stolen presentation. Mallory signs with her own key, names herself as holder,
  // and carries Alice's credential: every signature is genuine, and it must not verify.
  test('verify fails a stolen presentation: mallory presents alice’s credential (SUBJECT_NOT_HOLDER failed, not verified)', async () => {
    const vp = await present(format, mallory.did)
    const result = await verify({ input: vp.document, challenge: CHALLENGE, domain: DOMAIN, now: NOW })
    expect(check(result, 'proof')).toMatchObject({ status: 'passed' })
    expect(check(result, 'holder')).toMatchObject({ status: 'passed', code: 'HOLDER_SIGNED', details: { holder: mallory.did, credentials: [0] } })
    expect(check(result.credentials![0]!, 'proof')).toMatchObject({ status: 'passed' })
    expect(check(result.credentials![0]!, 'holder')).toMatchObject({
      status: 'failed', code: 'SUBJECT_NOT_HOLDER', details: { subject: alice.did, holder: mallory.did, enforced: true },
    })
    expect(result.credentials![0]!.verified).toBe(false)
    expect(result.verified).toBe(false)
  })

  test('holderBinding "report": the stolen presentation verifies, its holder check reported as unchecked (enforced: false)', async () => {
    const vp = await present(format, mallory.did)
    const result = await verify({ input: vp.document, challenge: CHALLENGE, domain: DOMAIN, now: NOW, holderBinding: 'report' })
    expect(check(result.credentials![0]!, 'holder')).toMatchObject({
      status: 'unchecked', code: 'SUBJECT_NOT_HOLDER', details: { subject: alice.did, holder: mallory.did, enforced: false },
    })
    expect(result.verified).toBe(true)
  })

  test('a linked identifier binds: alice’s credential presented by mallory passes when mallory proved control of alice’s DID (SUBJECT_LINKED)', async () => {
    const vp = await present(format, mallory.did)
    const asked: string[] = []
    const linkedIdentifiers = async (holder: string) => {
      asked.push(holder)
      return holder === mallory.did ? [alice.did] : []
    }
    const result = await verify({ input: vp.document, challenge: CHALLENGE, domain: DOMAIN, now: NOW, linkedIdentifiers })
    expect(asked).toEqual([mallory.did])
    expect(check(result, 'holder')).toMatchObject({ status: 'passed', code: 'HOLDER_BOUND' })
    expect(check(result.credentials![0]!, 'holder')).toMatchObject({ status: 'passed', code: 'SUBJECT_LINKED', details: { subject: alice.did, holder: mallory.did, linked: true } })
    expect(result.verified).toBe(true)
    // Another holder's links do not help: links are looked up for the proven holder only.
    const unrelated = await verify({ input: vp.document, challenge: CHALLENGE, domain: DOMAIN, now: NOW, linkedIdentifiers: async () => ['did:key:z6MkSomeoneElse'] })
    expect(unrelated.verified).toBe(false)
  })

  test('each credential of alice’s own presentation carries a passed holder check (SUBJECT_IS_HOLDER)', async () => {
    const vp = await present(format, alice.did)
    const result = await verify({ input: vp.document, challenge: CHALLENGE, domain: DOMAIN, now: NOW })
    expect(check(result, 'holder')).toMatchObject({ status: 'passed', code: 'HOLDER_BOUND' })
    expect(check(result.credentials![0]!, 'holder')).toMatchObject({ status: 'passed', code: 'SUBJECT_IS_HOLDER', details: { subject: alice.did, holder: alice.did } })
  })

  test('verify fails the challenge check with CHALLENGE_MISMATCH when the VP answers another challenge', async () => {
    const vp = await present(format, alice.did)
    const result = await verify({ input: vp.document, challenge: 'another-challenge', domain: DOMAIN, now: NOW })
    expect(check(result, 'challenge')).toMatchObject({ status: 'failed', code: 'CHALLENGE_MISMATCH' })
    expect(result.verified).toBe(false)
  })

  test('verify fails the challenge check with DOMAIN_MISMATCH when the VP was made for another domain', async () => {
    const vp = await present(format, alice.did)
    const result = await verify({ input: vp.document, challenge: CHALLENGE, domain: 'https://other.example', now: NOW })
    expect(check(result, 'challenge')).toMatchObject({ status: 'failed', code: 'DOMAIN_MISMATCH' })
    expect(result.verified).toBe(false)
  })

  test('verify leaves the challenge unchecked when the verifier asked for none', async () => {
    const vp = await present(format, alice.did)
    const result = await verify({ input: vp.document, now: NOW })
    expect(check(result, 'challenge')).toMatchObject({ status: 'unchecked', code: 'CHALLENGE_NOT_REQUESTED' })
  })
})

describe('a tampered credential inside an otherwise valid presentation', () => {
  test('fails the DI VP: the VP proof passes but credentials[0] fails its proof', async () => {
    const forged = structuredClone(diCredential) as any
    forged.credentialSubject.achievement.name = 'Expert en tout'
    const vp = await present('di', alice.did, [forged])
    const result = await verify({ input: vp.document, challenge: CHALLENGE, domain: DOMAIN, now: NOW })
    expect(check(result, 'proof')).toMatchObject({ status: 'passed' })
    expect(check(result.credentials![0]!, 'proof')).toMatchObject({ status: 'failed', code: 'PROOF_INVALID' })
    expect(result.verified).toBe(false)
  })

  // Veramo checks only the VP-JWT envelope: this is our own pass over the credentials inside.
  test('fails the VP-JWT: the VP proof passes but a credential JWT with a swapped signature fails', async () => {
    const [h, p] = jwtCredential.split('.')
    const forged = `${h}.${p}.${otherJwtCredential.split('.')[2]}`
    const vp = await present('jwt', alice.did, [forged])
    const result = await verify({ input: vp.document, challenge: CHALLENGE, domain: DOMAIN, now: NOW })
    expect(check(result, 'proof')).toMatchObject({ status: 'passed' })
    expect(result.credentials).toHaveLength(1)
    expect(check(result.credentials![0]!, 'proof')).toMatchObject({ status: 'failed', code: 'PROOF_INVALID' })
    expect(result.verified).toBe(false)
  })
})

describe('a presentation naming alice as holder but signed by mallory', () => {
  test('verify fails the DI holder check with HOLDER_NOT_SIGNER (the signature itself is valid)', async () => {
    const unsigned = vc.createPresentation({ verifiableCredential: [diCredential], holder: alice.did, now: NOW })
    const vp = await vc.signPresentation({
      presentation: unsigned,
      suite: signingSuite(ed25519Signer(rt.agent, await getDidKeys(rt.agent, mallory.did)), NOW),
      challenge: CHALLENGE,
      domain: DOMAIN,
      documentLoader,
    })
    const result = await verify({ input: vp, challenge: CHALLENGE, domain: DOMAIN, now: NOW })
    expect(check(result, 'proof')).toMatchObject({ status: 'passed' })
    expect(check(result, 'holder')).toMatchObject({ status: 'failed', code: 'HOLDER_NOT_SIGNER', details: { holder: alice.did, signer: mallory.did } })
    // Alice's credential cannot be tied to a holder the presentation does not prove.
    expect(check(result.credentials![0]!, 'holder')).toMatchObject({ status: 'unchecked', code: 'HOLDER_NOT_PROVEN' })
    expect(result.verified).toBe(false)
  })

  test('verify fails the DI proof when mallory’s signed VP has its holder edited to alice afterwards', async () => {
    const vp = await present('di', mallory.did)
    const result = await verify({ input: { ...vp.presentation, holder: alice.did }, challenge: CHALLENGE, domain: DOMAIN, now: NOW })
    expect(check(result, 'proof')).toMatchObject({ status: 'failed', code: 'PROOF_INVALID' })
    expect(check(result, 'holder')).toMatchObject({ status: 'unchecked', code: 'HOLDER_NOT_PROVEN' })
    expect(result.verified).toBe(false)
  })

  test('verify fails the VP-JWT holder check with HOLDER_NOT_SIGNER when vp.holder is alice and iss is mallory', async () => {
    const { kid } = await getDidKeys(rt.agent, mallory.did)
    const signer = async (data: string | Uint8Array) => rt.agent.keyManagerSign({
      keyRef: kid, algorithm: 'EdDSA',
      ...(typeof data === 'string' ? { data, encoding: 'utf-8' as const } : { data: Buffer.from(data).toString('hex'), encoding: 'hex' as const }),
    })
    const jwt = await createVerifiablePresentationJwt({
      vp: { '@context': ['https://www.w3.org/2018/credentials/v1'], type: ['VerifiablePresentation'], holder: alice.did, verifiableCredential: [jwtCredential] },
      nonce: CHALLENGE,
      aud: [DOMAIN],
      nbf: Math.floor(NOW.getTime() / 1000),
    }, { did: mallory.did, signer, alg: 'EdDSA' })
    const result = await verify({ input: jwt, challenge: CHALLENGE, domain: DOMAIN, now: NOW })
    expect(check(result, 'proof')).toMatchObject({ status: 'passed' })
    expect(check(result, 'holder')).toMatchObject({ status: 'failed', code: 'HOLDER_NOT_SIGNER' })
    expect(result.verified).toBe(false)
  })
})

describe('a credential with no subject id inside a presentation', () => {
  test('stays unchecked (SUBJECT_NOT_IDENTIFIED) and never counts as bound, whatever the links', async () => {
    const { checkSubject } = await import('@/lib/credentials/verify')
    expect(checkSubject([undefined], alice.did)).toMatchObject({ status: 'unchecked', code: 'SUBJECT_NOT_IDENTIFIED' })
    expect(checkSubject([undefined], alice.did, { linked: [mallory.did], mode: 'enforce' })).toMatchObject({ status: 'unchecked', code: 'SUBJECT_NOT_IDENTIFIED' })
    expect(checkSubject([alice.did, undefined], alice.did)).toMatchObject({ status: 'unchecked', code: 'SUBJECT_NOT_IDENTIFIED' })
    expect(checkSubject([alice.did, mallory.did], alice.did)).toMatchObject({ status: 'failed', code: 'SUBJECT_NOT_HOLDER', details: { subject: mallory.did } })
  })
})
