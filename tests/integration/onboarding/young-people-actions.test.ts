import { createHash } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest'
import { viewActivation } from '@/lib/onboarding/service'
import { setRuntime } from '@/lib/runtime'
import { createTestRuntime, TEST_PUBLIC_URL } from '../../factories/runtime'
import { cookieJar, outcome, signInAs } from '../../helpers/next-mocks'
import { count, createTwoOrganisations, form, type World } from '../issuer/_world'

vi.mock('next/headers', async () => (await import('../../helpers/next-mocks')).nextHeaders)
vi.mock('next/cache', async () => (await import('../../helpers/next-mocks')).nextCache)

const { createYoungPersonAction, regenerateActivationLinkAction } = await import('@/app/(issuer)/issuer/young-people/actions')

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
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')

async function create(fields: Record<string, string>) {
  const state = await createYoungPersonAction(undefined, form(fields))
  if (!state?.ok) throw new Error(`not created: ${JSON.stringify(state)}`)
  return state.handover
}

describe('createYoungPersonAction', () => {
  test('a counsellor creates a wallet in their organisation and gets a one-time activation link and QR code', async () => {
    await signInAs(rt, w.counsellorA.id)
    const before = Date.now()
    const h = await create({ displayName: 'Yanis B.', email: '' })
    expect(h.url).toMatch(new RegExp(`^${TEST_PUBLIC_URL}/activate/[A-Za-z0-9_-]{43}$`))
    expect(h.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/)
    expect(h.username).toBe('yanis')
    const user = await rt.db.selectFrom('users').selectAll().where('id', '=', h.userId).executeTakeFirstOrThrow()
    expect(user).toMatchObject({ role: 'youth', organisation_id: w.a.id, display_name: 'Yanis B.', password_hash: null, activated_at: null, email: null })
    expect(user.did).toMatch(/^did:key:z6Mk/)
    const links = await rt.db.selectFrom('account_links').selectAll().where('user_id', '=', h.userId).execute()
    expect(links).toHaveLength(1)
    // Only the token's SHA-256 is stored; the link lasts 7 days.
    expect(links[0]!.token_hash).toBe(sha256(tokenOf(h.url)))
    expect(JSON.stringify(links)).not.toContain(tokenOf(h.url))
    expect(links[0]!.purpose).toBe('activation')
    const ttl = new Date(links[0]!.expires_at).getTime() - before
    expect(ttl).toBeGreaterThan(7 * 24 * 3600 * 1000 - 60_000)
    expect(ttl).toBeLessThanOrEqual(7 * 24 * 3600 * 1000 + 60_000)
  })

  test('generates a unique username from the first name, without accents, when none is given', async () => {
    await signInAs(rt, w.tutorA.id)
    expect((await create({ displayName: 'Inès Dupont' })).username).toBe('ines')
    expect((await create({ displayName: 'Inès Martin' })).username).toBe('ines2')
    expect((await create({ displayName: 'Ines' })).username).toBe('ines3')
  })

  test('refuses a username or an e-mail already taken, field by field, keeping the input and creating nothing', async () => {
    await signInAs(rt, w.counsellorA.id)
    const users = await count(rt, 'users')
    const state = await createYoungPersonAction(undefined, form({ displayName: 'Sam', username: 'samira', email: '' }))
    expect(state).toEqual({ ok: false, fieldErrors: { username: ['usernameTaken'] }, values: { displayName: 'Sam', username: 'samira', email: '' } })
    await create({ displayName: 'Zoé', email: 'zoe@example.org' })
    const again = await createYoungPersonAction(undefined, form({ displayName: 'Zoé bis', email: 'ZOE@example.org' }))
    expect(again).toMatchObject({ ok: false, fieldErrors: { email: ['emailTaken'] } })
    expect(await count(rt, 'users')).toBe(users + 1)
  })

  test('checks the form: a name is required, the username and e-mail must be well formed', async () => {
    await signInAs(rt, w.counsellorA.id)
    const state = await createYoungPersonAction(undefined, form({ displayName: ' ', username: 'Not valid!', email: 'nope' }))
    expect(state).toMatchObject({ ok: false, fieldErrors: { displayName: ['required'], username: ['invalidUsername'], email: ['invalidEmail'] } })
  })

  test.each([
    ['a young person', 'youthA', 'forbidden'],
    ['a recruiter', 'recruiterA', 'forbidden'],
    ['the admin', 'admin', 'forbidden'],
  ] as const)('refuses %s', async (_, who, expected) => {
    await signInAs(rt, w[who].id)
    const users = await count(rt, 'users')
    expect(await outcome(() => createYoungPersonAction(undefined, form({ displayName: 'Intrus' })))).toBe(expected)
    expect(await count(rt, 'users')).toBe(users)
  })

  test('sends a visitor to sign in', async () => {
    expect(await outcome(() => createYoungPersonAction(undefined, form({ displayName: 'Intrus' })))).toBe('redirect:/sign-in')
  })
})

describe('regenerateActivationLinkAction', () => {
  test('gives a new link for a young person of the organisation who has not activated; the old link stops working', async () => {
    await signInAs(rt, w.counsellorA.id)
    const first = await create({ displayName: 'Nour' })
    expect((await viewActivation(rt, tokenOf(first.url))).status).toBe('valid')
    await signInAs(rt, w.tutorA.id) // a colleague of the same organisation may do it too
    const state = await regenerateActivationLinkAction(undefined, form({ userId: first.userId }))
    if (!state?.ok) throw new Error('no new link')
    expect(state.handover.url).not.toBe(first.url)
    expect(await viewActivation(rt, tokenOf(first.url))).toEqual({ status: 'invalid' })
    expect(await viewActivation(rt, tokenOf(state.handover.url))).toEqual({ status: 'valid', firstName: 'Nour', username: 'nour' })
  })

  test('says so for an account already activated', async () => {
    await signInAs(rt, w.counsellorA.id)
    const state = await regenerateActivationLinkAction(undefined, form({ userId: w.youthA.id }))
    expect(state).toEqual({ ok: false, error: 'alreadyActive' })
  })

  test('answers not-found to a counsellor of another organisation, and changes nothing', async () => {
    await signInAs(rt, w.counsellorA.id)
    const h = await create({ displayName: 'Emma' })
    await signInAs(rt, w.counsellorB.id)
    expect(await outcome(() => regenerateActivationLinkAction(undefined, form({ userId: h.userId })))).toBe('not-found')
    expect(await outcome(() => regenerateActivationLinkAction(undefined, form({ userId: 'no-such-user' })))).toBe('not-found')
    expect((await viewActivation(rt, tokenOf(h.url))).status).toBe('valid')
  })

  test.each(['youthA', 'recruiterA', 'admin'] as const)('refuses %s', async (who) => {
    await signInAs(rt, w[who].id)
    expect(await outcome(() => regenerateActivationLinkAction(undefined, form({ userId: w.youthA.id })))).toBe('forbidden')
  })
})
