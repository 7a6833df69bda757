import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { createTranslator, NextIntlClientProvider } from 'next-intl'
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest'
import { CredentialCard, type Translate } from '@/app/_components/credential-card'
import { issueForOrganisation } from '@/lib/issuing/service'
import { changeCredentialStatus } from '@/lib/status/service'
import en from '@/messages/en'
import fr from '@/messages/fr'
import { setRuntime } from '@/lib/runtime'
import { verifyOnInstance } from '@/lib/verification/service'
import { toCard } from '@/lib/wallet/cards'
import { credentialIdFromSegment, credentialSegment } from '@/lib/wallet/paths'
import { getWalletCardOrThrow, listWalletCards } from '@/lib/wallet/service'
import { daysAfter } from '../../factories/clock'
import { createTestRuntime } from '../../factories/runtime'
import { cookieJar, outcome, signInAs, signOut } from '../../helpers/next-mocks'
import { createWalletWorld, form, PHOTO } from './fixtures'

vi.mock('next/headers', async () => (await import('../../helpers/next-mocks')).nextHeaders)
vi.mock('next/cache', async () => (await import('../../helpers/next-mocks')).nextCache)

const { setHiddenAction } = await import('@/app/(youth)/wallet/actions')
const download = await import('@/app/(youth)/wallet/[id]/download/route')
const photo = await import('@/app/(youth)/wallet/[id]/photo/route')

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
let w: Awaited<ReturnType<typeof createWalletWorld>>

const get = (handler: typeof download.GET, id: string) =>
  handler(new Request(`https://tremplin.test/wallet/${credentialSegment(id)}/x`), { params: Promise.resolve({ id: credentialSegment(id) }) })
const hiddenAt = async (id: string) => (await rt.db.selectFrom('credentials').select('hidden_at').where('id', '=', id).executeTakeFirstOrThrow()).hidden_at

beforeAll(async () => {
  rt = await createTestRuntime()
  setRuntime(rt)
  w = await createWalletWorld(rt)
})
afterAll(() => rt.cleanup())
beforeEach(() => cookieJar.clear())

describe('credential cards', () => {
  test('a Data Integrity skill badge reads as skill, level label from the rubric, issuer, evidence and alignments', () => {
    const card = toCard({ document: w.badge.document, format: 'di' })
    expect(card).toMatchObject({
      id: w.badge.id, templateId: 'skill-badge', title: 'Respecter ses engagements', format: 'di', status: 'valid', language: 'fr',
      level: { id: 'urn:tremplin:level:autonomous', label: 'Autonome' },
      issuer: { name: 'Mission Locale Test', did: w.org.did },
      issuedAt: w.badge.validFrom, validUntil: null, work: null,
      evidence: [{ name: 'Planning des bénévoles', narrative: '24 permanences tenues sur 24 prévues, de mars à août.' }],
    })
    expect(card.alignments.map((a) => a.targetCode ?? a.targetFramework)).toEqual(['ESCO', 'KC5'])
  })

  test('a VC-JWT is decoded into the same card, in the language it was issued in', () => {
    const card = toCard({ document: w.jwtBadge.document, format: 'jwt' })
    expect(card).toMatchObject({ id: w.jwtBadge.id, title: 'Solve problems', format: 'jwt', language: 'en', level: { label: 'Discovering' }, issuer: { did: w.org.did } })
  })

  test('a work experience card carries role, place, period and tasks', () => {
    expect(toCard({ document: w.work.document }).work).toEqual({
      role: 'Vendeur en boulangerie',
      place: { name: 'Boulangerie du Marché', locality: 'Roubaix' },
      period: { start: '2026-05-04', end: '2026-06-26' },
      tasks: ['Accueillir les clients et les conseiller', 'Tenir la caisse et rendre la monnaie', 'Mettre en place la vitrine chaque matin'],
    })
  })

  test('a credential past its validUntil is expired; a document that is neither JSON nor a JWT is refused', () => {
    // The badge was issued 280 days before the world's clock; say it ran out 100 days before it.
    const doc = { ...w.badge.credential, validUntil: daysAfter(w.now, -100).toISOString() }
    expect(toCard({ document: doc }, daysAfter(w.now, -101)).status).toBe('valid')
    expect(toCard({ document: doc }, daysAfter(w.now, -99)).status).toBe('expired')
    expect(() => toCard({ document: 'not a credential' })).toThrow(TypeError)
  })

  test('credential ids round-trip through URL segments', () => {
    for (const id of [w.badge.id, 'https://example.org/credentials/1']) expect(credentialIdFromSegment(credentialSegment(id))).toBe(id)
    expect(credentialSegment(w.badge.id)).not.toContain(':')
  })
})

describe('the wallet', () => {
  test('lists only the young person’s own credentials, newest first, hidden ones apart', async () => {
    const view = await listWalletCards(rt, { id: w.alice.id, role: 'youth' })
    expect(view.visible.map((c) => c.id)).toEqual([w.work.id, w.jwtBadge.id, w.badge.id])
    expect(view.hidden).toEqual([])
    expect((await listWalletCards(rt, { id: w.mallory.id, role: 'youth' })).visible.map((c) => c.id)).toEqual([w.malloryBadge.id])
  })

  test('is refused to every other role', async () => {
    for (const role of ['counsellor', 'recruiter', 'tutor', 'admin']) {
      await expect(listWalletCards(rt, { id: w.counsellor.id, role })).rejects.toMatchObject({ code: 'FORBIDDEN' })
    }
  })
})

describe('setHiddenAction', () => {
  test('hides and shows again one of the young person’s own credentials', async () => {
    await signInAs(rt, w.alice.id)
    expect(await setHiddenAction(undefined, form({ credentialId: w.jwtBadge.id, hidden: 'true' }))).toEqual({ ok: true, hidden: true })
    expect(await hiddenAt(w.jwtBadge.id)).toBeTruthy()
    const view = await listWalletCards(rt, { id: w.alice.id, role: 'youth' })
    expect(view.hidden.map((c) => c.id)).toEqual([w.jwtBadge.id])
    expect(view.visible.map((c) => c.id)).not.toContain(w.jwtBadge.id)
    expect(await setHiddenAction(undefined, form({ credentialId: w.jwtBadge.id, hidden: 'false' }))).toEqual({ ok: true, hidden: false })
    expect(await hiddenAt(w.jwtBadge.id)).toBeNull()
  })

  test('cannot touch another young person’s credential, and says only "not found"', async () => {
    await signInAs(rt, w.alice.id)
    expect(await setHiddenAction(undefined, form({ credentialId: w.malloryBadge.id, hidden: 'true' }))).toEqual({ ok: false, error: 'notFound' })
    expect(await hiddenAt(w.malloryBadge.id)).toBeNull()
  })

  test('refuses counsellors and recruiters, and sends visitors to sign in', async () => {
    for (const user of [w.counsellor, w.recruiter]) {
      await signInAs(rt, user.id)
      expect(await outcome(() => setHiddenAction(undefined, form({ credentialId: w.badge.id, hidden: 'true' })))).toBe('forbidden')
    }
    signOut()
    expect(await outcome(() => setHiddenAction(undefined, form({ credentialId: w.badge.id, hidden: 'true' })))).toBe('redirect:/sign-in')
    expect(await hiddenAt(w.badge.id)).toBeNull()
  })
})

describe('GET /wallet/[id]/download', () => {
  test('a Data Integrity credential downloads as its signed JSON, as an attachment, and still verifies', async () => {
    await signInAs(rt, w.alice.id)
    const res = await get(download.GET, w.badge.id)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="respecter-ses-engagements\.json"/)
    expect(res.headers.get('cache-control')).toContain('no-store')
    const body = await res.text()
    expect(JSON.parse(body)).toEqual(w.badge.credential)
    expect((await verifyOnInstance(rt, { input: body })).verified).toBe(true)
  })

  test('a VC-JWT downloads as the compact JWT itself (application/jwt), byte for byte as issued', async () => {
    await signInAs(rt, w.alice.id)
    const res = await get(download.GET, w.jwtBadge.id)
    expect(res.headers.get('content-type')).toBe('application/jwt')
    expect(res.headers.get('content-disposition')).toMatch(/filename="solve-problems\.jwt"/)
    expect(await res.text()).toBe(w.jwtBadge.document)
  })

  test('another young person’s credential, or an unknown one, is 404', async () => {
    await signInAs(rt, w.alice.id)
    expect((await get(download.GET, w.malloryBadge.id)).status).toBe(404)
    expect((await get(download.GET, 'urn:uuid:00000000-0000-4000-8000-000000000000')).status).toBe(404)
  })

  test('refuses other roles', async () => {
    await signInAs(rt, w.recruiter.id)
    expect(await outcome(() => get(download.GET, w.badge.id))).toBe('forbidden')
  })
})

describe('GET /wallet/[id]/photo', () => {
  test('serves the owner’s evidence photo with its type, privately cached', async () => {
    await signInAs(rt, w.alice.id)
    const res = await get(photo.GET, w.badge.id)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/jpeg')
    expect(res.headers.get('cache-control')).toMatch(/^private/)
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(PHOTO)
  })

  test('is 404 for another young person’s photo and for a credential without one', async () => {
    await signInAs(rt, w.alice.id)
    expect((await get(photo.GET, w.malloryBadge.id)).status).toBe(404)
    expect((await get(photo.GET, w.work.id)).status).toBe(404)
  })

  test('refuses counsellors', async () => {
    await signInAs(rt, w.counsellor.id)
    expect(await outcome(() => get(photo.GET, w.badge.id))).toBe('forbidden')
  })
})

describe('the issuer’s status on the card', () => {
  const lifecycle = { revokedAt: null, revokedReason: null, suspendedAt: null, suspendedReason: null }
  const render = (locale: 'fr' | 'en', card: ReturnType<typeof toCard>) => {
    const t = createTranslator({ locale, messages: locale === 'fr' ? fr : en, namespace: 'portfolio' }) as unknown as Translate
    // The card's level meter and evidence words read next-intl's context (common.levels, common.evidence).
    return renderToStaticMarkup(createElement(NextIntlClientProvider, { locale, messages: locale === 'fr' ? fr : en, timeZone: 'Europe/Paris', children: createElement(CredentialCard, { card, t, locale }) })).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')
  }

  test('revoked beats suspended, which beats expired; each comes with since when and the reason', () => {
    const expiredDoc = { ...w.badge.credential, validUntil: daysAfter(w.now, -100).toISOString() }
    const later = daysAfter(w.now, -70)
    expect(toCard({ document: expiredDoc, lifecycle }, later)).toMatchObject({ status: 'expired', statusSince: null, statusReason: null })
    const suspended = { ...lifecycle, suspendedAt: '2026-05-02T08:00:00.000Z', suspendedReason: 'Vérification' }
    expect(toCard({ document: expiredDoc, lifecycle: suspended }, later)).toMatchObject({ status: 'suspended', statusSince: '2026-05-02T08:00:00.000Z', statusReason: 'Vérification' })
    const revoked = { ...suspended, revokedAt: '2026-05-03T08:00:00.000Z', revokedReason: null }
    expect(toCard({ document: expiredDoc, lifecycle: revoked }, later)).toMatchObject({ status: 'revoked', statusSince: '2026-05-03T08:00:00.000Z', statusReason: null })
    expect(toCard({ document: w.badge.document }).status).toBe('valid')
  })

  test('a credential the issuer revokes shows as revoked in the wallet list and on its page, with the reason, in words (not colour alone)', async () => {
    // Issued and revoked at fixed past dates (the words show the revocation's date), viewed now.
    const issued = await issueForOrganisation(rt, { organisation: w.org, templateId: 'skill-badge', subjectDid: w.alice.did, claims: w.claims.minimalEn, now: new Date('2026-08-01T09:00:00Z') })
    const alice = { id: w.alice.id, role: 'youth' }
    expect((await getWalletCardOrThrow(rt, alice, issued.id)).status).toBe('valid')
    await changeCredentialStatus(rt, { credentialId: issued.id, action: 'revoke', reason: 'Badge délivré par erreur', by: w.counsellor.id, now: new Date('2026-08-10T09:00:00Z') })

    const listed = (await listWalletCards(rt, alice)).visible.find((c) => c.id === issued.id)
    const card = await getWalletCardOrThrow(rt, alice, issued.id)
    expect(listed).toEqual(card)
    expect(card).toMatchObject({ status: 'revoked', statusSince: '2026-08-10T09:00:00.000Z', statusReason: 'Badge délivré par erreur' })
    expect(render('fr', card)).toContain('Retiré Retiré le 10 août 2026 Raison donnée par l’émetteur : Badge délivré par erreur')
    expect(render('en', card)).toContain('Revoked Revoked on August 10, 2026 Reason given by the issuer: Badge délivré par erreur')
    // Other credentials are untouched.
    expect((await getWalletCardOrThrow(rt, alice, w.badge.id)).status).toBe('valid')
  })

  test('suspended, then lifted: the card follows', async () => {
    const issued = await issueForOrganisation(rt, { organisation: w.org, templateId: 'skill-badge', subjectDid: w.alice.did, claims: w.claims.minimalEn })
    const alice = { id: w.alice.id, role: 'youth' }
    await changeCredentialStatus(rt, { credentialId: issued.id, action: 'suspend', reason: 'En attente de vérification', by: w.counsellor.id })
    const suspended = await getWalletCardOrThrow(rt, alice, issued.id)
    expect(suspended).toMatchObject({ status: 'suspended', statusReason: 'En attente de vérification' })
    expect(render('en', suspended)).toContain('Suspended Suspended since')
    await changeCredentialStatus(rt, { credentialId: issued.id, action: 'unsuspend', by: w.counsellor.id })
    expect(await getWalletCardOrThrow(rt, alice, issued.id)).toMatchObject({ status: 'valid', statusSince: null, statusReason: null })
  })

  test('an expired card says so in words', () => {
    const card = toCard({ document: { ...w.badge.credential, validUntil: daysAfter(w.now, -100).toISOString() } }, daysAfter(w.now, -70))
    expect(render('fr', card)).toContain('Expiré')
    expect(render('en', card)).toContain('Expired')
  })
})
