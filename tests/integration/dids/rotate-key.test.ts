import { rmSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createUser } from '@/lib/auth/service'
import type { IssuedCredential } from '@/lib/credentials/issue'
import { getCheck } from '@/lib/credentials/verify/result'
import { serveDidDocument } from '@/lib/dids/http'
import { readEnv } from '@/lib/env'
import { issueForOrganisation } from '@/lib/issuing/service'
import { createOrganisation, getOrganisationOrThrow } from '@/lib/orgs/service'
import { createRuntime, type Runtime } from '@/lib/runtime'
import { getStatusListCredential } from '@/lib/status/list-credential'
import { changeCredentialStatus } from '@/lib/status/service'
import { verifyOnInstance } from '@/lib/verification/service'
import { cliOnFreshData } from '../../helpers/cli'
import { independentDi, independentJwt } from '../../helpers/independent-verifiers'
import { createApprovedOrganisation } from '../../factories/world'

// `npm run vc -- rotate-key --org <slug>` in a real CLI process, on the data folder an in-process
// runtime shares: older credentials still verify, new ones are signed with the new key.
const { dataDir, env, vc } = cliOnFreshData('tremplin-rotate-')
const DID = 'did:web:tremplin.test:orgs:ml'
let rt: Runtime
let holder: string
const before: Partial<Record<'di' | 'jwt', IssuedCredential>> = {}

const claims = { skill: { name: 'Planifier' }, level: 'autonomous', criteria: 'A organisé le tournoi de quartier de bout en bout.' }
const issue = async (format: 'di' | 'jwt') => issueForOrganisation(rt, { organisation: await getOrganisationOrThrow(rt, 'ml'), templateId: 'skill-badge', subjectDid: holder, claims, format })
const jwtHeader = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[0]!, 'base64url').toString('utf8'))
const didDocument = async () => (await serveDidDocument(rt, 'ml')).json() as Promise<{ verificationMethod: { id: string }[]; assertionMethod: string[]; authentication: string[] }>
/** What a verifier elsewhere GETs at https://tremplin.test/orgs/ml/did.json (the route's handler, no network). */
const httpsGet = async (url: string) => (url === 'https://tremplin.test/orgs/ml/did.json' ? didDocument() : undefined)

beforeAll(async () => {
  rt = await createRuntime(readEnv(env))
  await createApprovedOrganisation(rt, { slug: 'ml', name: 'Mission Locale', kind: 'youth_support' })
  await createOrganisation(rt, { slug: 'pending', name: 'En attente', kind: 'training' })
  holder = (await createUser(rt, { role: 'youth', username: 'alice', displayName: 'Alice' })).did!
  before.di = await issue('di')
  before.jwt = await issue('jwt')
  // A status list signed (and cached in this process) before the rotation.
  await getStatusListCredential(rt, { orgSlug: 'ml', purpose: 'revocation', listNumber: 1 })
}, 120_000)

afterAll(async () => {
  await rt.db.destroy()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('rotate-key', () => {
  test('adds key-2, prints its verification method, records who rotated', async () => {
    const r = await vc('rotate-key', '--org', 'ml', '--reason', 'ordinateur perdu')
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain(`New key ${DID}#key-2`)
    const printed = JSON.parse(r.stdout.slice(r.stdout.indexOf('{')))
    expect(printed).toEqual({ id: `${DID}#key-2`, type: 'Ed25519VerificationKey2020', controller: DID, publicKeyMultibase: expect.stringMatching(/^z6Mk/) })
    const org = await getOrganisationOrThrow(rt, 'ml')
    const events = await rt.db.selectFrom('organisation_events').selectAll().where('organisation_id', '=', org.id).where('action', '=', 'key_rotated').execute()
    expect(events).toEqual([expect.objectContaining({ actor: 'cli', reason: `new key ${DID}#key-2: ordinateur perdu` })])
  })

  test('the DID document lists both keys, for assertions and authentication', async () => {
    const doc = await didDocument()
    const ids = [`${DID}#key-1`, `${DID}#key-2`]
    expect(doc.verificationMethod.map((m) => m.id)).toEqual(ids)
    expect(doc.assertionMethod).toEqual(ids)
    expect(doc.authentication).toEqual(ids)
  })

  test.each(['di', 'jwt'] as const)('a %s credential issued BEFORE still verifies, here and with independent verifiers', async (format) => {
    const issued = before[format]!
    const result = await verifyOnInstance(rt, { input: issued.document })
    expect(getCheck(result, 'proof')).toMatchObject({ status: 'passed', code: 'PROOF_VALID' })
    expect(getCheck(result, 'status')).toMatchObject({ status: 'passed', code: 'STATUS_VALID' })
    expect(result.verified).toBe(true)
    if (format === 'di') expect((await independentDi(issued.credential, undefined, httpsGet)).verified).toBe(true)
    else expect((await independentJwt(issued.document, undefined, httpsGet)).signer.id).toBe(`${DID}#key-1`)
  })

  test.each(['di', 'jwt'] as const)('a %s credential issued AFTER is signed with key-2 and verifies', async (format) => {
    const issued = await issue(format)
    if (format === 'di') expect(issued.credential.proof).toMatchObject({ verificationMethod: `${DID}#key-2` })
    else expect(jwtHeader(issued.document)).toMatchObject({ kid: `${DID}#key-2` })
    expect((await verifyOnInstance(rt, { input: issued.document })).verified).toBe(true)
    if (format === 'di') expect((await independentDi(issued.credential, undefined, httpsGet)).verified).toBe(true)
    else expect((await independentJwt(issued.document, undefined, httpsGet)).signer.id).toBe(`${DID}#key-2`)
  })

  test('status lists are re-signed with key-2, and still say revoked or not', async () => {
    const served = await getStatusListCredential(rt, { orgSlug: 'ml', purpose: 'revocation', listNumber: 1 })
    expect(served!.credential).toMatchObject({ issuer: DID, proof: { verificationMethod: `${DID}#key-2` } })
    const revoked = await issue('jwt')
    await changeCredentialStatus(rt, { credentialId: revoked.id, action: 'revoke', by: 'cli' })
    const result = await verifyOnInstance(rt, { input: revoked.document })
    expect(getCheck(result, 'status')).toMatchObject({ status: 'failed', code: 'STATUS_REVOKED' })
    expect(getCheck(await verifyOnInstance(rt, { input: before.di!.document }), 'status')).toMatchObject({ status: 'passed' })
  })

  test('a second rotation adds key-3; all three stay listed', async () => {
    const r = await vc('rotate-key', '--org', 'ml')
    expect(r.code, r.stderr).toBe(0)
    expect((await didDocument()).verificationMethod.map((m) => m.id)).toEqual([1, 2, 3].map((n) => `${DID}#key-${n}`))
    expect(jwtHeader((await issue('jwt')).document).kid).toBe(`${DID}#key-3`)
    for (const issued of [before.di!, before.jwt!]) expect((await verifyOnInstance(rt, { input: issued.document })).verified).toBe(true)
  })

  test('refuses an organisation without did:web and an unknown one (exit 1, a clear message)', async () => {
    const pending = await vc('rotate-key', '--org', 'pending')
    expect(pending.code).toBe(1)
    expect(pending.stderr).toMatch(/has no did:web yet/)
    const unknown = await vc('rotate-key', '--org', 'nobody')
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toMatch(/No organisation "nobody"/)
  })

  test('usage errors exit 2', async () => {
    for (const args of [['rotate-key'], ['rotate-key', '--org'], ['rotate-key', '--org', 'ml', '--force'], ['rotate-key', 'ml']]) {
      const r = await vc(...args)
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr).toContain('rotate-key')
    }
  })
})
