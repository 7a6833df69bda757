import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createOrganisation, createApiToken, organisationDids } from '@/lib/orgs/service'
import { changeCredentialStatus } from '@/lib/status/service'
import { handleIssue, handleVerify, MAX_CREDENTIAL_TO_SIGN_BYTES } from '@/lib/vc-api/handlers'
import { independentDi } from '../../helpers/independent-verifiers'
import { createTestRuntime, TEST_PUBLIC_URL } from '../../factories/runtime'
import { createApprovedOrganisation, createWorld } from '../../factories/world'

// POST /credentials/issue in the W3C VC-API form, { credential, options } (decision 030): real
// signing, a real SQLite file, the credential checked by our verifier AND by @digitalbazaar/vc
// on its own (the W3C suites verify our proofs that way: did:key only).

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
let world: Awaited<ReturnType<typeof createWorld>>
let token: string
let didKey: string
let otherOrgDid: string

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  new Request(`http://localhost${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) })
const issue = (body: unknown, auth = `Bearer ${token}`) => handleIssue(rt, post('/credentials/issue', body, { authorization: auth }))
const verify = (verifiableCredential: unknown) => handleVerify(rt, post('/credentials/verify', { verifiableCredential }), 'credential')
const count = async () => Number((await rt.db.selectFrom('credentials').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)

const V2 = 'https://www.w3.org/ns/credentials/v2'
/** What an organisation may send: the base context's own terms only (as the W3C suites' credentials). */
const credential = (extra: Record<string, unknown> = {}) => ({
  '@context': [V2],
  type: ['VerifiableCredential'],
  issuer: didKey,
  name: 'Accueil du public',
  credentialSubject: { id: 'did:example:subject', name: 'Samira' },
  ...extra,
})

beforeAll(async () => {
  rt = await createTestRuntime()
  world = await createWorld(rt)
  token = await createApiToken(rt, { slug: 'ml-test' })
  didKey = (await organisationDids(rt.db, world.org.id)).find((d) => d.startsWith('did:key:'))!
  otherOrgDid = (await createApprovedOrganisation(rt, { slug: 'other', name: 'Autre', kind: 'employer' })).did
}, 60_000)
afterAll(() => rt.cleanup())

describe('POST /credentials/issue { credential, options }', () => {
  test('the organisation holds its did:web (current, first) and its did:key', async () => {
    const dids = await organisationDids(rt.db, world.org.id)
    expect(dids).toEqual([world.org.did, didKey])
    expect(world.org.did).toMatch(/^did:web:/)
  })

  test('201: signed by the did:key it names, with revocation and suspension entries, verified here and by @digitalbazaar/vc alone', async () => {
    const before = await count()
    const res = await issue({ credential: credential() })
    expect(res.status).toBe(201)
    const { verifiableCredential: vc } = await res.json()
    expect(vc.proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod', verificationMethod: `${didKey}#${didKey.slice('did:key:'.length)}` })
    // What was sent is kept as sent: no property added but the proof and the status entries.
    expect(Object.keys(vc).sort()).toEqual([...Object.keys(credential()), 'credentialStatus', 'proof'].sort())
    expect(vc.credentialStatus.map((s: { statusPurpose: string }) => s.statusPurpose)).toEqual(['revocation', 'suspension'])
    for (const s of vc.credentialStatus) expect(s.statusListCredential).toMatch(new RegExp(`^${TEST_PUBLIC_URL}/status/ml-test/`))
    expect(await count()).toBe(before + 1)

    const ours = await verify(vc)
    const result = await ours.json()
    expect(ours.status).toBe(200)
    expect(result.checks.find((c: { id: string }) => c.id === 'issuer')).toMatchObject({ status: 'passed', code: 'ISSUER_KNOWN' })
    expect(result.checks.find((c: { id: string }) => c.id === 'status')).toMatchObject({ status: 'passed' })
    const elsewhere = await independentDi(vc)
    expect(elsewhere.verified, JSON.stringify(elsewhere.error ?? elsewhere.results)).toBe(true)
  })

  test('its own did:web as issuer (an object with id and name): signed with the newest key of the did:web', async () => {
    const res = await issue({ credential: credential({ issuer: { id: world.org.did, name: 'Mission Locale Test' } }) })
    expect(res.status).toBe(201)
    const { verifiableCredential: vc } = await res.json()
    expect(vc.proof.verificationMethod).toBe(`${world.org.did}#key-1`)
    expect((await verify(vc)).status).toBe(200)
  })

  test('revoking the record revokes the credential: the verifier says so', async () => {
    const res = await issue({ credential: credential({ id: `urn:uuid:${crypto.randomUUID()}` }) })
    const { verifiableCredential: vc } = await res.json()
    // The credential's own id names the issuer's record (npm run vc -- revoke --id <id>).
    await changeCredentialStatus(rt, { credentialId: vc.id, action: 'revoke', by: 'cli', reason: 'test' })
    const after = await verify(vc)
    expect(after.status).toBe(422)
    expect((await after.json()).checks.find((c: { id: string }) => c.id === 'status')).toMatchObject({ status: 'failed', code: 'STATUS_REVOKED' })
  })

  test('the same credential id signed twice: two records, the second under its own id', async () => {
    const id = `urn:uuid:${crypto.randomUUID()}`
    expect((await issue({ credential: credential({ id }) })).status).toBe(201)
    expect((await issue({ credential: credential({ id }) })).status).toBe(201)
    const rows = await rt.db.selectFrom('credentials').select(['id', 'template_id']).where('document', 'like', `%${id}%`).execute()
    expect(rows).toHaveLength(2)
    expect(rows.map((r) => r.id)).toContain(id)
    expect(rows.every((r) => r.template_id === 'vc-api')).toBe(true)
  })

  test('options.credentialStatus with one purpose: only that entry', async () => {
    const res = await issue({ credential: credential(), options: { credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' } } })
    expect(res.status).toBe(201)
    const { verifiableCredential: vc } = await res.json()
    expect(vc.credentialStatus).toMatchObject({ type: 'BitstringStatusListEntry', statusPurpose: 'revocation' })
  })

  test('a VCDM 1.1 credential: signed, its issuanceDate set, no status unless asked, verified here and elsewhere', async () => {
    const v1 = { '@context': ['https://www.w3.org/2018/credentials/v1'], type: ['VerifiableCredential'], issuer: didKey, credentialSubject: { id: 'did:example:subject' } }
    const res = await issue({ credential: v1 })
    expect(res.status).toBe(201)
    const { verifiableCredential: vc } = await res.json()
    expect(vc.issuanceDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    // The proof's own terms: the Data Integrity context, which a 1.1 base context lacks, is added by the signer.
    expect(vc['@context']).toEqual([...v1['@context'], 'https://w3id.org/security/data-integrity/v2'])
    expect(vc.credentialStatus).toBeUndefined()
    expect((await verify(vc)).status).toBe(200)
    expect((await independentDi(vc)).verified).toBe(true)
  })

  test('a VCDM 1.1 credential with options.credentialStatus: the status context added after its own, the entries, verified', async () => {
    const res = await issue({ credential: { '@context': ['https://www.w3.org/2018/credentials/v1'], type: ['VerifiableCredential'], issuer: didKey, credentialSubject: { id: 'did:example:subject' } }, options: { credentialStatus: { type: 'BitstringStatusListEntry' } } })
    expect(res.status).toBe(201)
    const { verifiableCredential: vc } = await res.json()
    expect(vc['@context']).toEqual(['https://www.w3.org/2018/credentials/v1', 'https://www.w3.org/ns/credentials/status/v1', 'https://w3id.org/security/data-integrity/v2'])
    expect(vc.credentialStatus).toHaveLength(2)
    const ours = await verify(vc)
    expect(ours.status, await ours.clone().text()).toBe(200)
  })

  // VCDM 2.0 §B.1 publishes the base context's SHA2-256 digest; the W3C suite states its SHA2-384.
  const V2_SHA256 = '24a18c90e9856d526111f29376e302d970b2bd10182e33959995b0207d7043b9'
  const V2_SHA384 = '35239c36999d2155312091af194a1edb61634d6ad789a5e5b19f2aebdd762dd9d1dcaada40eda7ef921c6b8c0ae107a0'
  test('relatedResource: the base context with its published digests is signed; a wrong digest is a 422; a resource not held is signed as sent', async () => {
    const right = { id: V2, digestSRI: `sha384-${Buffer.from(V2_SHA384, 'hex').toString('base64')}`, digestMultibase: `u${Buffer.from(V2_SHA256, 'hex').toString('base64url')}` }
    expect((await issue({ credential: credential({ relatedResource: [right] }) })).status).toBe(201)
    for (const wrong of [{ ...right, digestSRI: `sha384-${Buffer.alloc(48, 7).toString('base64')}` }, { ...right, digestMultibase: `u${Buffer.alloc(32, 7).toString('base64url')}` }]) {
      const res = await issue({ credential: credential({ relatedResource: [wrong] }) })
      expect(res.status).toBe(422)
      expect((await res.json()).error.fieldErrors).toContainEqual(expect.objectContaining({ code: 'RELATED_RESOURCE_DIGEST_MISMATCH' }))
    }
    const elsewhere = { id: 'https://example.org/logo.png', digestMultibase: `u${Buffer.alloc(32, 7).toString('base64url')}` }
    expect((await issue({ credential: credential({ relatedResource: [elsewhere] }) })).status).toBe(201)
  })

  test('422 when the issuer is not one of the organisation\'s DIDs (another organisation\'s, anyone\'s); nothing signed or stored', async () => {
    const before = await count()
    for (const issuer of [otherOrgDid, 'did:example:issuer', { id: 'did:key:z6MkpJySvETLnxhQG9DzEdmKJtysBDjuuTeDfUj1uNNCUqcj' }]) {
      const res = await issue({ credential: credential({ issuer }) })
      expect(res.status).toBe(422)
      expect((await res.json()).error.fieldErrors).toEqual([expect.objectContaining({ path: '/credential/issuer', message: expect.stringContaining(didKey) })])
    }
    expect(await count()).toBe(before)
  })

  test.each([
    ['no @context', { '@context': undefined }, '/credential/@context', 'CONTEXT_MISSING'],
    ['the base context not first', { '@context': ['https://www.w3.org/ns/credentials/examples/v2', V2] }, '/credential/@context/0', 'CONTEXT_BASE_MISSING'],
    ['a context that is a number', { '@context': [V2, 42] }, '/credential/@context/1', 'CONTEXT_INVALID'],
    ['no type', { type: undefined }, '/credential/type', 'TYPE_MISSING'],
    ['an id that is not a URL', { id: 'credential 7' }, '/credential/id', 'ID_NOT_URL'],
    ['an issuer that is not a URL', { issuer: 'fake-issuer' }, '/credential/issuer', 'ISSUER_NOT_URL'],
    ['an empty subject', { credentialSubject: {} }, '/credential/credentialSubject', 'SUBJECT_EMPTY'],
    ['two subject ids', { credentialSubject: { id: ['did:example:a', 'did:example:b'] } }, '/credential/credentialSubject/id', 'ID_NOT_URL'],
    ['validFrom without a time zone', { validFrom: '2026-01-01T10:00:00' }, '/credential/validFrom', 'DATE_INVALID'],
    ['validUntil before validFrom', { validFrom: '2026-06-01T00:00:00Z', validUntil: '2026-01-01T00:00:00Z' }, '/credential/validUntil', 'DATE_ORDER'],
    ['a name with a stray property', { name: { '@value': 'Accueil', '@language': 'fr', url: 'did:example:x' } }, '/credential/name', 'NAME_INVALID'],
    ['a credentialSchema without id', { credentialSchema: { type: 'JsonSchema' } }, '/credential/credentialSchema/id', 'ID_MISSING'],
    ['a credentialSchema without type', { credentialSchema: { id: 'https://example.org/schema.json' } }, '/credential/credentialSchema/type', 'OBJECT_TYPE_MISSING'],
    ['a refreshService without type', { refreshService: { id: 'https://example.org/refresh' } }, '/credential/refreshService/type', 'OBJECT_TYPE_MISSING'],
    ['evidence without type', { evidence: { id: 'https://example.org/evidence/1' } }, '/credential/evidence/type', 'OBJECT_TYPE_MISSING'],
    ['a related resource without digest', { relatedResource: [{ id: 'https://example.org/a' }] }, '/credential/relatedResource/0', 'RELATED_RESOURCE_NO_DIGEST'],
    ['a proof already', { proof: { type: 'DataIntegrityProof' } }, '/credential/proof', 'PROOF_PRESENT'],
  ])('422 for %s, naming the field and its code; nothing stored', async (_, change, path, code) => {
    const before = await count()
    const sent = credential(change)
    for (const [k, v] of Object.entries(change)) if (v === undefined) delete (sent as Record<string, unknown>)[k]
    const res = await issue({ credential: sent })
    expect(res.status).toBe(422)
    expect((await res.json()).error.fieldErrors).toContainEqual(expect.objectContaining({ path, code }))
    expect(await count()).toBe(before)
  })

  test.each([
    ['a term no context defines', { '@context': [V2, { '@vocab': null }], type: ['VerifiableCredential', 'UndefinedCredential'] }, /term/],
    ['a protected term redefined', { '@context': [V2, { VerifiableCredential: 'https://example.org/#Bad' }] }, /protected term/],
    ['a context this instance does not hold', { '@context': [V2, 'https://example.org/contexts/unknown/v1'] }, /context this instance does not hold/],
  ])('422 for %s (JSON-LD, safe mode, nothing fetched)', async (_, change, message) => {
    const res = await issue({ credential: credential(change) })
    expect(res.status).toBe(422)
    expect((await res.json()).error.fieldErrors).toEqual([{ path: '/credential', message: expect.stringMatching(message) }])
  })

  test('inline context terms are the issuer\'s to define: signed', async () => {
    const res = await issue({ credential: credential({ '@context': [V2, { ExampleTestCredential: 'https://example.org/#ExampleTestCredential' }], type: ['VerifiableCredential', 'ExampleTestCredential'], credentialSubject: { id: 'did:example:subject' } }) })
    expect(res.status).toBe(201)
  })

  test('400 for a request of the wrong shape, naming what is wrong', async () => {
    const cases: [unknown, string][] = [
      [{ credential: 'a string' }, '/credential'],
      [{ credential: credential(), templateId: 'skill-badge' }, '/templateId'],
      [{ credential: credential(), extra: 1 }, '/extra'],
      [{ credential: credential(), options: { format: 'jwt' } }, '/options'],
      [{ credential: credential(), options: { credentialStatus: { type: 'StatusList2021Entry' } } }, '/options/credentialStatus/0/type'],
    ]
    for (const [body, path] of cases) {
      const res = await issue(body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect((await res.json()).error.fieldErrors[0].path).toBe(path)
    }
  })

  test('413 for a credential over 64 KB, 400 for one nested too deep: nothing signed', async () => {
    const before = await count()
    const big = await issue({ credential: credential({ description: 'x'.repeat(MAX_CREDENTIAL_TO_SIGN_BYTES) }) })
    expect(big.status).toBe(413)
    expect((await big.json()).error.code).toBe('PAYLOAD_TOO_LARGE')
    let deep: Record<string, unknown> = { id: 'did:example:subject' }
    for (let i = 0; i < 80; i++) deep = { nested: deep }
    const nested = await issue({ credential: credential({ credentialSubject: deep }) })
    expect(nested.status).toBe(400)
    expect(await count()).toBe(before)
  })

  test('401 without a valid token; 403 for an organisation waiting for approval', async () => {
    expect((await issue({ credential: credential() }, 'Bearer trm_nope')).status).toBe(401)
    await createOrganisation(rt, { slug: 'pending', name: 'En attente', kind: 'employer' })
    const pendingToken = await createApiToken(rt, { slug: 'pending' })
    const pendingKey = (await rt.db.selectFrom('organisations').select('did').where('slug', '=', 'pending').executeTakeFirstOrThrow()).did
    const res = await issue({ credential: credential({ issuer: pendingKey }) }, `Bearer ${pendingToken}`)
    expect(res.status).toBe(403)
  })
})
