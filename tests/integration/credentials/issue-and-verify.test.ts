import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey'
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, test } from 'vitest'
import { OB_V3_CONTEXT, VC_V1_CONTEXT, VC_V2_CONTEXT } from '@/lib/credentials/contexts'
import type { CredentialFormat, IssuedCredential } from '@/lib/credentials/issue'
import { verify } from '@/lib/credentials/verify'
import { serveDidDocument } from '@/lib/dids/http'
import { createDidResolver } from '@/lib/dids/resolver'
import { getCheck } from '@/lib/credentials/verify/result'
import { issueForOrganisation } from '@/lib/issuing/service'
import { verifyOnInstance } from '@/lib/verification/service'
import { createTestRuntime } from '../../factories/runtime'
import { createWorld } from '../../factories/world'
import { independentDi as independentDiVerifier, independentJwt as independentJwtVerifier } from '../../helpers/independent-verifiers'

const NOW = new Date('2026-11-20T10:00:00Z')
const NOW_SECONDS = Math.floor(NOW.getTime() / 1000)
const rt = await createTestRuntime()
const { org, alice } = await createWorld(rt)
afterAll(() => rt.cleanup())

const examplesDir = fileURLToPath(new URL('../../../credentials-schemas/examples/', import.meta.url))
const validExamples = readdirSync(examplesDir).flatMap((templateId) =>
  readdirSync(`${examplesDir}${templateId}/valid`).map((file) => ({
    name: `${templateId}/${file}`,
    templateId,
    claims: JSON.parse(readFileSync(`${examplesDir}${templateId}/valid/${file}`, 'utf8')) as Record<string, unknown>,
  })))

const issue = (example: (typeof validExamples)[number], format: CredentialFormat) => issueForOrganisation(rt, {
  organisation: org, templateId: example.templateId, subjectDid: alice.did, claims: example.claims, format, now: NOW,
})
const issued = new Map<string, IssuedCredential>()
for (const example of validExamples) {
  for (const format of ['di', 'jwt'] as const) issued.set(`${example.name} ${format}`, await issue(example, format))
}
const cases = validExamples.flatMap((e) => (['di', 'jwt'] as const).map((f) => [`${e.name} as ${f}`, e, f, issued.get(`${e.name} ${f}`)!] as const))
const diCases = cases.filter(([, , f]) => f === 'di')
const jwtCases = cases.filter(([, , f]) => f === 'jwt')

const decodeSegment = (segment: string) => JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'))
/** What GET https://tremplin.test/orgs/<slug>/did.json answers: the app's route handler, no network. */
const httpsGet = async (url: string) => {
  const slug = /^https:\/\/tremplin\.test\/orgs\/([a-z0-9-]+)\/did\.json$/.exec(url)?.[1]
  const res = slug ? await serveDidDocument(rt, slug) : undefined
  return res?.ok ? res.json() : undefined
}
/** A verifier on another host: it knows nothing of this instance but what its did:web document says over HTTPS. */
const elsewhere = createDidResolver({ publicUrl: 'https://verifier.example', fetchDocument: async (url) => (await httpsGet(url)) ?? Promise.reject(new Error('HTTP 404')) })
const orgKeyHex = async () => (await rt.agent.didManagerGet({ did: org.did })).keys[0]!.publicKeyHex

describe('every valid example of every template', () => {
  test('the corpus holds valid examples of both templates', () => {
    expect(new Set(validExamples.map((e) => e.templateId))).toEqual(new Set(['skill-badge', 'work-experience']))
    expect(cases).toHaveLength(validExamples.length * 2)
  })

  test.each(cases)('%s verifies: proof, validity and schema pass, status passes (STATUS_VALID), issuer known', async (_, example, format, credential) => {
    const result = await verifyOnInstance(rt, { input: credential.document, now: NOW })
    expect(result).toMatchObject({ verified: true, kind: 'credential', format })
    expect(getCheck(result, 'proof')).toMatchObject({ status: 'passed', code: 'PROOF_VALID' })
    expect(getCheck(result, 'validity')).toMatchObject({ status: 'passed', code: 'IN_VALIDITY_PERIOD' })
    expect(getCheck(result, 'schema')).toMatchObject({ status: 'passed', code: 'SCHEMA_VALID', message: expect.stringContaining(example.templateId) })
    expect(getCheck(result, 'status')).toMatchObject({ status: 'passed', code: 'STATUS_VALID' })
    expect(getCheck(result, 'issuer')).toMatchObject({ status: 'passed', code: 'ISSUER_KNOWN', details: { did: org.did, name: org.name } })
  })

  test.each(cases)('%s leaves the issuer unchecked (ISSUER_UNKNOWN) and the schema unchecked without this instance (its did:web read over HTTPS)', async (_, __, ___, credential) => {
    const result = await verify({ input: credential.document, now: NOW, resolveDid: elsewhere })
    expect(getCheck(result, 'issuer')).toMatchObject({ status: 'unchecked', code: 'ISSUER_UNKNOWN', details: { did: org.did } })
    expect(getCheck(result, 'schema')).toMatchObject({ status: 'unchecked', code: 'SCHEMA_NOT_AVAILABLE' })
    expect(result.verified).toBe(true)
  })
})

describe('a Data Integrity credential', () => {
  test.each(diCases)('%s is an OB 3.0 OpenBadgeCredential with our schema and an eddsa-rdfc-2022 proof', (_, example, __, { credential, document }) => {
    expect(JSON.parse(document)).toEqual(credential)
    expect(credential['@context']).toEqual([VC_V2_CONTEXT, OB_V3_CONTEXT])
    expect(credential.type).toEqual(expect.arrayContaining(['VerifiableCredential', 'OpenBadgeCredential']))
    expect(credential.credentialSchema).toEqual([{ id: `${rt.env.publicUrl}/schemas/${example.templateId}.v2.json`, type: 'JsonSchema' }])
    expect(credential).toMatchObject({ issuer: { id: org.did, name: org.name }, credentialSubject: { id: alice.did }, validFrom: '2026-11-20T10:00:00Z' })
    expect(credential.proof).toMatchObject({
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-rdfc-2022',
      proofPurpose: 'assertionMethod',
      verificationMethod: `${org.did}#key-1`,
      proofValue: expect.stringMatching(/^z[1-9A-HJ-NP-Za-km-z]+$/),
    })
  })
})

describe('a VC-JWT credential', () => {
  test.each(jwtCases)('%s is a VC 1.1 JWT signed EdDSA by the organisation for alice', (_, example, __, { document, id }) => {
    const [header, payload] = document.split('.').map((s, i) => (i < 2 ? decodeSegment(s) : s))
    expect(header).toMatchObject({ alg: 'EdDSA', typ: 'JWT', kid: `${org.did}#key-1` })
    expect(payload).toMatchObject({ iss: org.did, sub: alice.did, jti: id, nbf: NOW_SECONDS })
    expect(payload.vc['@context']).toEqual([VC_V1_CONTEXT, OB_V3_CONTEXT])
    expect(payload.vc.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential'])
    expect(payload.vc.credentialSchema).toEqual([{ id: `${rt.env.publicUrl}/schemas/${example.templateId}.v2.json`, type: '1EdTechJsonSchemaValidator2019' }])
    if (example.claims.validUntil) expect(payload.exp).toBe(Date.parse(example.claims.validUntil as string) / 1000)
    else expect(payload.exp).toBeUndefined()
  })
})

const independentDi = (credential: unknown) => independentDiVerifier(credential, NOW, httpsGet)
const independentJwt = (jwt: string) => independentJwtVerifier(jwt, NOW_SECONDS, httpsGet)

describe('independent verifiers', () => {
  test.each(diCases)('%s verifies with @digitalbazaar/vc and a loader of published context packages only', async (_, __, ___, { credential }) => {
    const result = await independentDi(credential)
    expect(result.error).toBeUndefined()
    expect(result.verified).toBe(true)
  })

  test('the independent Data Integrity verifier rejects a tampered copy', async () => {
    const [, , , { credential }] = diCases[0]!
    const forged = { ...credential, name: 'Expert en tout' }
    expect((await independentDi(forged)).verified).toBe(false)
  })

  test.each(jwtCases)('%s verifies with did-jwt-vc and a did:web resolver reading the published DID document', async (_, __, ___, { document }) => {
    const result = await independentJwt(document)
    expect(result.verified).toBe(true)
    expect(result.issuer).toBe(org.did)
  })

  test('did-jwt-vc rejects a JWT whose payload was changed', async () => {
    const [, , , { document }] = jwtCases[0]!
    const [h, p, s] = document.split('.') as [string, string, string]
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...decodeSegment(p), sub: org.did })).toString('base64url')}.${s}`
    await expect(independentJwt(forged)).rejects.toThrow(/invalid_signature/)
  })
})

describe('one organisation, one key, both formats', () => {
  test('the JWT signer and the DI verificationMethod are the same Ed25519 public key: key-1 of the organisation’s did:web', async () => {
    const [, , , di] = diCases[0]!
    const [, , , jwt] = jwtCases[0]!
    const verificationMethod = (di.credential.proof as { verificationMethod: string }).verificationMethod
    const { signer } = await independentJwt(jwt.document)
    expect(signer.id).toBe(verificationMethod)

    const document = (await httpsGet('https://tremplin.test/orgs/ml-test/did.json')) as { verificationMethod: { id: string; publicKeyMultibase: string }[] }
    const published = document.verificationMethod.find((m) => m.id === verificationMethod)!
    const diKey = await Ed25519Multikey.from({ type: 'Multikey', publicKeyMultibase: published.publicKeyMultibase })
    expect(signer.publicKeyMultibase).toBe(published.publicKeyMultibase)
    expect(Buffer.from(diKey.publicKey).toString('hex')).toBe(await orgKeyHex())
  })
})
