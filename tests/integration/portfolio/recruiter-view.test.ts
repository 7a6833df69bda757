import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import { issueCredential } from '@/lib/credentials/issue'
import { createDidKey } from '@/lib/dids/signer'
import { insertCredential } from '@/lib/issuing/repository'
import { createShare } from '@/lib/portfolio/service'
import { viewSharedPortfolio } from '@/lib/portfolio/view'
import { setRuntime } from '@/lib/runtime'
import { verifyOnInstance } from '@/lib/verification/service'
import { credentialSegment } from '@/lib/wallet/paths'
import { DAY_MS, daysAfter, HOUR_MS, MINUTE_MS, msAfter } from '../../factories/clock'
import { createTestRuntime, TEST_PUBLIC_URL } from '../../factories/runtime'
import { outcome } from '../../helpers/next-mocks'
import { createWalletWorld, PHOTO } from '../wallet/fixtures'

vi.mock('next/headers', async () => (await import('../../helpers/next-mocks')).nextHeaders)
vi.mock('next/cache', async () => (await import('../../helpers/next-mocks')).nextCache)
// The page's metadata reads its title from the messages; the rest of next-intl is not needed here.
vi.mock('next-intl/server', () => ({ getTranslations: async () => (key: string) => key }))

const presentationRoute = await import('@/app/(public)/p/[token]/presentation/route')
const photoRoute = await import('@/app/(public)/p/[token]/photo/[credentialId]/route')

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
let w: Awaited<ReturnType<typeof createWalletWorld>>
let strangerId: string
let token: string
let shareId: string

const alice = () => ({ id: w.alice.id, role: 'youth' })
const shareRow = () => rt.db.selectFrom('shares').selectAll().where('id', '=', shareId).executeTakeFirstOrThrow()
const getPresentation = (t: string, format?: string) =>
  presentationRoute.GET(new Request(`${TEST_PUBLIC_URL}/p/${t}/presentation${format ? `?format=${format}` : ''}`), { params: Promise.resolve({ token: t }) })
const getPhoto = (t: string, credentialId: string) =>
  photoRoute.GET(new Request(`${TEST_PUBLIC_URL}/p/${t}/photo/x`), { params: Promise.resolve({ token: t, credentialId: credentialSegment(credentialId) }) })

beforeAll(async () => {
  rt = await createTestRuntime()
  setRuntime(rt)
  w = await createWalletWorld(rt)
  // A credential signed by a key that is no organisation of this instance.
  const stranger = await createDidKey(rt.agent, 'stranger')
  const issued = await issueCredential({ agent: rt.agent, issuer: { did: stranger.did, name: 'Self-declared Academy' }, subjectDid: w.alice.did, templateId: 'skill-badge', claims: w.claims.minimalEn, publicUrl: TEST_PUBLIC_URL, now: w.now })
  strangerId = issued.id
  await insertCredential(rt.db, {
    id: issued.id, issuer_organisation_id: w.org.id, holder_user_id: w.alice.id, subject_did: w.alice.did, template_id: 'skill-badge',
    format: 'di', document: issued.document, title: issued.title, valid_from: issued.validFrom, created_at: w.now.toISOString(), language: 'en',
  })
  const share = await createShare(rt, alice(), { credentialIds: [w.badge.id, w.jwtBadge.id, w.work.id, strangerId], about: 'Motivée et ponctuelle.', label: 'Carrefour', expiresInDays: 30 }, w.now)
  token = share.token
  shareId = share.id
})
afterAll(() => rt.cleanup())

describe('the recruiter view', () => {
  test('verifies every shared credential from a fresh presentation, and names who vouches for each', async () => {
    const view = await viewSharedPortfolio(rt, token)
    if (view.state !== 'active') throw new Error(view.state)
    expect(view).toMatchObject({ holderName: 'Alice', about: 'Motivée et ponctuelle.' })
    expect(view.cards.map((c) => c.id)).toEqual([w.badge.id, w.jwtBadge.id, w.work.id, strangerId])
    expect(view.formats).toEqual(['di', 'jwt'])
    expect(view.result.verified).toBe(true)
    expect(view.result.checks.map((c) => [c.id, c.status])).toEqual(expect.arrayContaining([['proof', 'passed'], ['holder', 'passed'], ['challenge', 'passed']]))
    expect(view.result.credentials?.map((r) => r.verified)).toEqual([true, true, true, true])
    expect(view.knownIssuers).toEqual(['Mission Locale Test', 'Mission Locale Test', 'Mission Locale Test', null])
    const strangerIssuer = view.result.credentials![3]!.checks.find((c) => c.id === 'issuer')
    expect(strangerIssuer).toMatchObject({ status: 'unchecked', code: 'ISSUER_UNKNOWN' })
  })

  test('counts each view and remembers the last one', async () => {
    const before = await shareRow()
    // Views an hour after the world's clock: every credential was issued at or before it.
    const first = msAfter(w.now, HOUR_MS)
    const second = msAfter(first, 5 * MINUTE_MS)
    await viewSharedPortfolio(rt, token, { now: first })
    await viewSharedPortfolio(rt, token, { now: second, viewerId: w.recruiter.id })
    const after = await shareRow()
    expect(after.view_count).toBe(before.view_count + 2)
    expect(after.last_viewed_at).toBe(second.toISOString())
  })

  test('the young person previewing their own link is not counted', async () => {
    const before = await shareRow()
    const view = await viewSharedPortfolio(rt, token, { now: msAfter(w.now, DAY_MS), viewerId: w.alice.id })
    expect(view.state).toBe('active')
    expect(await shareRow()).toMatchObject({ view_count: before.view_count, last_viewed_at: before.last_viewed_at })
  })

  test('leaves out a credential the young person hid after sharing', async () => {
    await rt.db.updateTable('credentials').set({ hidden_at: new Date().toISOString() }).where('id', '=', w.work.id).execute()
    try {
      const view = await viewSharedPortfolio(rt, token)
      expect(view.state === 'active' && view.cards.map((c) => c.id)).toEqual([w.badge.id, w.jwtBadge.id, strangerId])
    } finally {
      await rt.db.updateTable('credentials').set({ hidden_at: null }).where('id', '=', w.work.id).execute()
    }
  })

  test('an expired share shows only that it expired, and counts no view', async () => {
    const old = await createShare(rt, alice(), { credentialIds: [w.badge.id], about: 'secret', label: 'old', expiresInDays: 7 }, daysAfter(w.now, -8))
    expect(await viewSharedPortfolio(rt, old.token)).toEqual({ state: 'expired' })
    expect((await rt.db.selectFrom('shares').select('view_count').where('id', '=', old.id).executeTakeFirstOrThrow()).view_count).toBe(0)
  })

  test('an unknown or malformed token is not found', async () => {
    await expect(viewSharedPortfolio(rt, 'A'.repeat(43))).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(viewSharedPortfolio(rt, `${token}x`)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(viewSharedPortfolio(rt, '../../etc')).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})

describe('GET /p/[token]/presentation', () => {
  test('returns a freshly signed Data Integrity VP that verifies on its own, with its challenge and domain inside, held by the young person', async () => {
    const res = await getPresentation(token, 'di')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="presentation-\d{4}-\d{2}-\d{2}\.json"/)
    expect(res.headers.get('cache-control')).toContain('no-store')
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
    const vp = JSON.parse(await res.text())
    expect(vp.holder).toBe(w.alice.did)
    const proof = Array.isArray(vp.proof) ? vp.proof[0] : vp.proof
    expect(proof.domain).toBe(TEST_PUBLIC_URL)
    expect(proof.challenge).toMatch(/^[\w-]{22}$/)
    const result = await verifyOnInstance(rt, { input: vp, challenge: proof.challenge, domain: proof.domain })
    expect(result.verified).toBe(true)
    expect(result.checks.find((c) => c.id === 'holder')).toMatchObject({ status: 'passed', details: { holder: w.alice.did } })
    expect(result.credentials).toHaveLength(3)
    // The nonce is this download's: a verifier expecting another one refuses it.
    expect((await verifyOnInstance(rt, { input: vp, challenge: 'another', domain: proof.domain })).verified).toBe(false)
  })

  test('the JWT credentials come as a compact VP-JWT (nonce and aud inside) that verifies too', async () => {
    const res = await getPresentation(token, 'jwt')
    expect(res.headers.get('content-type')).toBe('application/jwt')
    const jwt = await res.text()
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString())
    expect(payload).toMatchObject({ iss: w.alice.did, aud: [TEST_PUBLIC_URL], nonce: expect.stringMatching(/^[\w-]{22}$/) })
    const result = await verifyOnInstance(rt, { input: jwt, challenge: payload.nonce, domain: payload.aud[0] })
    expect(result.verified).toBe(true)
    expect(result.credentials).toHaveLength(1)
  })

  test('two downloads are two presentations with different challenges', async () => {
    const a = JSON.parse(await (await getPresentation(token, 'di')).text())
    const b = JSON.parse(await (await getPresentation(token, 'di')).text())
    expect(a.proof.challenge).not.toBe(b.proof.challenge)
  })

  test('is 404 for an unknown token and for a revoked share', async () => {
    expect((await getPresentation('A'.repeat(43))).status).toBe(404)
    const revoked = await createShare(rt, alice(), { credentialIds: [w.badge.id], about: '', label: 'r', expiresInDays: 7 })
    await rt.db.updateTable('shares').set({ revoked_at: new Date().toISOString() }).where('id', '=', revoked.id).execute()
    expect((await getPresentation(revoked.token)).status).toBe(404)
  })
})

describe('GET /p/[token]/photo/[credentialId]', () => {
  test('serves the evidence photo of a credential in the share', async () => {
    const res = await getPhoto(token, w.badge.id)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/jpeg')
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(PHOTO)
  })

  test('is 404 for a credential outside the share, even the same young person’s, or someone else’s', async () => {
    await rt.db.updateTable('credentials').set({ evidence_photo: PHOTO, evidence_photo_type: 'image/jpeg' }).where('id', '=', w.jwtBadge.id).execute()
    const small = await createShare(rt, alice(), { credentialIds: [w.badge.id], about: '', label: 'small', expiresInDays: 7 })
    expect((await getPhoto(small.token, w.jwtBadge.id)).status).toBe(404)
    expect((await getPhoto(small.token, w.malloryBadge.id)).status).toBe(404)
    expect((await getPhoto(small.token, w.badge.id)).status).toBe(200)
  })

  test('is 404 once the share is revoked', async () => {
    const share = await createShare(rt, alice(), { credentialIds: [w.badge.id], about: '', label: 'p', expiresInDays: 7 })
    await rt.db.updateTable('shares').set({ revoked_at: new Date().toISOString() }).where('id', '=', share.id).execute()
    expect((await getPhoto(share.token, w.badge.id)).status).toBe(404)
  })
})

describe('a revoked share', () => {
  test('shows only that it was revoked: no name, no about, no credential, and counts no view', async () => {
    const before = await shareRow()
    await rt.db.updateTable('shares').set({ revoked_at: new Date().toISOString() }).where('id', '=', shareId).execute()
    const view = await viewSharedPortfolio(rt, token)
    expect(view).toEqual({ state: 'revoked' })
    expect((await shareRow()).view_count).toBe(before.view_count)
  })
})

describe('no Referer leaves a share page', () => {
  test('the page asks for no-referrer in its metadata and is not indexed', async () => {
    const { generateMetadata } = await import('@/app/(public)/p/[token]/page')
    expect(await generateMetadata()).toMatchObject({ referrer: 'no-referrer', robots: { index: false, follow: false } })
  })

  test('an unknown link is a real 404: the layout, outside the page’s loading boundary, says so before anything streams', async () => {
    const { default: ShareLayout } = await import('@/app/(public)/p/[token]/layout')
    expect(await outcome(() => ShareLayout({ params: Promise.resolve({ token: 'A'.repeat(43) }), children: null }))).toBe('not-found')
    expect(await outcome(() => ShareLayout({ params: Promise.resolve({ token: '%ZZ' }), children: null }))).toBe('not-found')
    expect(await outcome(() => ShareLayout({ params: Promise.resolve({ token }), children: null }))).toBe('returned')
  })

  test('next.config sends Referrer-Policy: no-referrer for /p/*, after (so over) the site-wide policy', async () => {
    const config = (await import('@/next.config')).default
    const rules = await config.headers!()
    const site = rules.findIndex((r) => r.source === '/:path*')
    const share = rules.findIndex((r) => r.source === '/p/:path*')
    expect(share).toBeGreaterThan(site)
    expect(rules[share]!.headers).toContainEqual({ key: 'Referrer-Policy', value: 'no-referrer' })
  })
})
