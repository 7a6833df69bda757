import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest'
import { getCheck } from '@/lib/credentials/verify/result'
import { issueForOrganisation } from '@/lib/issuing/service'
import { listIssuedCredentials } from '@/lib/issuing/queries'
import { setRuntime } from '@/lib/runtime'
import { createShare } from '@/lib/portfolio/service'
import { viewSharedPortfolio } from '@/lib/portfolio/view'
import { readCredentialBits } from '@/lib/status/service'
import { contentOf } from '@/lib/verification/cards'
import { verifyOnInstance } from '@/lib/verification/service'
import { getWalletCardOrThrow } from '@/lib/wallet/service'
import { daysAfter, isoSeconds } from '../../factories/clock'
import { createTestRuntime } from '../../factories/runtime'
import { cookieJar, outcome, revalidated, signInAs } from '../../helpers/next-mocks'
import { createTwoOrganisations, form, sessionUser, type World } from './_world'

vi.mock('next/headers', async () => (await import('../../helpers/next-mocks')).nextHeaders)
vi.mock('next/cache', async () => (await import('../../helpers/next-mocks')).nextCache)

const { changeStatusAction } = await import('@/app/(issuer)/issuer/issued/actions')

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
let w: World

beforeAll(async () => {
  rt = await createTestRuntime()
  setRuntime(rt)
  w = await createTwoOrganisations(rt)
})
afterAll(() => rt.cleanup())
beforeEach(() => cookieJar.clear())

const claims = { skill: { name: 'Travailler en équipe' }, level: 'practising', criteria: 'A tenu le stand de la fête de quartier avec trois autres bénévoles.' }
const issueA = (format: 'di' | 'jwt' = 'di') => issueForOrganisation(rt, { organisation: w.a, templateId: 'skill-badge', subjectDid: w.youthA.did!, claims, format })
const act = (fields: Record<string, string>) => changeStatusAction(undefined, form(fields))
const statusCheck = async (document: string) => getCheck(await verifyOnInstance(rt, { input: document }), 'status')
const facts = (id: string) => rt.db.selectFrom('credential_status').selectAll().where('credential_id', '=', id).executeTakeFirst()
const youthCard = (id: string) => getWalletCardOrThrow(rt, { id: w.youthA.id, role: 'youth' }, id)
const issuedItem = async (userId: string, id: string) =>
  (await listIssuedCredentials(rt, await sessionUser(rt, userId))).items.find((i) => i.id === id)

describe('revoking from the issued list', () => {
  test.each(['di', 'jwt'] as const)('a counsellor revokes a %s credential of their organisation with a reason: the next verification fails on status and the young person’s card says revoked, with the reason', async (format) => {
    const issued = await issueA(format)
    expect(await statusCheck(issued.document)).toMatchObject({ status: 'passed', code: 'STATUS_VALID' })
    expect((await youthCard(issued.id)).status).toBe('valid')
    await signInAs(rt, w.counsellorA.id)

    const state = await act({ credentialId: issued.id, action: 'revoke', reason: '  Erreur de saisie  ' })

    expect(state).toMatchObject({ ok: true, action: 'revoke', changed: true })
    expect(revalidated).toContain('/issuer/issued')
    expect(await statusCheck(issued.document)).toMatchObject({ status: 'failed', code: 'STATUS_REVOKED', details: { reason: 'Erreur de saisie' } })
    const card = await youthCard(issued.id)
    expect(card).toMatchObject({ status: 'revoked', statusReason: 'Erreur de saisie' })
    expect(card.statusSince).toBe((await facts(issued.id))?.revoked_at)
    expect((await facts(issued.id))?.revoked_by).toBe(w.counsellorA.id)
    expect((await issuedItem(w.counsellorA.id, issued.id))?.status).toMatchObject({ state: 'revoked', reason: 'Erreur de saisie' })
  })

  test('revocation is final: suspending a revoked credential is refused with a form error and changes nothing', async () => {
    const issued = await issueA()
    await signInAs(rt, w.tutorA.id)
    expect(await act({ credentialId: issued.id, action: 'revoke', reason: 'Badge délivré par erreur' })).toMatchObject({ ok: true })
    const before = await facts(issued.id)

    expect(await act({ credentialId: issued.id, action: 'suspend', reason: 'Vérification' })).toMatchObject({ ok: false, fieldErrors: { _form: ['conflict'] } })
    expect(await act({ credentialId: issued.id, action: 'unsuspend', reason: 'Vérification' })).toMatchObject({ ok: false, fieldErrors: { _form: ['conflict'] } })
    expect(await facts(issued.id)).toEqual(before)
    expect(await readCredentialBits(rt, issued.id)).toEqual({ revocation: true, suspension: false })
  })
})

describe('the card agrees with the status check wherever a card appears', () => {
  test('after a revocation, /verify’s card and the recruiter view’s card say revoked (with the reason), as the wallet does', async () => {
    const issued = await issueA()
    const share = await createShare(rt, { id: w.youthA.id, role: 'youth' }, { credentialIds: [issued.id], about: 'Motivée.', label: 'Carrefour', expiresInDays: 30 })
    const before = await viewSharedPortfolio(rt, share.token)
    expect(before.state === 'active' && before.cards[0]?.status).toBe('valid')
    await signInAs(rt, w.counsellorA.id)
    expect(await act({ credentialId: issued.id, action: 'revoke', reason: 'Stage non effectué' })).toMatchObject({ ok: true })

    const now = new Date()
    const verified = contentOf(issued.document, await verifyOnInstance(rt, { input: issued.document, now }), now)
    expect(verified.cards[0]).toMatchObject({ status: 'revoked', statusReason: 'Stage non effectué' })
    const after = await viewSharedPortfolio(rt, share.token)
    expect(after.state === 'active' && after.cards[0]).toMatchObject({ status: 'revoked', statusReason: 'Stage non effectué' })
  })

  test('a credential past its validUntil reads as expired on /verify', async () => {
    const now = new Date()
    const issued = await issueForOrganisation(rt, { organisation: w.a, templateId: 'skill-badge', subjectDid: w.youthA.did!, claims: { ...claims, validUntil: isoSeconds(daysAfter(now, 30)) }, now })
    const later = daysAfter(now, 60)
    const verified = contentOf(issued.document, await verifyOnInstance(rt, { input: issued.document, now: later }), later)
    expect(verified.cards[0]?.status).toBe('expired')
    expect((await getWalletCardOrThrow(rt, { id: w.youthA.id, role: 'youth' }, issued.id, later)).status).toBe('expired')
  })
})

describe('suspending and lifting a suspension', () => {
  test('suspend then lift: the status check fails then passes again, and the card and list follow', async () => {
    const issued = await issueA()
    await signInAs(rt, w.counsellorA.id)

    expect(await act({ credentialId: issued.id, action: 'suspend', reason: 'Vérification en cours' })).toMatchObject({ ok: true, action: 'suspend', changed: true })
    expect(await statusCheck(issued.document)).toMatchObject({ status: 'failed', code: 'STATUS_SUSPENDED' })
    expect(await youthCard(issued.id)).toMatchObject({ status: 'suspended', statusReason: 'Vérification en cours' })
    expect((await issuedItem(w.counsellorA.id, issued.id))?.status).toMatchObject({ state: 'suspended', reason: 'Vérification en cours' })

    expect(await act({ credentialId: issued.id, action: 'unsuspend', reason: 'Vérifié avec la tutrice' })).toMatchObject({ ok: true, action: 'unsuspend', changed: true })
    expect(await statusCheck(issued.document)).toMatchObject({ status: 'passed', code: 'STATUS_VALID' })
    expect(await youthCard(issued.id)).toMatchObject({ status: 'valid', statusSince: null, statusReason: null })
    expect((await issuedItem(w.counsellorA.id, issued.id))?.status).toEqual({ state: 'active', since: null, reason: null })
  })

  test('a credential issued before status lists (no entries) shows as untracked and its status cannot change', async () => {
    const issued = await issueA()
    await rt.db.deleteFrom('status_entries').where('credential_id', '=', issued.id).execute()
    expect((await issuedItem(w.counsellorA.id, issued.id))?.status).toEqual({ state: 'untracked', since: null, reason: null })
    await signInAs(rt, w.counsellorA.id)
    expect(await act({ credentialId: issued.id, action: 'revoke', reason: 'Erreur' })).toMatchObject({ ok: false, fieldErrors: { _form: ['conflict'] } })
    expect(await facts(issued.id)).toBeUndefined()
  })
})

describe('who may change a status', () => {
  test('a counsellor or tutor of ANOTHER organisation gets “not found” and nothing changes', async () => {
    const issued = await issueA()
    for (const id of [w.counsellorB.id, w.tutorB.id]) {
      await signInAs(rt, id)
      expect(await act({ credentialId: issued.id, action: 'revoke', reason: 'Pas à nous' })).toMatchObject({ ok: false, fieldErrors: { _form: ['notFound'] } })
    }
    expect(await facts(issued.id)).toBeUndefined()
    expect(await readCredentialBits(rt, issued.id)).toEqual({ revocation: false, suspension: false })
    expect(await statusCheck(issued.document)).toMatchObject({ status: 'passed' })
  })

  test('an unknown credential id gets the same “not found”', async () => {
    await signInAs(rt, w.counsellorA.id)
    expect(await act({ credentialId: 'urn:uuid:00000000-0000-4000-8000-000000000000', action: 'suspend', reason: 'x' })).toMatchObject({ ok: false, fieldErrors: { _form: ['notFound'] } })
  })

  test.each([['young person', 'youthA'], ['recruiter', 'recruiterA'], ['admin', 'admin']] as const)('a %s is refused (forbidden) and nothing changes', async (_, who) => {
    const issued = await issueA()
    await signInAs(rt, w[who].id)
    expect(await outcome(() => act({ credentialId: issued.id, action: 'revoke', reason: 'Non' }))).toBe('forbidden')
    expect(await facts(issued.id)).toBeUndefined()
  })

  test('signed out: sent to sign in', async () => {
    const issued = await issueA()
    expect(await outcome(() => act({ credentialId: issued.id, action: 'revoke', reason: 'Non' }))).toMatch(/^redirect:\/sign-in/)
    expect(await facts(issued.id)).toBeUndefined()
  })
})

describe('the reason', () => {
  test.each([
    ['empty', '', 'reasonRequired'],
    ['only spaces', '   ', 'reasonRequired'],
    ['longer than 300 characters', 'x'.repeat(301), 'reasonTooLong'],
  ])('%s: a field error, the input kept, and nothing changes', async (_, reason, key) => {
    const issued = await issueA()
    await signInAs(rt, w.counsellorA.id)
    for (const action of ['revoke', 'suspend']) {
      const state = await act({ credentialId: issued.id, action, reason })
      expect(state).toMatchObject({ ok: false, fieldErrors: { reason: [key] }, values: { action, reason } })
    }
    expect(await facts(issued.id)).toBeUndefined()
    expect(await readCredentialBits(rt, issued.id)).toEqual({ revocation: false, suspension: false })
  })

  test('exactly 300 characters is accepted', async () => {
    const issued = await issueA()
    await signInAs(rt, w.counsellorA.id)
    expect(await act({ credentialId: issued.id, action: 'suspend', reason: 'é'.repeat(300) })).toMatchObject({ ok: true })
    expect((await facts(issued.id))?.suspended_reason).toBe('é'.repeat(300))
  })

  test('an unknown action is refused with a form error', async () => {
    const issued = await issueA()
    await signInAs(rt, w.counsellorA.id)
    expect(await act({ credentialId: issued.id, action: 'delete', reason: 'x' })).toMatchObject({ ok: false, fieldErrors: { action: ['invalid'] } })
    expect(await facts(issued.id)).toBeUndefined()
  })
})
