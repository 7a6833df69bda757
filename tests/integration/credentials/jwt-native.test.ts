/**
 * VC-JWT and VP-JWT signatures verified on node:crypto (lib/credentials/verify/jws.ts, jwt.ts),
 * with real keys and real signing: the project's own issuing for did:key, Veramo's key manager for
 * did:web documents built here. Veramo's `verifyCredential` is the reference verdict for what both
 * must agree on; where we are deliberately stricter (a `kid` naming another key, a key not listed
 * for the purpose, a withdrawn key), the test says so.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createAgent, type IResolver } from '@veramo/core'
import type { ICredentialPlugin } from '@veramo/core-types'
import { CredentialPlugin } from '@veramo/credential-w3c'
import { CredentialProviderJWT } from '@veramo/credential-jwt'
import { DIDResolverPlugin } from '@veramo/did-resolver'
import { createVerifiablePresentationJwt, normalizeCredential } from 'did-jwt-vc'
import type { DIDResolutionResult } from 'did-resolver'
import { afterAll, describe, expect, test } from 'vitest'
import { createUser } from '@/lib/auth/service'
import { issueCredential } from '@/lib/credentials/issue'
import { verify } from '@/lib/credentials/verify'
import { jwtCredentialView, verifyJwtCredentialProof, verifyJwtPresentationProof } from '@/lib/credentials/verify/jwt'
import { getCheck } from '@/lib/credentials/verify/result'
import { getDidKeys } from '@/lib/dids/signer'
import { createDidResolver, offlineDidResolver, type DidResolver } from '@/lib/dids/resolver'
import { buildDidDocument } from '@/lib/dids/web'
import { newDidKeySigner } from '../../helpers/did-key-signer'
import { createTestRuntime, TEST_PUBLIC_URL } from '../../factories/runtime'
import { newKey, signJwt } from '../dids/_web'

const NOW = new Date('2026-11-27T12:00:00Z')
const rt = await createTestRuntime()
afterAll(() => rt.cleanup())

// A young person's self-declared skill badge, issued as a VC-JWT under her did:key by the project.
const alice = await createUser(rt, { role: 'youth', username: 'alice', displayName: 'Alice' })
const aliceDid = alice.did!
const examples = fileURLToPath(new URL('../../../credentials-schemas/examples/skill-badge/valid/', import.meta.url))
const claims = JSON.parse(fs.readFileSync(path.join(examples, '02-minimal-en.json'), 'utf8'))
const issued = await issueCredential({ agent: rt.agent, issuer: { did: aliceDid, name: 'Alice' }, subjectDid: aliceDid, templateId: 'skill-badge', claims: { ...claims, evidenceLevel: 'self_declared' }, format: 'jwt', publicUrl: TEST_PUBLIC_URL, now: NOW })
const jwt = issued.document
const aliceKey = (await getDidKeys(rt.agent, aliceDid)).kid

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
const decode = (segment: string) => JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'))
const [head, body, signature] = jwt.split('.') as [string, string, string]
const payload = decode(body)

type Sign = (data: string) => Promise<string>
/** Veramo's key manager signs (base64url Ed25519), as the project signs. */
const agentSigner = (kid: string): Sign => (data) => rt.agent.keyManagerSign({ keyRef: kid, algorithm: 'EdDSA', data: Buffer.from(data).toString('hex'), encoding: 'hex' })
/** A compact JWS with any header and payload, really signed. */
async function compact(header: Record<string, unknown>, claimsSet: Record<string, unknown>, sign: Sign = agentSigner(aliceKey)) {
  const input = `${b64(header)}.${b64(claimsSet)}`
  return `${input}.${await sign(input)}`
}
const minimalVc = (iss: string, vc: Record<string, unknown> = {}) => ({
  iss, sub: iss, nbf: Math.floor(NOW.getTime() / 1000),
  vc: { '@context': ['https://www.w3.org/2018/credentials/v1'], type: ['VerifiableCredential'], credentialSubject: { name: 'x' }, ...vc },
})

/** A token whose payload segment ends in a character with trailing bits set, signed as spelled. */
async function nonCanonicalToken(): Promise<string> {
  for (let n = 0; ; n++) {
    const segment = b64(minimalVc(aliceDid, { credentialSubject: { name: 'x'.repeat(n) } }))
    if (segment.length % 4 !== 2) continue
    const spelled = segment.slice(0, -1) + String.fromCharCode(segment.charCodeAt(segment.length - 1) + 1)
    const input = `${b64({ alg: 'EdDSA' })}.${spelled}`
    return `${input}.${await agentSigner(aliceKey)(input)}`
  }
}
const nonCanonical = await nonCanonicalToken()

const proofOf = (token: string, resolver?: DidResolver) => verifyJwtCredentialProof(token, NOW, resolver)
/** A resolver answering one DID document (what a did:web host would serve), through the project's did:web rules. */
const serving = (document: unknown) => createDidResolver({ publicUrl: TEST_PUBLIC_URL, fetchDocument: async () => structuredClone(document) })
/** A resolver answering one document as is (for key forms the project's did:web documents never take). */
const answering = (didDocument: unknown): DidResolver => ({ resolve: async () => ({ didDocument, didResolutionMetadata: {}, didDocumentMetadata: {} }) as DIDResolutionResult })

describe('a did:key VC-JWT issued by the project', () => {
  test('passes, and the whole pipeline verifies it', async () => {
    expect(decode(head)).toMatchObject({ alg: 'EdDSA', kid: `${aliceDid}#${aliceDid.slice('did:key:'.length)}` })
    expect(await proofOf(jwt)).toEqual({ id: 'proof', status: 'passed', code: 'PROOF_VALID', message: 'The issuer’s signature is valid (VC-JWT, EdDSA)' })
    expect((await verify({ input: jwt, now: NOW })).verified).toBe(true)
  })

  test('one byte of the payload changed: PROOF_INVALID', async () => {
    const changed = Buffer.from(body, 'base64url')
    const at = changed.indexOf('"name":"') + 8
    changed[at] = changed[at]! ^ 1 // one letter of the achievement's name
    const proof = await proofOf(`${head}.${changed.toString('base64url')}.${signature}`)
    expect(proof).toMatchObject({ status: 'failed', code: 'PROOF_INVALID', message: expect.stringMatching(/^The signature does not match the content/) })
  })

  test.each([['ES256', 'alg ES256'], ['none', 'alg none'], ['HS256', 'alg HS256']])('alg %s in the header: PROOF_UNSUPPORTED', async (alg, detail) => {
    const proof = await proofOf(`${b64({ ...decode(head), alg })}.${body}.${alg === 'none' ? '' : signature}`)
    expect(proof).toMatchObject({ status: 'failed', code: 'PROOF_UNSUPPORTED', message: `The JWT is signed with an algorithm this verifier does not support (supported: EdDSA) (${detail})` })
  })

  test('"Ed25519", the old name did-jwt still accepts for EdDSA, passes', async () => {
    expect(await proofOf(await compact({ alg: 'Ed25519' }, minimalVc(aliceDid)))).toMatchObject({ status: 'passed' })
  })

  test('a header marking extensions critical (crit) is not understood: PROOF_UNSUPPORTED', async () => {
    expect(await proofOf(await compact({ alg: 'EdDSA', crit: ['b64'], b64: false }, minimalVc(aliceDid)))).toMatchObject({ status: 'failed', code: 'PROOF_UNSUPPORTED' })
  })

  // Decision: a signature that is not exactly 64 bytes in canonical base64url is JWT_MALFORMED —
  // the token is not an Ed25519 JWS at all, whatever the key — and no DID is resolved for it.
  test.each([
    ['one character short', signature.slice(0, -1)],
    ['two bytes longer', `${signature}AAA`],
    ['empty', ''],
    ['the same bytes spelled with trailing bits set', signature.slice(0, -1) + String.fromCharCode(signature.charCodeAt(85) + 1)],
  ])('a signature %s: JWT_MALFORMED', async (_, sig) => {
    let resolved = 0
    const proof = await proofOf(`${head}.${body}.${sig}`, { resolve: (did) => (resolved++, offlineDidResolver.resolve(did)) })
    expect(proof).toMatchObject({ status: 'failed', code: 'JWT_MALFORMED', message: expect.stringContaining('its signature is not 64 bytes of base64url') })
    expect(resolved).toBe(0)
  })

  test('a payload in a non-canonical base64url spelling (trailing bits set), though signed as such: JWT_MALFORMED, as did-jwt reads it', async () => {
    expect(await proofOf(nonCanonical)).toMatchObject({ status: 'failed', code: 'JWT_MALFORMED', message: expect.stringContaining('its payload is not a base64url-encoded JSON object') })
  })

  test('a header or payload that is not JSON, or not three parts: JWT_MALFORMED', async () => {
    for (const token of [`${b64('x').slice(1)}.${body}.${signature}`, `${head}.${Buffer.from('{"vc":').toString('base64url')}.${signature}`, `${head}.${body}`, `${head}.${body}.${signature}.x`]) {
      expect(await proofOf(token)).toMatchObject({ status: 'failed', code: 'JWT_MALFORMED' })
    }
  })

  test('a header kid naming a key the document does not have: PROOF_INVALID, though that DID’s own key signed (Veramo ignores kid)', async () => {
    const token = await compact({ alg: 'EdDSA', kid: `${aliceDid}#key-9` }, minimalVc(aliceDid))
    expect(await proofOf(token)).toMatchObject({ status: 'failed', code: 'PROOF_INVALID', message: expect.stringContaining(`${aliceDid}#key-9 is not an Ed25519 key of ${aliceDid}`) })
  })

  test('a relative kid (#fragment) is read against iss', async () => {
    expect(await proofOf(await compact({ alg: 'EdDSA', kid: `#${aliceDid.slice('did:key:'.length)}` }, minimalVc(aliceDid)))).toMatchObject({ status: 'passed' })
  })

  test('signed by another did:key in alice’s name: PROOF_INVALID', async () => {
    const mallory = await newDidKeySigner()
    expect(await proofOf(await compact({ alg: 'EdDSA' }, minimalVc(aliceDid), mallory.jwtSigner))).toMatchObject({ status: 'failed', code: 'PROOF_INVALID' })
    expect(await proofOf(await compact({ alg: 'EdDSA' }, minimalVc(mallory.did), mallory.jwtSigner))).toMatchObject({ status: 'passed' })
  })

  test.each([
    ['no VC 1.1 context', { '@context': ['https://www.w3.org/ns/credentials/v2'] }, /@context is missing default context/],
    ['no VerifiableCredential type', { type: ['OpenBadgeCredential'] }, /type is missing default "VerifiableCredential"/],
  ])('a validly signed payload with %s: JWT_MALFORMED, in plain words', async (_, vc, reason) => {
    const proof = await proofOf(await compact({ alg: 'EdDSA' }, minimalVc(aliceDid, vc)))
    expect(proof).toMatchObject({ status: 'failed', code: 'JWT_MALFORMED' })
    expect(proof.message).toMatch(/^The JWT does not hold a well-formed credential \(/)
    expect(proof.message).toMatch(reason)
  })

  test('the JSON view is did-jwt-vc’s own, to the byte, for every token here', () => {
    const library = (token: string) => { try { return normalizeCredential(token) } catch { return undefined } }
    // Unusual tokens the library reads its own way: a payload carrying `proof`, a nested JWT (cty JWT).
    const unusual = [`${head}.${b64({ ...payload, proof: { jwt: minimalToken } })}.${signature}`, `${b64({ alg: 'EdDSA', cty: 'JWT' })}.${b64({ iss: aliceDid, jwt: minimalToken })}.${signature}`]
    for (const token of [jwt, nonCanonical, ...unusual, ...crossCases.map(([, t]) => t)]) expect(JSON.stringify(jwtCredentialView(token))).toBe(JSON.stringify(library(token)))
  })
})

describe('resolving the signer', () => {
  const DID = 'did:web:issuer.example'
  test('offline, a did:web signer: DID_UNRESOLVABLE in the words used until now', async () => {
    const key = await newKey(rt.agent)
    const token = await signJwt(rt.agent, { did: DID, vm: `${DID}#key-1`, kid: key.kid })
    expect(await proofOf(token)).toEqual({ id: 'proof', status: 'failed', code: 'DID_UNRESOLVABLE', message: `Cannot resolve ${DID}: its DID method is not resolved by this verifier` })
    // A resolver answering with another DID's document proves nothing about this one.
    expect(await proofOf(token, answering({ id: 'did:web:other.example' }))).toMatchObject({ code: 'DID_UNRESOLVABLE', message: expect.stringContaining(`is for did:web:other.example, not for ${DID}`) })
  })

  test('the instance resolver gives a did:key’s signing key only (no X25519 derived in JavaScript), unless asked', async () => {
    const instance = createDidResolver({ publicUrl: TEST_PUBLIC_URL })
    const plain = (await instance.resolve(aliceDid)).didDocument!
    expect(plain.verificationMethod!.map((m) => m.publicKeyJwk?.crv)).toEqual(['Ed25519'])
    expect(plain.keyAgreement).toBeUndefined()
    expect((await instance.resolve(aliceDid, { enableEncryptionKeyDerivation: true })).didDocument!.keyAgreement).toHaveLength(1)
  })

  test('a did:web refused by the request budget, or by a busy server, is unchecked with the reason, not failed', async () => {
    const key = await newKey(rt.agent)
    const token = await signJwt(rt.agent, { did: DID, vm: `${DID}#key-1`, kid: key.kid })
    const document = await buildDidDocument(DID, [{ fragment: 'key-1', publicKeyHex: key.publicKeyHex }])
    const overLimit = await verify({ input: token, now: NOW, resolveDid: serving(document), limits: { maxRemoteHosts: 0 } })
    expect(getCheck(overLimit, 'proof')).toMatchObject({ status: 'unchecked', code: 'REMOTE_HOST_LIMIT' })
    const busy = createDidResolver({ publicUrl: TEST_PUBLIC_URL, fetchDocument: async () => { throw Object.assign(new Error('busy'), { code: 'REMOTE_BUSY' }) } })
    expect(getCheck(await verify({ input: token, now: NOW, resolveDid: busy }), 'proof')).toMatchObject({ status: 'unchecked', code: 'REMOTE_BUSY' })
    expect(getCheck(await verify({ input: token, now: NOW, resolveDid: serving(document) }), 'proof')).toMatchObject({ status: 'passed' })
  })
})

const WEB_DID = 'did:web:issuer.example:badges'
const webKey = await newKey(rt.agent)
const webToken = await signJwt(rt.agent, { did: WEB_DID, vm: `${WEB_DID}#key-1`, kid: webKey.kid })
const webDocument = await buildDidDocument(WEB_DID, [{ fragment: 'key-1', publicKeyHex: webKey.publicKeyHex }])

describe('the key of a did:web document', () => {
  const [DID, vm, key, token, document] = [WEB_DID, `${WEB_DID}#key-1`, webKey, webToken, webDocument]

  test('listed under assertionMethod: passes', async () => {
    expect(await proofOf(token, serving(document))).toMatchObject({ status: 'passed', code: 'PROOF_VALID' })
  })

  test('not listed under assertionMethod: PROOF_PURPOSE_INVALID', async () => {
    const proof = await proofOf(token, serving({ ...document, assertionMethod: [] }))
    expect(proof).toEqual({ id: 'proof', status: 'failed', code: 'PROOF_PURPOSE_INVALID', message: `The key that signed (${vm}) is not listed by its DID document for assertionMethod: its controller did not authorise it for this purpose` })
  })

  test('withdrawn (revoked), listed or not: KEY_RETIRED with the day', async () => {
    const revoked = { ...document, verificationMethod: document.verificationMethod!.map((m) => ({ ...m, revoked: '2026-11-20T09:00:00Z' })) }
    for (const doc of [{ ...revoked, assertionMethod: [] }, revoked]) {
      expect(await proofOf(token, serving(doc))).toMatchObject({ status: 'failed', code: 'KEY_RETIRED', message: expect.stringContaining(`(${vm}) on 2026-11-20`) })
    }
  })

  test('after a rotation, the old key’s signature does not verify under the id that now holds the new key', async () => {
    const next = await newKey(rt.agent)
    expect(await proofOf(token, serving(document))).toMatchObject({ status: 'passed' })
    const rotated = await buildDidDocument(DID, [{ fragment: 'key-1', publicKeyHex: next.publicKeyHex }])
    expect(await proofOf(token, serving(rotated))).toMatchObject({ status: 'failed', code: 'PROOF_INVALID' })
  })

  test('a VP-JWT signed by a key listed only under assertionMethod: PROOF_PURPOSE_INVALID', async () => {
    const signer = async (data: string | Uint8Array) => agentSigner(key.kid)(Buffer.from(data).toString())
    const vp = await createVerifiablePresentationJwt({ vp: { '@context': ['https://www.w3.org/2018/credentials/v1'], type: ['VerifiablePresentation'], verifiableCredential: [jwt] }, nonce: 'c' }, { did: DID, signer, alg: 'EdDSA' }, { header: { kid: vm } })
    const vpPayload = decode(vp.split('.')[1]!)
    expect(await verifyJwtPresentationProof(vp, vpPayload, NOW, serving(document))).toMatchObject({ status: 'passed', message: 'The holder’s signature on the presentation is valid (VP-JWT, EdDSA)' })
    const proof = await verifyJwtPresentationProof(vp, vpPayload, NOW, serving({ ...document, authentication: [] }))
    expect(proof).toMatchObject({ status: 'failed', code: 'PROOF_PURPOSE_INVALID', message: expect.stringContaining('for authentication') })
  })
})

// The same did:key document in each form a resolver may give it (Veramo's did:key resolver).
const formOf = async (publicKeyFormat: string, enableEncryptionKeyDerivation = false) =>
  (await offlineDidResolver.resolve(aliceDid, { publicKeyFormat, enableEncryptionKeyDerivation })).didDocument as unknown as Record<string, any>
const withType = (doc: Record<string, any>, type: string) => ({ ...doc, verificationMethod: doc.verificationMethod.map((m: object) => ({ ...m, type })) })
const forms: [string, Record<string, any>][] = [
  ['Ed25519VerificationKey2018 (publicKeyBase58)', await formOf('Ed25519VerificationKey2018')],
  ['Ed25519VerificationKey2020 (publicKeyMultibase)', await formOf('Ed25519VerificationKey2020')],
  ['Multikey (publicKeyMultibase)', await formOf('Multikey')],
  ['JsonWebKey2020 (publicKeyJwk)', await formOf('JsonWebKey2020')],
  ['JsonWebKey (publicKeyJwk)', withType(await formOf('JsonWebKey2020'), 'JsonWebKey')],
]
const multikeyForm = await formOf('Multikey')
/** Only the X25519 keyAgreement key, listed for assertions: not a signing key, in any form. */
const x25519Only: [string, Record<string, any>][] = await Promise.all(['JsonWebKey2020', 'Multikey', 'Ed25519VerificationKey2020'].map(async (format) => {
  const doc = await formOf(format, true)
  return [format, { ...doc, verificationMethod: doc.verificationMethod.slice(1), assertionMethod: [doc.verificationMethod[1].id] }] as [string, Record<string, any>]
}))
const minimalToken = await compact({ alg: 'EdDSA' }, minimalVc(aliceDid))

describe('key forms', () => {
  test.each(forms)('%s verifies', async (_, doc) => {
    expect(await proofOf(jwt, answering(doc))).toMatchObject({ status: 'passed' })
  })

  test.each(x25519Only)('an X25519 key in %s form is no signing key: PROOF_INVALID (no suitable key)', async (_, doc) => {
    expect(await proofOf(minimalToken, answering(doc))).toMatchObject({ status: 'failed', code: 'PROOF_INVALID', message: expect.stringMatching(/^The signer’s DID document has no key that could have made this signature/) })
  })

  test('a key form paired with another encoding (2018 with publicKeyMultibase) is not read', async () => {
    const doc = withType(multikeyForm, 'Ed25519VerificationKey2018')
    expect(await proofOf(jwt, answering(doc))).toMatchObject({ status: 'failed', code: 'PROOF_INVALID' })
  })
})

// Veramo as a developer would set it up: its resolver plugin over did:key, the JWT provider.
const veramo = createAgent<IResolver & ICredentialPlugin>({ plugins: [new DIDResolverPlugin({ resolver: offlineDidResolver }), new CredentialPlugin([new CredentialProviderJWT()])] })
const policies = { issuanceDate: false, expirationDate: false, audience: false, credentialStatus: false }
const mallory = await newDidKeySigner()
const flipped = Buffer.from(body, 'base64url')
const inName = flipped.indexOf('"name":"') + 8
flipped[inName] = flipped[inName]! ^ 1
const crossCases: [string, string, boolean][] = [
  ['the project’s did:key badge', jwt, true],
  ['a minimal credential, no kid', await compact({ alg: 'EdDSA' }, minimalVc(aliceDid)), true],
  ['alg "Ed25519"', await compact({ alg: 'Ed25519', typ: 'JWT' }, minimalVc(aliceDid)), true],
  ['a relative kid', await compact({ alg: 'EdDSA', kid: `#${aliceDid.slice(8)}` }, minimalVc(aliceDid)), true],
  ['the subject only in "sub" (did-jwt-vc’s view fills it in)', await compact({ alg: 'EdDSA' }, { ...minimalVc(aliceDid), vc: { ...minimalVc(aliceDid).vc, credentialSubject: undefined } }), true],
  ['context and type beside "vc" (did-jwt-vc merges them)', await compact({ alg: 'EdDSA' }, { ...minimalVc(aliceDid), '@context': ['https://www.w3.org/2018/credentials/v1'], type: ['VerifiableCredential'], vc: { credentialSubject: { name: 'x' } } }), true],
  ['mallory’s own did:key', await compact({ alg: 'EdDSA' }, minimalVc(mallory.did), mallory.jwtSigner), true],
  ['a payload spelled with trailing bits set, signed as spelled', nonCanonical, false],
  ['a byte of the payload changed', `${head}.${flipped.toString('base64url')}.${signature}`, false],
  ['signed by mallory in alice’s name', await compact({ alg: 'EdDSA' }, minimalVc(aliceDid), mallory.jwtSigner), false],
  ['an ES256 header', `${b64({ alg: 'ES256', typ: 'JWT' })}.${body}.${signature}`, false],
  ['a signature one character short', `${head}.${body}.${signature.slice(0, -1)}`, false],
  ['another token’s signature', `${head}.${body}.${(await compact({ alg: 'EdDSA' }, minimalVc(aliceDid))).split('.')[2]}`, false],
  ['no VC 1.1 context', await compact({ alg: 'EdDSA' }, minimalVc(aliceDid, { '@context': ['https://www.w3.org/ns/credentials/v2'] })), false],
  ['an empty credentialSubject and no sub', await compact({ alg: 'EdDSA' }, { ...minimalVc(aliceDid), sub: undefined, vc: { ...minimalVc(aliceDid).vc, credentialSubject: {} } }), false],
  ['a did:web signer, offline', await signJwt(rt.agent, { did: 'did:web:issuer.example', vm: 'did:web:issuer.example#key-1', kid: aliceKey }), false],
]

describe('the verdict agrees with Veramo’s verifyCredential (the reference), on real tokens', () => {
  test.each(crossCases)('%s', async (_, token, expected) => {
    const reference = await veramo.verifyCredential({ credential: token, policies })
    const ours = await proofOf(token)
    expect({ veramo: reference.verified, ours: ours.status === 'passed' }).toEqual({ veramo: expected, ours: expected })
  })
})

const FIXTURES = fileURLToPath(new URL('../../../../shared/fixtures', import.meta.url))
const fixturesPresent = fs.existsSync(path.join(FIXTURES, 'MANIFEST.json'))
if (!fixturesPresent) console.warn('../shared/fixtures not found: the JWT fixture verdicts are not checked here')

describe.skipIf(!fixturesPresent)('the JWT fixtures of ../shared/fixtures keep their verdicts', () => {
  const read = (file: string) => fs.readFileSync(path.join(FIXTURES, file), 'utf8').trim()
  test('1edtech ob30/simple.jwt (RS256, no key anyone could resolve): proof PROOF_UNSUPPORTED', async () => {
    const result = await verify({ input: read('1edtech-validator/ob30/simple.jwt'), now: NOW })
    expect(result.verified).toBe(false)
    expect(getCheck(result, 'proof')).toMatchObject({ status: 'failed', code: 'PROOF_UNSUPPORTED', message: expect.stringContaining('alg RS256') })
  })

  test('1edtech ob30/simple-jwt.svg.verify.jwt (a VC-JOSE payload, no "vc" claim): input NOT_A_CREDENTIAL', async () => {
    const result = await verify({ input: read('1edtech-validator/ob30/simple-jwt.svg.verify.jwt'), now: NOW })
    expect(result).toMatchObject({ verified: false, checks: [{ id: 'input', status: 'failed', code: 'NOT_A_CREDENTIAL' }] })
  })
})
