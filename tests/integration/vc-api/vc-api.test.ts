import * as vc from '@digitalbazaar/vc'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { VC_EXAMPLES_V2_CONTEXT, VC_V2_CONTEXT } from '@/lib/credentials/contexts'
import { documentLoader } from '@/lib/credentials/document-loader'
import { createPresentation } from '@/lib/credentials/present'
import { signingSuite } from '@/lib/credentials/suites'
import { ed25519Signer, getDidKeys } from '@/lib/dids/signer'
import { issueForOrganisation } from '@/lib/issuing/service'
import { createApiToken } from '@/lib/orgs/service'
import { handleIssue, handleVerify } from '@/lib/vc-api/handlers'
import { createTestRuntime, TEST_PUBLIC_URL } from '../../factories/runtime'
import { createWorld } from '../../factories/world'

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
let world: Awaited<ReturnType<typeof createWorld>>
let token: string

const CLAIMS = { skill: { name: 'Gérer le temps' }, level: 'autonomous', criteria: 'A tenu seul le planning des livraisons pendant trois semaines.' }

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  new Request(`http://localhost${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })

beforeAll(async () => {
  rt = await createTestRuntime()
  world = await createWorld(rt)
  token = await createApiToken(rt, { slug: 'ml-test' })
})
afterAll(() => rt.cleanup())

describe('POST /credentials/issue', () => {
  const issue = (body: unknown, auth = `Bearer ${token}`) => handleIssue(rt, post('/credentials/issue', body, auth ? { authorization: auth } : {}))

  test.each(['di', 'jwt'] as const)('201 with the signed %s credential for a valid token and claims', async (format) => {
    const res = await issue({ templateId: 'skill-badge', credentialSubject: { id: world.alice.did }, claims: CLAIMS, options: { format } })
    expect(res.status).toBe(201)
    const { verifiableCredential } = await res.json()
    if (format === 'jwt') expect(verifiableCredential).toMatch(/^ey/)
    else expect(verifiableCredential.issuer.id).toBe(world.org.did)
    const verified = await handleVerify(rt, post('/credentials/verify', { verifiableCredential }), 'credential')
    expect(verified.status).toBe(200)
  })

  test('claims.evidenceLevel: witnessed by default, assessed when asked, signed into the credential', async () => {
    const level = async (claims: Record<string, unknown>) => {
      const res = await issue({ templateId: 'skill-badge', credentialSubject: { id: world.alice.did }, claims })
      expect(res.status).toBe(201)
      const { verifiableCredential } = await res.json()
      return verifiableCredential.credentialSubject.result.find((r: { resultDescription: string }) => r.resultDescription === 'urn:tremplin:result:evidence')?.achievedLevel
    }
    expect(await level(CLAIMS)).toBe('urn:tremplin:evidence:witnessed')
    expect(await level({ ...CLAIMS, evidenceLevel: 'assessed' })).toBe('urn:tremplin:evidence:assessed')
  })

  test('400 for a self-declared credential (an organisation never issues one), 422 for an unknown level; nothing stored', async () => {
    const count = async () => Number((await rt.db.selectFrom('credentials').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
    const before = await count()
    const self = await issue({ templateId: 'skill-badge', credentialSubject: { id: world.alice.did }, claims: { ...CLAIMS, evidenceLevel: 'self_declared' } })
    expect(self.status).toBe(400)
    expect(await self.json()).toMatchObject({ error: { code: 'BAD_REQUEST', message: expect.stringContaining('self-declared'), fieldErrors: [{ path: '/claims/evidenceLevel' }] } })
    const unknown = await issue({ templateId: 'work-experience', credentialSubject: { id: world.alice.did }, claims: { kind: 'job', role: 'Vendeuse', place: { name: 'Boulangerie', locality: 'Roubaix' }, period: { start: '2026-01-05' }, tasks: ['Vendre du pain'], evidenceLevel: 'heard' } })
    expect(unknown.status).toBe(422)
    expect((await unknown.json()).error.fieldErrors).toEqual([{ path: '/evidenceLevel', message: expect.stringContaining('must be one of') }])
    expect(await count()).toBe(before)
  })

  test('401 without a token, with an unknown token, and with a malformed header', async () => {
    for (const auth of ['', 'Bearer trm_nope', `Basic ${token}`]) {
      const res = await issue({ templateId: 'skill-badge', credentialSubject: { id: world.alice.did }, claims: CLAIMS }, auth)
      expect(res.status).toBe(401)
    }
  })

  test('422 with every bad field, and nothing stored', async () => {
    const before = await rt.db.selectFrom('credentials').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    const res = await issue({ templateId: 'skill-badge', credentialSubject: { id: world.alice.did }, claims: { skill: { name: 'X' }, level: 'master', criteria: 'ok' } })
    expect(res.status).toBe(422)
    const body = await res.json()
    expect(body.error.fieldErrors.map((f: { path: string }) => f.path).sort()).toEqual(['/criteria', '/level', '/skill/name'])
    const after = await rt.db.selectFrom('credentials').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(Number(before.n))
  })

  test.each([
    ['not JSON', '{nope', 400],
    ['no subject', { templateId: 'skill-badge', claims: CLAIMS }, 400],
    ['subject not a DID', { templateId: 'skill-badge', credentialSubject: { id: 'alice' }, claims: CLAIMS }, 400],
    ['unknown template', { templateId: 'diploma', credentialSubject: { id: 'did:key:z6Mkx' }, claims: CLAIMS }, 400],
    ['over 1 MB', { templateId: 'skill-badge', credentialSubject: { id: 'did:key:z6Mkx' }, claims: { pad: 'x'.repeat(1_100_000) } }, 413],
  ])('%s → %i', async (_name, body, status) => {
    expect((await issue(body)).status).toBe(status)
  })
})

describe('POST /credentials/verify and /presentations/verify', () => {
  test('422 with the result shape for a credential that does not verify', async () => {
    const issued = await issueForOrganisation(rt, { organisation: world.org, templateId: 'skill-badge', subjectDid: world.alice.did, claims: CLAIMS })
    const tampered = { ...issued.credential, name: 'Something else' }
    const res = await handleVerify(rt, post('/credentials/verify', { verifiableCredential: tampered }), 'credential')
    expect(res.status).toBe(422)
    const body = await res.json()
    expect(body.verified).toBe(false)
    expect(body.checks.find((c: { id: string }) => c.id === 'proof')).toMatchObject({ status: 'failed', code: 'PROOF_INVALID' })
  })

  test('a presentation verifies with options.challenge and options.domain, and fails on another challenge', async () => {
    const issued = await issueForOrganisation(rt, { organisation: world.org, templateId: 'skill-badge', subjectDid: world.alice.did, claims: CLAIMS })
    const vp = await createPresentation({ agent: rt.agent, holderDid: world.alice.did, credentials: [issued.credential], challenge: 'n-1', domain: TEST_PUBLIC_URL })
    const ok = await handleVerify(rt, post('/presentations/verify', { verifiablePresentation: JSON.parse(vp.document), options: { challenge: 'n-1', domain: TEST_PUBLIC_URL } }), 'presentation')
    expect(ok.status).toBe(200)
    const body = await ok.json()
    expect(body.credentials[0].checks.find((c: { id: string }) => c.id === 'issuer')).toMatchObject({ status: 'passed', details: { name: 'Mission Locale Test' } })
    const replay = await handleVerify(rt, post('/presentations/verify', { verifiablePresentation: JSON.parse(vp.document), options: { challenge: 'n-2' } }), 'presentation')
    expect(replay.status).toBe(422)
  })

  // The stolen presentation (decision 011): Mallory signs, names herself holder, carries Alice's credential.
  describe.each(['di', 'jwt'] as const)('a stolen %s presentation', (format) => {
    const stolen = async () => {
      const issued = await issueForOrganisation(rt, { organisation: world.org, templateId: 'skill-badge', subjectDid: world.alice.did, claims: CLAIMS, format })
      const credential = format === 'jwt' ? issued.document : issued.credential
      const vp = await createPresentation({ agent: rt.agent, holderDid: world.mallory.did, credentials: [credential], challenge: 'n-3', domain: TEST_PUBLIC_URL, format })
      return format === 'jwt' ? vp.document : JSON.parse(vp.document)
    }
    const verifyVp = async (verifiablePresentation: unknown, extra: Record<string, unknown> = {}) =>
      handleVerify(rt, post('/presentations/verify', { verifiablePresentation, options: { challenge: 'n-3', domain: TEST_PUBLIC_URL, ...extra } }), 'presentation')
    const holderOf = (body: { credentials: { checks: { id: string }[] }[] }) => body.credentials[0]!.checks.find((c) => c.id === 'holder')

    test('422 by default: the credential fails its holder check (SUBJECT_NOT_HOLDER)', async () => {
      const res = await verifyVp(await stolen())
      expect(res.status).toBe(422)
      const body = await res.json()
      expect(body.verified).toBe(false)
      expect(holderOf(body)).toMatchObject({ status: 'failed', code: 'SUBJECT_NOT_HOLDER', details: { subject: world.alice.did, holder: world.mallory.did, enforced: true } })
      const enforced = await verifyVp(await stolen(), { holderBinding: 'enforce' })
      expect(enforced.status).toBe(422)
    })

    test('200 with options.holderBinding "report": verified, the check reported (unchecked, enforced: false)', async () => {
      const res = await verifyVp(await stolen(), { holderBinding: 'report' })
      expect(res.status).toBe(200)
      const body = await res.json()
      expect(body.verified).toBe(true)
      expect(holderOf(body)).toMatchObject({ status: 'unchecked', code: 'SUBJECT_NOT_HOLDER', details: { enforced: false } })
    })
  })

  test.each([['off'], [false], ['REPORT'], [{}]])('options.holderBinding %o → 400 (only "enforce" or "report")', async (holderBinding) => {
    const res = await handleVerify(rt, post('/presentations/verify', { verifiablePresentation: { type: ['VerifiablePresentation'] }, options: { holderBinding } }), 'presentation')
    expect(res.status).toBe(400)
    expect((await res.json()).checks[0]).toMatchObject({ id: 'input', status: 'failed', code: 'BAD_REQUEST' })
  })

  test.each([
    ['not JSON', 'nope', 400, 'INPUT_NOT_JSON'],
    ['no verifiableCredential', { credential: {} }, 400, 'BAD_REQUEST'],
    ['not a credential', { verifiableCredential: { hello: 'world' } }, 400, 'NOT_A_CREDENTIAL'],
    ['a presentation on the credential endpoint', { verifiableCredential: { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'] } }, 400, 'WRONG_KIND'],
    ['an 11 MB body', { verifiableCredential: 'x'.repeat(11 * 1024 * 1024) }, 413, 'INPUT_TOO_LARGE'],
    ['10,000-deep JSON', `{"verifiableCredential":${'['.repeat(10_000)}${']'.repeat(10_000)}}`, 400, 'INPUT_TOO_DEEP'],
  ])('%s → %i with the result shape', async (_name, body, status, code) => {
    const res = await handleVerify(rt, post('/credentials/verify', body), 'credential')
    expect(res.status).toBe(status)
    const result = await res.json()
    expect(result.verified).toBe(false)
    expect(result.checks[0]).toMatchObject({ id: 'input', status: 'failed', code })
  })
})

// Issue 13: the verifier as the W3C VC-API and VCDM 2.0 say (lib/credentials/verify/model.ts).
describe('POST /credentials/verify and /presentations/verify: the W3C data model', () => {
  const signVp = async (presentation: Record<string, unknown>, holderDid = world.alice.did) =>
    vc.signPresentation({ presentation, suite: signingSuite(ed25519Signer(rt.agent, await getDidKeys(rt.agent, holderDid))), challenge: 'n-4', domain: TEST_PUBLIC_URL, documentLoader })
  const verifyVp = (verifiablePresentation: unknown) =>
    handleVerify(rt, post('/presentations/verify', { verifiablePresentation, options: { challenge: 'n-4', domain: TEST_PUBLIC_URL } }), 'presentation')

  test('a credential sent as JSON text → 400 INPUT_NOT_OBJECT with the result shape; the same credential as an object → 200; a compact VC-JWT string stays accepted', async () => {
    const issued = await issueForOrganisation(rt, { organisation: world.org, templateId: 'skill-badge', subjectDid: world.alice.did, claims: CLAIMS })
    const text = await handleVerify(rt, post('/credentials/verify', { verifiableCredential: JSON.stringify(issued.credential) }), 'credential')
    expect(text.status).toBe(400)
    expect(await text.json()).toMatchObject({ verified: false, kind: 'unknown', checks: [{ id: 'input', status: 'failed', code: 'INPUT_NOT_OBJECT' }] })
    const object = await handleVerify(rt, post('/credentials/verify', { verifiableCredential: issued.credential }), 'credential')
    expect(object.status).toBe(200)
    const jwt = await issueForOrganisation(rt, { organisation: world.org, templateId: 'skill-badge', subjectDid: world.alice.did, claims: CLAIMS, format: 'jwt' })
    const compact = await handleVerify(rt, post('/credentials/verify', { verifiableCredential: jwt.document }), 'credential')
    expect(compact.status).toBe(200)
  })

  test('a presentation sent as JSON text → 400 INPUT_NOT_OBJECT', async () => {
    const issued = await issueForOrganisation(rt, { organisation: world.org, templateId: 'skill-badge', subjectDid: world.alice.did, claims: CLAIMS })
    const vp = await createPresentation({ agent: rt.agent, holderDid: world.alice.did, credentials: [issued.credential], challenge: 'n-4', domain: TEST_PUBLIC_URL })
    const res = await verifyVp(vp.document)
    expect(res.status).toBe(400)
    expect((await res.json()).checks[0]).toMatchObject({ id: 'input', status: 'failed', code: 'INPUT_NOT_OBJECT' })
  })

  test('a presentation with no holder, signed by the person the credential was issued to → 200 (the signer is the presenter)', async () => {
    const issued = await issueForOrganisation(rt, { organisation: world.org, templateId: 'skill-badge', subjectDid: world.alice.did, claims: CLAIMS })
    const res = await verifyVp(await signVp({ '@context': [VC_V2_CONTEXT], type: ['VerifiablePresentation'], verifiableCredential: [issued.credential] }))
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body.checks.find((c: { id: string }) => c.id === 'holder')).toMatchObject({ status: 'passed', code: 'HOLDER_BOUND', details: { holder: world.alice.did, named: false } })
  })

  test('a presentation with no holder carrying someone else’s credential → 422 (SUBJECT_NOT_HOLDER): leaving out the holder changes nothing for the stolen case', async () => {
    const issued = await issueForOrganisation(rt, { organisation: world.org, templateId: 'skill-badge', subjectDid: world.alice.did, claims: CLAIMS })
    const res = await verifyVp(await signVp({ '@context': [VC_V2_CONTEXT], type: ['VerifiablePresentation'], verifiableCredential: [issued.credential] }, world.mallory.did))
    expect(res.status).toBe(422)
    const body = await res.json()
    expect(body.credentials[0].checks.find((c: { id: string }) => c.id === 'holder')).toMatchObject({ status: 'failed', code: 'SUBJECT_NOT_HOLDER', details: { holder: world.mallory.did } })
  })

  test('a presentation whose first @context is not the VCDM 2.0 base context → 422 (schema CONTEXT_BASE_MISSING), its proof valid', async () => {
    const res = await verifyVp(await signVp({ '@context': [VC_EXAMPLES_V2_CONTEXT, VC_V2_CONTEXT], type: ['VerifiablePresentation'], holder: world.alice.did }))
    expect(res.status).toBe(422)
    const body = await res.json()
    expect(body.checks.find((c: { id: string }) => c.id === 'proof')).toMatchObject({ status: 'passed' })
    expect(body.checks.find((c: { id: string }) => c.id === 'schema')).toMatchObject({ status: 'failed', code: 'CONTEXT_BASE_MISSING' })
  })

  test('a credential carried as JSON text in a presentation → 422, that credential failed INPUT_NOT_OBJECT', async () => {
    const issued = await issueForOrganisation(rt, { organisation: world.org, templateId: 'skill-badge', subjectDid: world.alice.did, claims: CLAIMS })
    const vp = await signVp({ '@context': [VC_V2_CONTEXT], type: ['VerifiablePresentation'], holder: world.alice.did, verifiableCredential: [issued.credential] })
    const res = await verifyVp({ ...vp, verifiableCredential: [JSON.stringify(issued.credential)] })
    expect(res.status).toBe(422)
    expect((await res.json()).credentials[0].checks[0]).toMatchObject({ id: 'input', status: 'failed', code: 'INPUT_NOT_OBJECT' })
  })
})
