import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest'
import { AppError } from '@/lib/errors'
import { exportPersonalData } from '@/lib/privacy/service'
import { setRuntime } from '@/lib/runtime'
import { createTestRuntime } from '../../factories/runtime'
import { cookieJar, outcome, signInAs } from '../../helpers/next-mocks'
import { PHOTO } from '../wallet/fixtures'
import { ALICE_PASSWORD, createPrivacyWorld } from './_world'

vi.mock('next/headers', async () => (await import('../../helpers/next-mocks')).nextHeaders)
vi.mock('next/cache', async () => (await import('../../helpers/next-mocks')).nextCache)

const route = await import('@/app/(youth)/privacy/export/route')
const POST = (headers: Record<string, string> = { 'sec-fetch-site': 'same-origin' }) =>
  route.POST(new Request('http://localhost/privacy/export', { method: 'POST', headers }))

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
let w: Awaited<ReturnType<typeof createPrivacyWorld>>

beforeAll(async () => {
  rt = await createTestRuntime()
  setRuntime(rt)
  w = await createPrivacyWorld(rt)
})
afterAll(() => rt.cleanup())
beforeEach(() => cookieJar.clear())

async function download() {
  const response = await POST()
  return { response, text: await response.text() }
}

describe('POST /privacy/export', () => {
  test('gives the young person one JSON attachment, never cached', async () => {
    await signInAs(rt, w.alice.id)
    const { response, text } = await download()
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="tremplin-alice-\d{4}-\d{2}-\d{2}\.json"/)
    expect(response.headers.get('cache-control')).toContain('no-store')
    expect(JSON.parse(text)).toMatchObject({ format: 'tremplin-personal-data', version: 1, account: { username: 'alice' } })
  })

  test('contains each kind of their data', async () => {
    await signInAs(rt, w.alice.id)
    const data = JSON.parse((await download()).text)
    expect(data.account).toMatchObject({ id: w.alice.id, username: 'alice', displayName: 'Alice', email: 'alice@example.org', locale: 'fr', role: 'youth' })
    expect(data.account.createdAt).toBeTruthy()
    expect(data.account.activatedAt).toBeTruthy()
    expect(data.holder).toEqual({ did: w.alice.did })
    expect(data.linkedIdentifiers).toEqual([{ did: w.linkedDid, linkedAt: expect.any(String), presentation: expect.stringContaining(w.linkedDid), presentationHash: expect.stringMatching(/^[0-9a-f]{64}$/) }])
    expect(data.profile).toMatchObject({ region: 'Hauts-de-France', availability: 'now', languages: [{ code: 'fr', level: 'native' }], goals: [{ label: 'Animatrice sportive', occupationUri: null }] })
    expect(data.profile.experiences).toEqual([expect.objectContaining({ id: w.experienceId, kind: 'informal', title: 'Coach de foot des petits', credentialIds: [w.badge.id] })])

    const byId = new Map(data.credentials.map((c: { id: string }) => [c.id, c]))
    expect([...byId.keys()].sort()).toEqual([w.badge.id, w.jwtBadge.id, w.work.id, w.importedId, w.selfDeclaredId].sort())
    expect(byId.get(w.selfDeclaredId)).toMatchObject({ origin: 'self_declared', issuer: { did: w.alice.did, organisation: null } })
    const badge = byId.get(w.badge.id) as Record<string, any>
    expect(badge).toMatchObject({ origin: 'issued', format: 'di', issuer: { did: w.org.did, organisation: { name: 'Mission Locale Test', slug: 'ml-test' } }, subjectDid: w.alice.did, hiddenAt: null })
    expect(badge.document).toBe(w.badge.document)
    expect(badge.evidencePhoto).toEqual({ type: 'image/jpeg', base64: Buffer.from(PHOTO).toString('base64') })
    const jwt = byId.get(w.jwtBadge.id) as Record<string, any>
    expect(jwt.format).toBe('jwt')
    expect(jwt.document).toBe(w.jwtBadge.document)
    expect(jwt.hiddenAt).toBeTruthy()
    expect(byId.get(w.importedId)).toMatchObject({ origin: 'imported', issuer: { did: 'did:web:elsewhere.example', organisation: null }, importVerification: { verified: true } })

    expect(data.shares).toEqual([expect.objectContaining({ id: w.share.id, label: 'Stage animation', about: 'Je cherche un stage.', viewCount: 0, credentialIds: [w.badge.id, w.work.id], sections: ['path'] })])
    expect(data.pilots).toEqual([expect.objectContaining({ name: 'Été sportif', organisation: 'Mission Locale Test', role: 'youth' })])
  })

  test('contains the network: skill stories, directory entry, contacts with messages both ways, blocks, reports made', async () => {
    const data = await exportPersonalData(rt, { id: w.alice.id, role: 'youth' })
    expect(data.skillStories).toEqual([expect.objectContaining({ id: w.storyId, skillLabel: 'Animer un groupe', situation: 'Au club', status: 'requested', attester: 'Claire', attesterOrganisation: 'Mission Locale Test' })])
    expect(data.directory).toMatchObject({ handle: 'A1B2' })
    expect(data.contacts).toEqual(expect.arrayContaining([
      expect.objectContaining({
        id: w.contactId, recruiter: 'Julie', organisation: 'Mission Locale Test', status: 'accepted', message: 'Bonjour, un stage d’animation ?',
        messages: [expect.objectContaining({ from: 'recruiter', body: 'Êtes-vous disponible lundi ?' }), expect.objectContaining({ from: 'me', body: 'Oui, lundi matin.' })],
      }),
      expect.objectContaining({ id: w.blockedContactId, recruiter: 'Paul Pressant', status: 'declined', messages: [] }),
    ]))
    expect(data.contacts).toHaveLength(2)
    expect(data.blocks).toEqual([expect.objectContaining({ recruiter: 'Paul Pressant', organisation: 'Mission Locale Test' })])
    expect(data.reports).toEqual([expect.objectContaining({ id: w.reportId, recruiter: 'Paul Pressant', reason: 'spam', details: 'Trois messages par jour.', resolvedAt: null })])
    expect(JSON.stringify(data)).not.toContain('Bonjour Mallory')
  })

  test('exporting is written in the consent log, and the file holds the log, this export included', async () => {
    const before = (await rt.db.selectFrom('consent_events').select('id').where('user_id', '=', w.alice.id).where('kind', '=', 'data_exported').execute()).length
    const exportedAt = new Date()
    const data = await exportPersonalData(rt, { id: w.alice.id, role: 'youth' }, exportedAt)
    expect((await rt.db.selectFrom('consent_events').select('id').where('user_id', '=', w.alice.id).where('kind', '=', 'data_exported').execute()).length).toBe(before + 1)
    const kinds = data.consentLog.map((e) => e.kind)
    expect(kinds).toEqual(expect.arrayContaining(['contact_accepted', 'recruiter_blocked', 'data_exported']))
    expect(data.consentLog.find((e) => e.kind === 'contact_accepted')).toMatchObject({ detail: { contactId: w.contactId, organisation: 'Mission Locale Test' } })
    expect(data.consentLog.some((e) => e.kind === 'data_exported' && e.at === exportedAt.toISOString())).toBe(true)
  })

  test('carries the status of a revoked or suspended credential with its reason', async () => {
    await rt.db.insertInto('credential_status').values({ credential_id: w.work.id, revoked_at: null, revoked_reason: null, revoked_by: null, suspended_at: new Date().toISOString(), suspended_reason: 'Vérification en cours', suspended_by: 'cli', updated_at: new Date().toISOString() }).execute()
    const data = await exportPersonalData(rt, { id: w.alice.id, role: 'youth' })
    expect(data.credentials.find((c) => c.id === w.work.id)!.status).toMatchObject({ revokedAt: null, suspendedReason: 'Vérification en cours' })
    await rt.db.deleteFrom('credential_status').where('credential_id', '=', w.work.id).execute()
  })

  test('holds no secret: no password hash, no token hash, no private key', async () => {
    await signInAs(rt, w.alice.id)
    const { text } = await download()
    const secrets = [
      ...(await rt.db.selectFrom('users').select('password_hash').where('id', '=', w.alice.id).execute()).map((r) => r.password_hash!),
      ...(await rt.db.selectFrom('sessions').select('token_hash').where('user_id', '=', w.alice.id).execute()).map((r) => r.token_hash),
      ...(await rt.db.selectFrom('shares').select('token_hash').where('holder_user_id', '=', w.alice.id).execute()).map((r) => r.token_hash),
      ...(await rt.db.selectFrom('account_links').select('token_hash').where('user_id', '=', w.alice.id).execute()).map((r) => r.token_hash),
      ...(await rt.db.selectFrom('private_keys').select('ciphertext').execute()).map((r) => r.ciphertext),
    ]
    expect(secrets.length).toBeGreaterThanOrEqual(5)
    for (const s of secrets) expect(text).not.toContain(s)
    expect(text).not.toContain(w.share.token)
    expect(text).not.toContain(ALICE_PASSWORD)
    for (const key of ['password', 'passwordHash', 'password_hash', 'token', 'tokenHash', 'token_hash', 'privateKey', 'privateKeyHex', 'ciphertext']) {
      expect(text).not.toContain(`"${key}"`)
    }
  })

  test('holds only their own data', async () => {
    await signInAs(rt, w.mallory.id)
    const data = JSON.parse((await download()).text)
    expect(data.account.username).toBe('mallory')
    expect(data.credentials.map((c: { id: string }) => c.id)).toEqual([w.malloryBadge.id])
    expect(data.shares).toEqual([])
    expect(data.profile.experiences).toEqual([])
    expect(data.linkedIdentifiers).toEqual([])
  })

  test('is a POST only, refused when the browser says another site sent it, and logged only when made', async () => {
    // Next answers 405 to a method the route does not export.
    expect(Object.keys(route)).not.toContain('GET')
    await signInAs(rt, w.alice.id)
    const exportsLogged = () => rt.db.selectFrom('consent_events').select('id').where('user_id', '=', w.alice.id).where('kind', '=', 'data_exported').execute()
    const before = (await exportsLogged()).length
    expect((await POST({ 'sec-fetch-site': 'cross-site' })).status).toBe(403)
    expect((await exportsLogged()).length).toBe(before)
    expect((await POST({})).status).toBe(200)
    expect((await exportsLogged()).length).toBe(before + 1)
  })

  test('is refused to other roles and to visitors', async () => {
    for (const user of [w.counsellor, w.recruiter]) {
      await signInAs(rt, user.id)
      expect(await outcome(() => POST())).toBe('forbidden')
    }
    cookieJar.clear()
    expect(await outcome(() => POST())).toBe('redirect:/sign-in')
    await expect(exportPersonalData(rt, { id: w.counsellor.id, role: 'counsellor' })).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await expect(exportPersonalData(rt, { id: 'gone', role: 'youth' })).rejects.toBeInstanceOf(AppError)
  })
})
