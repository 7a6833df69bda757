import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey'
import { afterAll, describe, expect, test, vi } from 'vitest'
import { GET as didJsonRoute } from '@/app/orgs/[slug]/did.json/route'
import { getCheck } from '@/lib/credentials/verify/result'
import { verify } from '@/lib/credentials/verify'
import { DID_DOCUMENT_CACHE_CONTROL, serveDidDocument } from '@/lib/dids/http'
import { localDidDocument } from '@/lib/dids/organisation-did'
import { ensureOrganisationDidWebs } from '@/lib/orgs/did-web'
import { createDidResolver } from '@/lib/dids/resolver'
import { getDidKeys } from '@/lib/dids/signer'
import { issueForOrganisation } from '@/lib/issuing/service'
import { approveOrganisation, createOrganisation, getOrganisationOrThrow, suspendOrganisation } from '@/lib/orgs/service'
import { setRuntime } from '@/lib/runtime'
import { getStatusListCredential } from '@/lib/status/list-credential'
import { verifyOnInstance } from '@/lib/verification/service'
import { createTestRuntime, TEST_PUBLIC_URL } from '../../factories/runtime'
import { createApprovedOrganisation, createWorld } from '../../factories/world'
import { newKey, signDi, signJwt } from './_web'
import { refuseInserts } from '../../helpers/refuse-writes'

// An approved organisation issues under did:web:<host>:orgs:<slug>, its DID document built from
// the database and served at /orgs/<slug>/did.json; this instance resolves it locally (never over
// HTTP), for Data Integrity and VC-JWT alike.
const rt = await createTestRuntime()
setRuntime(rt)
const { org, alice } = await createWorld(rt)
afterAll(() => rt.cleanup())

const DID = 'did:web:tremplin.test:orgs:ml-test'
const claims = { skill: { name: 'Travailler en équipe' }, level: 'practising', criteria: 'A tenu le stand de la fête de quartier avec trois autres bénévoles.' }
const issue = (format: 'di' | 'jwt', organisation = org) => issueForOrganisation(rt, { organisation, templateId: 'skill-badge', subjectDid: alice.did, claims, format })
const jwtHeader = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[0]!, 'base64url').toString('utf8'))
const route = (slug: string) => didJsonRoute(new Request(`${TEST_PUBLIC_URL}/orgs/${slug}/did.json`), { params: Promise.resolve({ slug }) })

describe('approval gives an organisation its did:web', () => {
  test('the approved organisation’s DID is did:web:<host>:orgs:<slug>; its did:key stays among its DIDs', async () => {
    expect(org.did).toBe(DID)
    const dids = await rt.db.selectFrom('organisation_dids').select(['did', 'method']).where('organisation_id', '=', org.id).orderBy('method').execute()
    expect(dids).toEqual([{ did: expect.stringMatching(/^did:key:z6Mk/), method: 'key' }, { did: DID, method: 'web' }])
    const keys = await rt.db.selectFrom('organisation_keys').selectAll().where('organisation_id', '=', org.id).execute()
    expect(keys).toEqual([expect.objectContaining({ did: DID, fragment: 'key-1' })])
  })

  test('its key is a new Ed25519 key of the agent, the private key encrypted in the key store', async () => {
    const [{ kid }] = await rt.db.selectFrom('organisation_keys').select('kid').where('did', '=', DID).execute() as [{ kid: string }]
    const row = await rt.db.selectFrom('private_keys').selectAll().where('alias', '=', kid).executeTakeFirstOrThrow()
    expect(row.ciphertext).toMatch(/^v1\./)
    expect(await getDidKeys(rt.agent, DID)).toEqual({ did: DID, verificationMethod: `${DID}#key-1`, kid })
    const didKey = (await rt.db.selectFrom('organisation_dids').select('did').where('organisation_id', '=', org.id).where('method', '=', 'key').executeTakeFirstOrThrow()).did
    expect((await rt.agent.didManagerGet({ did: didKey })).keys[0]!.kid).not.toBe(kid)
  })

  test('a pending organisation has no did:web; approving it a second time (reinstating) keeps the first', async () => {
    await createOrganisation(rt, { slug: 'waiting', name: 'En attente', kind: 'training' })
    expect((await getOrganisationOrThrow(rt, 'waiting')).did).toMatch(/^did:key:/)
    await approveOrganisation(rt, 'waiting', 'cli')
    expect((await getOrganisationOrThrow(rt, 'waiting')).did).toBe('did:web:tremplin.test:orgs:waiting')
    await suspendOrganisation(rt, 'waiting', 'cli', { reason: 'contrôle en cours' })
    await approveOrganisation(rt, 'waiting', 'cli')
    const webDids = await rt.db.selectFrom('organisation_dids').innerJoin('organisations', 'organisations.id', 'organisation_dids.organisation_id')
      .select('organisation_dids.did').where('organisations.slug', '=', 'waiting').where('method', '=', 'web').execute()
    expect(webDids).toEqual([{ did: 'did:web:tremplin.test:orgs:waiting' }])
  })

  test('when the approval’s transaction fails, nothing is approved and the new key is discarded', async () => {
    await createOrganisation(rt, { slug: 'fragile', name: 'Fragile', kind: 'training' })
    const keysBefore = (await rt.db.selectFrom('keys').select('kid').execute()).length
    // A real failure inside the approval's transaction: the database refuses its event.
    const allow = await refuseInserts(rt.db, 'organisation_events', 'disk full', "new.action = 'approved'")
    await expect(approveOrganisation(rt, 'fragile', 'cli')).rejects.toThrow('disk full')
    await allow()
    const fragile = await getOrganisationOrThrow(rt, 'fragile')
    expect(fragile).toMatchObject({ status: 'pending', did: expect.stringMatching(/^did:key:/) })
    expect((await rt.db.selectFrom('keys').select('kid').execute()).length).toBe(keysBefore)
    expect(await rt.db.selectFrom('dids').select('did').where('did', '=', 'did:web:tremplin.test:orgs:fragile').execute()).toEqual([])
    await approveOrganisation(rt, 'fragile', 'cli')
    expect((await getOrganisationOrThrow(rt, 'fragile')).did).toBe('did:web:tremplin.test:orgs:fragile')
  })
})

describe('GET /orgs/<slug>/did.json', () => {
  test('serves the DID document: every key listed for assertions and authentication, short-cached', async () => {
    const res = await route('ml-test')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/did+json')
    expect(res.headers.get('cache-control')).toBe(DID_DOCUMENT_CACHE_CONTROL)
    const doc = await res.json()
    const vm = { id: `${DID}#key-1`, type: 'Ed25519VerificationKey2020', controller: DID, publicKeyMultibase: expect.stringMatching(/^z6Mk/) }
    expect(doc).toEqual({
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/suites/ed25519-2020/v1'],
      id: DID, verificationMethod: [vm], assertionMethod: [`${DID}#key-1`], authentication: [`${DID}#key-1`],
    })
    // The published key is the organisation's signing key.
    const [{ kid }] = await rt.db.selectFrom('organisation_keys').select('kid').where('did', '=', DID).execute() as [{ kid: string }]
    const published = await Ed25519Multikey.from({ type: 'Multikey', publicKeyMultibase: doc.verificationMethod[0].publicKeyMultibase })
    expect(Buffer.from(published.publicKey).toString('hex')).toBe((await rt.agent.keyManagerGet({ kid })).publicKeyHex)
  })

  test.each([['an unknown organisation', 'nobody'], ['a malformed slug', '..%2Fetc'], ['a pending organisation (no did:web yet)', 'still-pending']])('404 for %s', async (_, slug) => {
    if (slug === 'still-pending') await createOrganisation(rt, { slug, name: 'Toujours en attente', kind: 'employer' })
    const res = await serveDidDocument(rt, slug)
    expect(res.status).toBe(404)
  })

  test('a suspended organisation keeps its document: what it signed stays verifiable', async () => {
    await createApprovedOrganisation(rt, { slug: 'paused', name: 'En pause', kind: 'employer' })
    await suspendOrganisation(rt, 'paused', 'cli', { reason: 'contrôle en cours' })
    expect((await route('paused')).status).toBe(200)
  })
})

describe('credentials issued under the did:web', () => {
  test.each(['di', 'jwt'] as const)('a %s credential names key-1 and verifies on this instance (issuer known, status valid)', async (format) => {
    const issued = await issue(format)
    if (format === 'di') expect(issued.credential.proof).toMatchObject({ verificationMethod: `${DID}#key-1`, proofPurpose: 'assertionMethod' })
    else expect(jwtHeader(issued.document)).toMatchObject({ alg: 'EdDSA', kid: `${DID}#key-1` })
    const result = await verifyOnInstance(rt, { input: issued.document })
    expect(getCheck(result, 'proof')).toMatchObject({ status: 'passed', code: 'PROOF_VALID' })
    expect(getCheck(result, 'status')).toMatchObject({ status: 'passed', code: 'STATUS_VALID' })
    expect(getCheck(result, 'issuer')).toMatchObject({ status: 'passed', details: { did: DID, name: org.name } })
    expect(result.verified).toBe(true)
  })

  test('its status lists are signed by the did:web with key-1', async () => {
    const served = await getStatusListCredential(rt, { orgSlug: 'ml-test', purpose: 'revocation', listNumber: 1 })
    expect(served!.credential).toMatchObject({ issuer: DID, proof: { verificationMethod: `${DID}#key-1` } })
  })

  test.each(['di', 'jwt'] as const)('offline (the default: did:key only) a %s credential fails the proof with DID_UNRESOLVABLE, not a library error', async (format) => {
    const issued = await issue(format)
    const proof = getCheck(await verify({ input: issued.document }), 'proof')
    expect(proof).toMatchObject({ status: 'failed', code: 'DID_UNRESOLVABLE', message: expect.stringContaining(DID) })
  })

  test('what the organisation signed under its did:key before approval still verifies and is credited to it', async () => {
    const before = await createOrganisation(rt, { slug: 'early', name: 'Les Premiers', kind: 'training' })
    const key = await rt.agent.didManagerGet({ did: before.did })
    const signed = await signDi(rt.agent, { did: before.did, vm: `${before.did}#${before.did.slice('did:key:'.length)}`, kid: key.keys[0]!.kid })
    await approveOrganisation(rt, 'early', 'cli')
    const result = await verifyOnInstance(rt, { input: signed })
    expect(getCheck(result, 'proof')).toMatchObject({ status: 'passed' })
    expect(getCheck(result, 'issuer')).toMatchObject({ status: 'passed', details: { did: before.did, name: 'Les Premiers' } })
  })
})

describe('resolving this platform’s own did:web', () => {
  test('an unknown did:web of this host is a clear proof failure (DID_UNRESOLVABLE), and is never fetched', async () => {
    const key = await newKey(rt.agent)
    const did = 'did:web:tremplin.test:orgs:nobody'
    const fetchDocument = vi.fn(async () => ({ id: did }))
    const resolveDid = createDidResolver({ db: rt.db, publicUrl: TEST_PUBLIC_URL, fetchDocument })
    for (const input of [await signDi(rt.agent, { did, vm: `${did}#key-1`, kid: key.kid }), await signJwt(rt.agent, { did, vm: `${did}#key-1`, kid: key.kid })]) {
      const proof = getCheck(await verify({ input, resolveDid, now: new Date('2026-11-27T12:00:00Z') }), 'proof')
      expect(proof).toMatchObject({ status: 'failed', code: 'DID_UNRESOLVABLE' })
      expect(proof!.message).toMatch(/no organisation of this platform has this DID/)
      expect(proof!.message).toContain(did)
    }
    expect(fetchDocument).not.toHaveBeenCalled()
  })

  test('a key id the DID document does not list is DID_UNRESOLVABLE with the reason', async () => {
    const { kid } = await getDidKeys(rt.agent, DID)
    const signed = await signDi(rt.agent, { did: DID, vm: `${DID}#key-9`, kid })
    const proof = getCheck(await verifyOnInstance(rt, { input: signed, now: new Date('2026-11-27T12:00:00Z') }), 'proof')
    expect(proof).toMatchObject({ status: 'failed', code: 'DID_UNRESOLVABLE', message: expect.stringContaining('has no verification method #key-9') })
  })

  test('still read from the database after PUBLIC_URL moved to another host (never over HTTP)', async () => {
    const issued = await issue('jwt')
    const fetchDocument = vi.fn(async () => { throw new Error('must not fetch') })
    const moved = createDidResolver({ db: rt.db, publicUrl: 'https://nouveau.example', fetchDocument })
    for (const input of [issued.document, (await issue('di')).document]) {
      expect(getCheck(await verify({ input, resolveDid: moved }), 'proof')).toMatchObject({ status: 'passed' })
    }
    expect(fetchDocument).not.toHaveBeenCalled()
    expect(await localDidDocument(rt.db, DID)).toMatchObject({ id: DID })
  })
})

describe('npm start gives approved organisations from before did:web one', () => {
  test('an approved organisation without did:web gets one; running again changes nothing', async () => {
    // As the trust migration left them: approved, under their did:key.
    const legacy = await createOrganisation(rt, { slug: 'legacy', name: 'Ancienne', kind: 'youth_support' })
    await rt.db.updateTable('organisations').set({ status: 'approved', approved_at: '2026-01-01T00:00:00Z', approved_by: 'migration' }).where('slug', '=', 'legacy').execute()
    expect(await ensureOrganisationDidWebs(rt)).toEqual([{ slug: 'legacy', did: 'did:web:tremplin.test:orgs:legacy' }])
    expect(await ensureOrganisationDidWebs(rt)).toEqual([])
    const now = await getOrganisationOrThrow(rt, 'legacy')
    expect(now.did).toBe('did:web:tremplin.test:orgs:legacy')
    const dids = await rt.db.selectFrom('organisation_dids').select('did').where('organisation_id', '=', now.id).execute()
    expect(dids.map((d) => d.did).sort()).toEqual([legacy.did, 'did:web:tremplin.test:orgs:legacy'].sort())
    const issued = await issue('di', now)
    expect((await verifyOnInstance(rt, { input: issued.document })).verified).toBe(true)
  })

  test('pending organisations are left alone', async () => {
    await createOrganisation(rt, { slug: 'not-yet', name: 'Pas encore', kind: 'training' })
    await ensureOrganisationDidWebs(rt)
    expect((await getOrganisationOrThrow(rt, 'not-yet')).did).toMatch(/^did:key:/)
  })
})
