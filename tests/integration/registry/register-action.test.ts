import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest'
import { createUser } from '@/lib/auth/service'
import { findSessionUser, SESSION_COOKIE } from '@/lib/auth/sessions'
import { approveOrganisation, getOrganisationOrThrow } from '@/lib/orgs/service'
import { staffOrganisationStanding } from '@/lib/orgs/standing'
import { setRuntime } from '@/lib/runtime'
import { createTestRuntime } from '../../factories/runtime'
import { cookieJar, outcome, requestHeaders } from '../../helpers/next-mocks'
import { count, form } from '../issuer/_world'

vi.mock('next/headers', async () => (await import('../../helpers/next-mocks')).nextHeaders)
vi.mock('next/cache', async () => (await import('../../helpers/next-mocks')).nextCache)

const { registerOrganisationAction } = await import('@/app/(auth)/register/actions')
const { issueAction } = await import('@/app/(issuer)/issuer/issue/actions')

// An organisation registers itself: pending, its first staff member signed in, issuing refused
// with plain words until an admin approves it; input errors keep what was typed; rate-limited.

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
beforeAll(async () => {
  rt = await createTestRuntime()
  setRuntime(rt)
})
afterAll(() => rt.cleanup())
let address = 0
beforeEach(() => {
  cookieJar.clear()
  // Each test registers from its own address, so the per-address limit only bites where meant to.
  requestHeaders.set('x-forwarded-for', `203.0.113.${++address}`)
})

const PASSWORD = 'une phrase facile à retenir'
const fields = (overrides: Record<string, string> = {}) => ({
  organisationName: 'Club Sportif de Wattrelos', slug: '', kind: 'training', region: 'Hauts-de-France',
  displayName: 'Mehdi Haddad', username: 'mehdi', email: 'mehdi@club.example', password: PASSWORD, confirm: PASSWORD,
  ...overrides,
})
const register = (overrides: Record<string, string> = {}) => registerOrganisationAction(undefined, form(fields(overrides)))
const signedIn = async () => findSessionUser(rt, cookieJar.get(SESSION_COOKIE))

describe('self-registration', () => {
  test('creates a PENDING organisation (slug from the name) with a counsellor, signs them in and lands on /issuer', async () => {
    expect(await outcome(() => register())).toBe('redirect:/issuer')
    const org = await getOrganisationOrThrow(rt, 'club-sportif-de-wattrelos')
    expect(org).toMatchObject({ name: 'Club Sportif de Wattrelos', kind: 'training', region: 'Hauts-de-France', status: 'pending', approved_at: null })
    const user = await signedIn()
    expect(user).toMatchObject({ username: 'mehdi', displayName: 'Mehdi Haddad', role: 'counsellor', organisationId: org.id })
    const event = await rt.db.selectFrom('organisation_events').selectAll().where('organisation_id', '=', org.id).executeTakeFirstOrThrow()
    expect(event).toMatchObject({ action: 'registered', actor: user!.id })
    expect(await staffOrganisationStanding(rt, user!)).toMatchObject({ status: 'pending', mayIssue: false, registeredAt: org.created_at })
  })

  test('an employer’s first member is an employer tutor; a slug typed by hand is kept', async () => {
    expect(await outcome(() => register({ organisationName: 'Garage Dupont & Fils', slug: 'garage-dupont', kind: 'employer', username: 'paul', email: 'paul@garage.example' }))).toBe('redirect:/issuer')
    const org = await getOrganisationOrThrow(rt, 'garage-dupont')
    expect(await signedIn()).toMatchObject({ role: 'tutor', organisationId: org.id })
  })

  test('the person cannot issue until approved (a plain form error, not a crash); once approved, they can', async () => {
    await outcome(() => register({ organisationName: 'Atelier Vélo', kind: 'youth_support', username: 'lea', email: 'lea@velo.example' }))
    const user = (await signedIn())!
    const youth = await createUser(rt, { role: 'youth', username: 'yanis', displayName: 'Yanis B.', organisationId: user.organisationId! })
    const issue = () => issueAction(undefined, form({
      intent: 'issue', templateId: 'skill-badge', holderId: youth.id, skill: 'Réparer un vélo', skillConcept: '', level: 'practising',
      criteria: 'A remis en état trois vélos donnés à l’atelier, freins et dérailleurs compris.', evidenceLevel: 'witnessed', evidenceNarrative: '', evidenceUrl: '', validity: 'none', validUntil: '', language: 'fr',
    }))
    const credentials = await count(rt, 'credentials')
    expect(await issue()).toMatchObject({ status: 'edit', fieldErrors: { _form: ['organisationNotApproved'] } })
    expect(await count(rt, 'credentials')).toBe(credentials)

    await approveOrganisation(rt, 'atelier-velo', 'cli')
    expect(await outcome(issue)).toMatch(/^redirect:\/issuer\/issued\?issued=/)
    expect(await count(rt, 'credentials')).toBe(credentials + 1)
  })

  test.each([
    ['a slug already in use', { slug: 'club-sportif-de-wattrelos', username: 'other1', email: 'other1@x.example' }, { slug: ['slugTaken'] }],
    ['a username already in use', { organisationName: 'Autre Club', username: 'mehdi', email: 'other2@x.example' }, { username: ['usernameTaken'] }],
    ['an e-mail already in use', { organisationName: 'Autre Club Deux', username: 'other3', email: 'mehdi@club.example' }, { email: ['emailTaken'] }],
    ['a bad slug', { slug: '-Bad Slug-', username: 'other4', email: 'other4@x.example' }, { slug: ['invalidSlug'] }],
    ['no kind', { kind: '', username: 'other5', email: 'other5@x.example' }, { kind: ['chooseKind'] }],
    ['no e-mail', { email: '', username: 'other6' }, { email: ['required'] }],
    ['a short password', { password: 'court', confirm: 'court', username: 'other7', email: 'other7@x.example' }, { password: ['password_too_short'] }],
    ['passwords that differ', { confirm: 'une autre phrase encore', organisationName: 'Club Trois', username: 'other8', email: 'other8@x.example' }, { confirm: ['passwordsDiffer'] }],
  ])('refuses %s, field by field, keeping what was typed (never the password), and creates nothing', async (_, overrides, fieldErrors) => {
    const [orgs, users] = [await rt.db.selectFrom('organisations').select('id').execute(), await count(rt, 'users')]
    const state = await register(overrides)
    expect(state).toMatchObject({ ok: false, fieldErrors })
    expect(state?.values).toMatchObject({ username: fields(overrides).username, organisationName: fields(overrides).organisationName })
    expect(JSON.stringify(state)).not.toContain(PASSWORD)
    expect((await rt.db.selectFrom('organisations').select('id').execute()).length).toBe(orgs.length)
    expect(await count(rt, 'users')).toBe(users)
    expect(cookieJar.has(SESSION_COOKIE)).toBe(false)
  })

  test('is rate-limited per client address: the sixth registration within the hour is refused', async () => {
    for (let i = 0; i < 5; i++) {
      expect(await outcome(() => register({ organisationName: `Limite ${i}`, username: `limit${i}`, email: `limit${i}@x.example` }))).toBe('redirect:/issuer')
    }
    const orgs = (await rt.db.selectFrom('organisations').select('id').execute()).length
    expect(await register({ organisationName: 'Limite 5', username: 'limit5', email: 'limit5@x.example' })).toMatchObject({ ok: false, error: 'tooManyAttempts' })
    expect((await rt.db.selectFrom('organisations').select('id').execute()).length).toBe(orgs)
  })
})
