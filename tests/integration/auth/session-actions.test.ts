import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest'
import { createUser } from '@/lib/auth/service'
import { findSessionUser, SESSION_COOKIE, SESSION_TTL_MS, createSession } from '@/lib/auth/sessions'
import { LOCALE_COOKIE } from '@/lib/i18n/config'
import { setRuntime } from '@/lib/runtime'
import { createTestRuntime } from '../../factories/runtime'
import { cookieJar, outcome, signInAs } from '../../helpers/next-mocks'

vi.mock('next/headers', async () => (await import('../../helpers/next-mocks')).nextHeaders)
vi.mock('next/cache', async () => (await import('../../helpers/next-mocks')).nextCache)

const { signInAction, signOutAction, setLocaleAction } = await import('@/app/_actions/session')
const { requireRole } = await import('@/lib/auth/guards')

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
let youthId: string

const form = (fields: Record<string, string>) => {
  const f = new FormData()
  for (const [k, v] of Object.entries(fields)) f.set(k, v)
  return f
}

beforeAll(async () => {
  rt = await createTestRuntime()
  setRuntime(rt)
  youthId = (await createUser(rt, { role: 'youth', username: 'samira', displayName: 'Samira', email: 'Samira@Example.org', password: 'correct horse battery', locale: 'en' })).id
})
afterAll(() => rt.cleanup())
beforeEach(() => cookieJar.clear())

describe('signInAction', () => {
  test.each(['samira', 'SAMIRA', 'samira@example.org'])('signs in with %s, sets an httpOnly session and the account language, and lands on the wallet', async (identifier) => {
    expect(await outcome(() => signInAction(undefined, form({ identifier, password: 'correct horse battery' })))).toBe('redirect:/wallet')
    const token = cookieJar.get(SESSION_COOKIE)
    expect(token).toMatch(/^[\w-]{43}$/)
    expect((await findSessionUser(rt, token))?.id).toBe(youthId)
    expect(cookieJar.get(LOCALE_COOKIE)).toBe('en')
    const stored = await rt.db.selectFrom('sessions').select('token_hash').execute()
    expect(stored.some((s) => s.token_hash === token)).toBe(false)
  })

  test.each([
    ['a wrong password', { identifier: 'samira', password: 'wrong password!' }, 'invalid'],
    ['an unknown account', { identifier: 'nobody', password: 'correct horse battery' }, 'invalid'],
    ['an empty form', { identifier: '', password: '' }, 'required'],
  ])('refuses %s without saying which part was wrong, and sets no cookie', async (_, fields, error) => {
    const state = await signInAction(undefined, form(fields))
    expect(state).toEqual({ ok: false, error, identifier: fields.identifier })
    expect(cookieJar.has(SESSION_COOKIE)).toBe(false)
  })
})

describe('sign-in attempts', () => {
  test('are limited per account: the 11th wrong password in 15 minutes is refused even before checking', async () => {
    await createUser(rt, { role: 'recruiter', username: 'target', displayName: 'T', password: 'the real password' })
    for (let i = 0; i < 10; i++) {
      expect(await signInAction(undefined, form({ identifier: 'target', password: `guess ${i}` }))).toMatchObject({ error: 'invalid' })
    }
    expect(await signInAction(undefined, form({ identifier: 'TARGET', password: 'the real password' }))).toMatchObject({ error: 'tooManyAttempts' })
    expect(cookieJar.has(SESSION_COOKIE)).toBe(false)
  })

  test('a successful sign-in clears the count', async () => {
    const { id } = await createUser(rt, { role: 'recruiter', username: 'forgetful', displayName: 'F', password: 'the real password' })
    for (let i = 0; i < 9; i++) await signInAction(undefined, form({ identifier: 'forgetful', password: `guess ${i}` }))
    const key = `sign-in:account:${id}`
    expect((await rt.db.selectFrom('rate_limits').select('count').where('key', '=', key).executeTakeFirst())?.count).toBe(9)
    expect(await outcome(() => signInAction(undefined, form({ identifier: 'forgetful', password: 'the real password' })))).toBe('redirect:/directory')
    const left = await rt.db.selectFrom('rate_limits').selectAll().where('key', '=', key).executeTakeFirst()
    expect(left).toBeUndefined()
  })
})

describe('sessions', () => {
  test('an expired session signs no one in and is deleted', async () => {
    const past = new Date(Date.now() - SESSION_TTL_MS - 1000)
    const { token } = await createSession(rt, youthId, past)
    expect(await findSessionUser(rt, token)).toBeUndefined()
    expect(await findSessionUser(rt, token, past)).toBeUndefined()
  })

  test('signing out deletes the session and the cookie', async () => {
    const token = await signInAs(rt, youthId)
    expect(await outcome(() => signOutAction())).toBe('redirect:/')
    expect(cookieJar.has(SESSION_COOKIE)).toBe(false)
    expect(await findSessionUser(rt, token)).toBeUndefined()
  })
})

describe('guards', () => {
  test('requireRole sends a visitor to sign-in and answers 403 to the wrong role', async () => {
    expect(await outcome(() => requireRole('youth'))).toBe('redirect:/sign-in')
    await signInAs(rt, youthId)
    expect(await outcome(() => requireRole('counsellor', 'tutor'))).toBe('forbidden')
    expect((await requireRole('youth')).id).toBe(youthId)
  })
})

describe('setLocaleAction', () => {
  test('remembers the language on the account of a signed-in user', async () => {
    await signInAs(rt, youthId)
    expect(await outcome(() => setLocaleAction(form({ locale: 'fr', back: '/wallet' })))).toBe('redirect:/wallet')
    expect(cookieJar.get(LOCALE_COOKIE)).toBe('fr')
    const user = await rt.db.selectFrom('users').select('locale').where('id', '=', youthId).executeTakeFirstOrThrow()
    expect(user.locale).toBe('fr')
  })

  test('ignores an unknown language and never redirects off-site', async () => {
    expect(await outcome(() => setLocaleAction(form({ locale: 'de' })))).toBe('returned')
    expect(await outcome(() => setLocaleAction(form({ locale: 'en', back: '//evil.example' })))).toBe('redirect:/')
  })
})
