import { createHash, randomBytes } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest'
import { authenticate } from '@/lib/auth/service'
import { findSessionUser, SESSION_COOKIE } from '@/lib/auth/sessions'
import { createInvitation, listInvitations, viewInvitation } from '@/lib/onboarding/service'
import { setRuntime } from '@/lib/runtime'
import { createTestRuntime } from '../../factories/runtime'
import { cookieJar, outcome, signInAs } from '../../helpers/next-mocks'
import { count, createTwoOrganisations, form, sessionUser, type World } from '../issuer/_world'

vi.mock('next/headers', async () => (await import('../../helpers/next-mocks')).nextHeaders)
vi.mock('next/cache', async () => (await import('../../helpers/next-mocks')).nextCache)

const { createInvitationAction, revokeInvitationAction } = await import('@/app/(issuer)/issuer/team/actions')
const { createAdminInvitationAction, revokeAdminInvitationAction } = await import('@/app/(admin)/admin/actions')
const { joinAction } = await import('@/app/(auth)/join/[token]/actions')

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

const tokenOf = (url: string) => url.split('/').pop()!
const linkRow = (token: string) => rt.db.selectFrom('account_links').selectAll()
  .where('token_hash', '=', createHash('sha256').update(token).digest('hex')).executeTakeFirst()

async function invite(as: string, fields: Record<string, string>) {
  await signInAs(rt, as)
  const state = await createInvitationAction(undefined, form(fields))
  if (!state?.ok) throw new Error(`no invitation: ${JSON.stringify(state)}`)
  return state.handover
}

describe('createInvitationAction (counsellors and tutors)', () => {
  test('invites a recruiter into the counsellor’s organisation with a one-time link', async () => {
    const h = await invite(w.counsellorA.id, { role: 'recruiter', email: 'rh@example.org' })
    expect(h).toMatchObject({ organisationName: 'Mission Locale A', role: 'recruiter', email: 'rh@example.org' })
    expect(h.url).toMatch(/\/join\/[A-Za-z0-9_-]{43}$/)
    expect(h.qrSvg).toContain('<svg')
    expect(await linkRow(tokenOf(h.url))).toMatchObject({ purpose: 'invitation', organisation_id: w.a.id, role: 'recruiter', email: 'rh@example.org', created_by: w.counsellorA.id, used_at: null })
  })

  test('a tutor invites into their own organisation, whatever organisation the form names', async () => {
    const h = await invite(w.tutorB.id, { role: 'tutor', organisationId: w.a.id })
    expect((await linkRow(tokenOf(h.url)))?.organisation_id).toBe(w.b.id)
  })

  test('may invite only tutors and recruiters: a counsellor or an admin role is refused, nothing stored', async () => {
    await signInAs(rt, w.counsellorA.id)
    const links = await count(rt, 'account_links')
    for (const role of ['counsellor', 'admin', 'youth']) {
      expect(await createInvitationAction(undefined, form({ role }))).toMatchObject({ ok: false, fieldErrors: { role: ['required'] } })
    }
    await expect(createInvitation(rt, await sessionUser(rt, w.counsellorA.id), { role: 'counsellor' })).rejects.toMatchObject({ code: 'FORBIDDEN' })
    expect(await count(rt, 'account_links')).toBe(links)
  })

  test.each(['youthA', 'recruiterA', 'admin'] as const)('refuses %s', async (who) => {
    await signInAs(rt, w[who].id)
    expect(await outcome(() => createInvitationAction(undefined, form({ role: 'recruiter' })))).toBe('forbidden')
  })
})

describe('revokeInvitationAction', () => {
  test('a counsellor withdraws a pending invitation of their organisation; the link stops working', async () => {
    const h = await invite(w.counsellorA.id, { role: 'tutor' })
    const id = (await linkRow(tokenOf(h.url)))!.id
    expect(await outcome(() => revokeInvitationAction(form({ invitationId: id })))).toBe('returned')
    expect(await viewInvitation(rt, tokenOf(h.url))).toEqual({ status: 'invalid' })
  })

  test('answers not-found to a counsellor of another organisation, and the invitation stays', async () => {
    const h = await invite(w.counsellorA.id, { role: 'tutor' })
    const id = (await linkRow(tokenOf(h.url)))!.id
    await signInAs(rt, w.counsellorB.id)
    expect(await outcome(() => revokeInvitationAction(form({ invitationId: id })))).toBe('not-found')
    expect((await viewInvitation(rt, tokenOf(h.url))).status).toBe('valid')
  })

  test.each(['youthA', 'recruiterA'] as const)('refuses %s', async (who) => {
    const h = await invite(w.counsellorA.id, { role: 'tutor' })
    const id = (await linkRow(tokenOf(h.url)))!.id
    await signInAs(rt, w[who].id)
    expect(await outcome(() => revokeInvitationAction(form({ invitationId: id })))).toBe('forbidden')
    expect((await viewInvitation(rt, tokenOf(h.url))).status).toBe('valid')
  })

  test('a counsellor lists only their organisation’s pending invitations; the admin lists all', async () => {
    await invite(w.counsellorB.id, { role: 'recruiter', email: 'b-only@example.org' })
    const mine = await listInvitations(rt, await sessionUser(rt, w.counsellorA.id))
    expect(mine.length).toBeGreaterThan(0)
    expect(mine.every((i) => i.organisationName === 'Mission Locale A')).toBe(true)
    const all = await listInvitations(rt, await sessionUser(rt, w.admin.id))
    expect(all.some((i) => i.email === 'b-only@example.org')).toBe(true)
  })
})

describe('admin invitations', () => {
  test('the admin invites a counsellor into any organisation, and may withdraw it', async () => {
    await signInAs(rt, w.admin.id)
    const state = await createAdminInvitationAction(undefined, form({ organisationId: w.b.id, role: 'counsellor' }))
    if (!state?.ok) throw new Error('no invitation')
    const row = await linkRow(tokenOf(state.handover.url))
    expect(row).toMatchObject({ organisation_id: w.b.id, role: 'counsellor' })
    expect(await outcome(() => revokeAdminInvitationAction(form({ invitationId: row!.id })))).toBe('returned')
    expect(await linkRow(tokenOf(state.handover.url))).toBeUndefined()
  })

  test('an unknown organisation is a field error', async () => {
    await signInAs(rt, w.admin.id)
    expect(await createAdminInvitationAction(undefined, form({ organisationId: 'nope', role: 'tutor' })))
      .toMatchObject({ ok: false, fieldErrors: { organisationId: ['unknownOrganisation'] } })
  })

  test.each(['counsellorA', 'tutorA', 'recruiterA', 'youthA'] as const)('refuses %s', async (who) => {
    const h = await invite(w.counsellorA.id, { role: 'tutor' })
    const id = (await linkRow(tokenOf(h.url)))!.id
    await signInAs(rt, w[who].id)
    expect(await outcome(() => createAdminInvitationAction(undefined, form({ organisationId: w.b.id, role: 'counsellor' })))).toBe('forbidden')
    expect(await outcome(() => revokeAdminInvitationAction(form({ invitationId: id })))).toBe('forbidden')
  })
})

describe('joinAction', () => {
  const join = (token: string, fields: Record<string, string> = {}) => joinAction(undefined, form({
    token, displayName: 'Rita Recrute', username: 'rita', email: '', password: 'a long enough password', confirm: 'a long enough password', ...fields,
  }))

  test('the invitee creates their account in the organisation with the invited role, is signed in and lands on their home', async () => {
    const h = await invite(w.counsellorA.id, { role: 'recruiter', email: 'rita@example.org' })
    cookieJar.clear()
    expect(await viewInvitation(rt, tokenOf(h.url))).toEqual({ status: 'valid', organisationName: 'Mission Locale A', role: 'recruiter', email: 'rita@example.org' })
    expect(await outcome(() => join(tokenOf(h.url), { email: 'rita@example.org' }))).toBe('redirect:/directory')
    const user = await authenticate(rt, 'rita@example.org', 'a long enough password')
    expect(user).toMatchObject({ role: 'recruiter', organisation_id: w.a.id, display_name: 'Rita Recrute', did: null })
    expect((await findSessionUser(rt, cookieJar.get(SESSION_COOKIE)))?.id).toBe(user.id)
    expect((await linkRow(tokenOf(h.url)))?.used_at).not.toBeNull()
  })

  test('an invited tutor lands on the issuer home', async () => {
    const h = await invite(w.counsellorA.id, { role: 'tutor' })
    expect(await outcome(() => join(tokenOf(h.url), { username: 'theo' }))).toBe('redirect:/issuer')
  })

  test('an invitation works once', async () => {
    const h = await invite(w.counsellorA.id, { role: 'recruiter' })
    expect(await outcome(() => join(tokenOf(h.url), { username: 'once' }))).toBe('redirect:/directory')
    cookieJar.clear()
    const users = await count(rt, 'users')
    expect(await join(tokenOf(h.url), { username: 'twice' })).toMatchObject({ ok: false, error: 'linkInvalid' })
    expect(await count(rt, 'users')).toBe(users)
  })

  test('a username already taken is a field error, and the invitation stays usable', async () => {
    const h = await invite(w.counsellorA.id, { role: 'recruiter' })
    expect(await join(tokenOf(h.url), { username: 'claire' })).toMatchObject({ ok: false, fieldErrors: { username: ['usernameTaken'] }, values: { username: 'claire' } })
    expect((await viewInvitation(rt, tokenOf(h.url))).status).toBe('valid')
  })

  test('an expired, revoked or unknown invitation is refused', async () => {
    const actor = await sessionUser(rt, w.counsellorA.id)
    const old = await createInvitation(rt, actor, { role: 'recruiter' }, new Date(Date.now() - 8 * 24 * 3600 * 1000))
    expect(await viewInvitation(rt, tokenOf(old.url))).toEqual({ status: 'invalid' })
    expect(await join(tokenOf(old.url), { username: 'late' })).toMatchObject({ ok: false, error: 'linkInvalid' })
    expect(await join(randomBytes(32).toString('base64url'), { username: 'ghost' })).toMatchObject({ ok: false, error: 'linkInvalid' })
    expect(cookieJar.has(SESSION_COOKIE)).toBe(false)
  })

  test('an activation link does not let anyone join an organisation', async () => {
    const { createYoungPerson } = await import('@/lib/onboarding/service')
    const created = await createYoungPerson(rt, await sessionUser(rt, w.counsellorA.id), { displayName: 'Malo' })
    expect(await join(tokenOf(created.link.url), { username: 'sneaky' })).toMatchObject({ ok: false, error: 'linkInvalid' })
  })
})
