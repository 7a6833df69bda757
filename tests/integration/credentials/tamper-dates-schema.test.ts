import * as vc from '@digitalbazaar/vc'
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, test } from 'vitest'
import claims from '@/credentials-schemas/examples/skill-badge/valid/02-minimal-en.json'
import { documentLoader } from '@/lib/credentials/document-loader'
import { issueCredential, type CredentialFormat } from '@/lib/credentials/issue'
import { signingSuite } from '@/lib/credentials/suites'
import { verify as verifyWith, type VerifyOptions } from '@/lib/credentials/verify'
import { getCheck } from '@/lib/credentials/verify/result'
import { ed25519Signer, getDidKeys } from '@/lib/dids/signer'
import { ValidationError } from '@/lib/errors'
import { issueForOrganisation } from '@/lib/issuing/service'
import { instanceDidResolver, verifyOnInstance } from '@/lib/verification/service'
import { createTestRuntime } from '../../factories/runtime'
import { createWorld } from '../../factories/world'

// Validity dates in both formats, claims refused by the schemas, and a correctly signed
// credential whose content breaks our schema.

const NOW = new Date('2026-11-20T10:00:00Z')
const rt = await createTestRuntime()
const { org, alice } = await createWorld(rt)
// The organisation issues under its did:web: verify with this instance's DID resolver (did:key otherwise offline).
const verify = (options: VerifyOptions) => verifyWith({ resolveDid: instanceDidResolver(rt), ...options })
afterAll(() => rt.cleanup())

const issue = (format: CredentialFormat, overrides: Record<string, unknown> = {}) => issueCredential({
  agent: rt.agent, issuer: { did: org.did, name: org.name }, subjectDid: alice.did,
  templateId: 'skill-badge', claims: { ...claims, ...overrides }, format, publicUrl: rt.env.publicUrl, now: NOW,
})
const at = (iso: string) => new Date(iso)

describe.each(['di', 'jwt'] as const)('the validity of a %s credential', (format) => {
  test('verify fails validity with EXPIRED when it is verified after its validUntil', async () => {
    const { document } = await issue(format, { validUntil: '2027-06-01T00:00:00Z' })
    const result = await verify({ input: document, now: at('2027-06-01T00:00:01Z') })
    expect(getCheck(result, 'proof')).toMatchObject({ status: 'passed' })
    expect(getCheck(result, 'validity')).toMatchObject({ status: 'failed', code: 'EXPIRED' })
    expect(result.verified).toBe(false)
  })

  test('issuing with a validUntil already past is refused on /validUntil, and nothing is signed', async () => {
    const error = await issue(format, { validUntil: '2026-01-01T00:00:00Z' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).fieldErrors).toEqual([{ path: '/validUntil', message: 'must be in the future' }])
  })

  test('verify passes validity on the last second before validUntil', async () => {
    const { document } = await issue(format, { validUntil: '2027-06-01T00:00:00Z' })
    const result = await verify({ input: document, now: at('2027-05-31T23:59:59Z') })
    expect(getCheck(result, 'validity')).toMatchObject({ status: 'passed', code: 'IN_VALIDITY_PERIOD' })
    expect(result.verified).toBe(true)
  })

  test('verify fails validity with NOT_YET_VALID when verified before validFrom', async () => {
    const { document } = await issue(format)
    const result = await verify({ input: document, now: at('2026-11-20T09:59:59Z') })
    expect(getCheck(result, 'proof')).toMatchObject({ status: 'passed' })
    expect(getCheck(result, 'validity')).toMatchObject({ status: 'failed', code: 'NOT_YET_VALID' })
    expect(result.verified).toBe(false)
  })
})

const examplesDir = fileURLToPath(new URL('../../../credentials-schemas/examples/', import.meta.url))
const invalidExamples = readdirSync(examplesDir).flatMap((templateId) =>
  readdirSync(`${examplesDir}${templateId}/invalid`).map((file) => {
    const example = JSON.parse(readFileSync(`${examplesDir}${templateId}/invalid/${file}`, 'utf8'))
    return { name: `${templateId}/${file}`, templateId, claims: example.claims, expectedErrors: example.expectedErrors as string[] }
  }))

const countCredentials = async () => Number((await rt.db.selectFrom('credentials')
  .select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)

describe('claims refused by the schemas', () => {
  test('the corpus holds every invalid example of both templates', () => {
    expect(invalidExamples.length).toBeGreaterThanOrEqual(7)
    expect(new Set(invalidExamples.map((e) => e.templateId))).toEqual(new Set(['skill-badge', 'work-experience']))
  })

  test('a valid issue does store a row (so the count below can move)', async () => {
    const before = await countCredentials()
    await issueForOrganisation(rt, { organisation: org, templateId: 'skill-badge', subjectDid: alice.did, claims, format: 'di', now: NOW })
    expect(await countCredentials()).toBe(before + 1)
  })

  describe.each(['di', 'jwt'] as const)('issued as %s', (format) => {
    test.each(invalidExamples.map((e) => [e.name, e] as const))('issuing %s throws ValidationError naming exactly its expectedErrors, and stores nothing', async (_, example) => {
      const before = await countCredentials()
      const error = await issueForOrganisation(rt, { organisation: org, templateId: example.templateId, subjectDid: alice.did, claims: example.claims, format, now: NOW })
        .then(() => undefined, (e: unknown) => e)
      expect(error).toBeInstanceOf(ValidationError)
      expect(new Set((error as ValidationError).fieldErrors.map((f) => f.path))).toEqual(new Set(example.expectedErrors))
      expect(await countCredentials()).toBe(before)
    })
  })
})

describe('a correctly signed credential that breaks our schema', () => {
  test('verify passes the proof but fails the schema with SCHEMA_INVALID', async () => {
    const { credential } = await issue('di')
    const { proof: _, ...unsigned } = structuredClone(credential) as any
    delete unsigned.credentialSubject.result // required by the skill-badge schema
    unsigned.id = 'urn:uuid:00000000-0000-4000-8000-000000000002'
    const signed = await vc.issue({
      credential: unsigned,
      suite: signingSuite(ed25519Signer(rt.agent, await getDidKeys(rt.agent, org.did)), NOW),
      documentLoader,
      now: NOW,
    })
    const result = await verifyOnInstance(rt, { input: signed, now: NOW })
    expect(getCheck(result, 'proof')).toMatchObject({ status: 'passed', code: 'PROOF_VALID' })
    expect(getCheck(result, 'schema')).toMatchObject({ status: 'failed', code: 'SCHEMA_INVALID' })
    expect(getCheck(result, 'schema')!.details!.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: '/credentialSubject/result' })]))
    expect(result.verified).toBe(false)
  })
})

describe('a schema this instance does not publish', () => {
  test('is unchecked (SCHEMA_NOT_AVAILABLE), never fetched, even with the same path on another origin', async () => {
    const { credential } = await issueCredential({
      agent: rt.agent, issuer: { did: org.did, name: org.name }, subjectDid: alice.did,
      templateId: 'skill-badge', claims, publicUrl: 'https://another-instance.example', now: NOW,
    })
    const result = await verifyOnInstance(rt, { input: credential, now: NOW })
    expect(getCheck(result, 'proof')).toMatchObject({ status: 'passed' })
    expect(getCheck(result, 'schema')).toMatchObject({ status: 'unchecked', code: 'SCHEMA_NOT_AVAILABLE' })
  })
})
