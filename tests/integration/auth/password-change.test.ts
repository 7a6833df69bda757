import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest'
import { createUser } from '@/lib/auth/service'
import { setAccountPassword } from '@/lib/auth/password-change'
import { createSession, findSessionUser, SESSION_COOKIE } from '@/lib/auth/sessions'
import { signIn } from '@/lib/auth/sign-in'
import { AppError } from '@/lib/errors'
import { setRuntime } from '@/lib/runtime'
import { createTestRuntime } from '../../factories/runtime'
import { cookieJar, outcome, signInAs, signOut } from '../../helpers/next-mocks'

vi.mock('next/headers', async () => (await import('../../helpers/next-mocks')).nextHeaders)
vi.mock('next/cache', async () => (await import('../../helpers/next-mocks')).nextCache)

const { changePasswordAction } = await import('@/app/account/password/actions')
const { setAccountPasswordAction } = await import('@/app/(admin)/admin/accounts/actions')

// Passwords of existing accounts (decision 033), through the server actions a browser calls, on a
// real database with real sessions and real scrypt.
type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
let adminId: string

const form = (fields: Record<string, string>) => {
  const f = new FormData()
  for (const [k, v] of Object.entries(fields)) f.set(k, v)
  return f
}
const change = (currentPassword: string, newPassword: string, confirm = newPassword) =>
  changePasswordAction(undefined, form({ currentPassword, newPassword, confirm }))
const signsIn = (identifier: string, password: string) =>
  signIn(rt, { identifier, password, address: `test:${Math.random()}` }).then(() => true, (e: AppError) => e.code)
let n = 0
const person = async (role: 'youth' | 'counsellor' | 'recruiter' | 'admin' = 'youth', password = 'the old password') => {
  const username = `${role}${++n}`
  const { id } = await createUser(rt, { role, username, displayName: `${role} ${n}`, email: `${username}@example.org`, password })
  return { id, username }
}

beforeAll(async () => {
  rt = await createTestRuntime()
  setRuntime(rt)
  adminId = (await createUser(rt, { role: 'admin', username: 'root', displayName: 'Admin', password: 'admin password 1' })).id
})
afterAll(() => rt.cleanup())
beforeEach(() => cookieJar.clear())

describe('changePasswordAction (own password)', () => {
  test('changes it, signs the account out everywhere else, and renews this browser’s session', async () => {
    const p = await person()
    const other = (await createSession(rt, p.id)).token
    const mine = await signInAs(rt, p.id)
    expect(await change('the old password', 'a brand new password')).toEqual({ ok: true })
    const renewed = cookieJar.get(SESSION_COOKIE)
    expect(renewed).toMatch(/^[\w-]{43}$/)
    expect(renewed).not.toBe(mine)
    expect((await findSessionUser(rt, renewed))?.id).toBe(p.id)
    expect(await findSessionUser(rt, mine)).toBeUndefined()
    expect(await findSessionUser(rt, other)).toBeUndefined()
    expect(await signsIn(p.username, 'a brand new password')).toBe(true)
    expect(await signsIn(p.username, 'the old password')).toBe('UNAUTHORIZED')
  })

  test.each(['counsellor', 'recruiter', 'admin'] as const)('a %s changes their own too', async (role) => {
    const p = await person(role)
    await signInAs(rt, p.id)
    expect(await change('the old password', 'another good password')).toEqual({ ok: true })
    expect(await signsIn(`${p.username}@example.org`, 'another good password')).toBe(true)
  })

  test('a wrong current password changes nothing and ends no session', async () => {
    const p = await person()
    const other = (await createSession(rt, p.id)).token
    const mine = await signInAs(rt, p.id)
    expect(await change('not the password', 'a brand new password')).toEqual({ ok: false, fieldErrors: { currentPassword: ['wrongPassword'] } })
    expect(cookieJar.get(SESSION_COOKIE)).toBe(mine)
    expect((await findSessionUser(rt, other))?.id).toBe(p.id)
    expect(await signsIn(p.username, 'the old password')).toBe(true)
  })

  test.each([
    ['too short', ['the old password', 'short', 'short'], { newPassword: ['password_too_short'] }],
    ['too long', ['the old password', 'x'.repeat(201), 'x'.repeat(201)], { newPassword: ['password_too_long'] }],
    ['not confirmed', ['the old password', 'a brand new password', 'a brand new passwort'], { confirm: ['passwordsDiffer'] }],
    ['the same as before', ['the old password', 'the old password', 'the old password'], { newPassword: ['samePassword'] }],
    ['without the current one', ['', 'a brand new password', 'a brand new password'], { currentPassword: ['required'] }],
  ])('a new password %s is refused with the field to fix', async (_, [current, next, confirm], fieldErrors) => {
    const p = await person()
    await signInAs(rt, p.id)
    expect(await change(current!, next!, confirm)).toEqual({ ok: false, fieldErrors })
    expect(await signsIn(p.username, 'the old password')).toBe(true)
  })

  test('current-password guesses count with sign-in’s: after 10 wrong ones, even the right one waits', async () => {
    const p = await person()
    await signInAs(rt, p.id)
    for (let i = 0; i < 4; i++) expect(await signsIn(p.username, `sign-in guess ${i}`)).toBe('UNAUTHORIZED')
    for (let i = 0; i < 6; i++) expect(await change(`guess ${i}`, 'a brand new password')).toMatchObject({ fieldErrors: { currentPassword: ['wrongPassword'] } })
    const refused = await change('the old password', 'a brand new password')
    expect(refused).toEqual({ ok: false, fieldErrors: { form: ['tooManyAttempts'] }, retryAfterMinutes: expect.any(Number) })
    expect(await signsIn(p.username, 'the old password')).toBe('RATE_LIMITED')
  })

  test('a visitor is sent to sign in', async () => {
    signOut()
    expect(await outcome(() => change('the old password', 'a brand new password'))).toBe('redirect:/sign-in')
  })
})

describe('setAccountPasswordAction (the admin, another account)', () => {
  test('generates a password shown once; the account’s sessions end and it signs in with it', async () => {
    const p = await person('counsellor')
    const theirs = (await createSession(rt, p.id)).token
    await signInAs(rt, adminId)
    const state = await setAccountPasswordAction(undefined, form({ account: p.username.toUpperCase(), password: '' }))
    expect(state).toEqual({ ok: true, set: { username: p.username, displayName: `counsellor ${n}`, password: expect.stringMatching(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/), generated: true } })
    const password = state?.ok ? state.set.password : ''
    expect(await findSessionUser(rt, theirs)).toBeUndefined()
    expect(await signsIn(p.username, password)).toBe(true)
    expect(await signsIn(p.username, 'the old password')).toBe('UNAUTHORIZED')
    const stored = await rt.db.selectFrom('users').select('password_hash').where('id', '=', p.id).executeTakeFirstOrThrow()
    expect(stored.password_hash).not.toContain(password)
  })

  test('takes a typed password (by e-mail), and lets a person locked out by their own tries in at once', async () => {
    const p = await person()
    for (let i = 0; i < 10; i++) await signsIn(p.username, `guess ${i}`)
    expect(await signsIn(p.username, 'the old password')).toBe('RATE_LIMITED')
    await signInAs(rt, adminId)
    const state = await setAccountPasswordAction(undefined, form({ account: `${p.username}@example.org`, password: 'temporary password 7' }))
    expect(state).toMatchObject({ ok: true, set: { username: p.username, password: 'temporary password 7', generated: false } })
    expect(await signsIn(p.username, 'temporary password 7')).toBe(true)
  })

  test('an account never activated becomes usable with the password set', async () => {
    const { id, username } = await createUser(rt, { role: 'youth', username: 'waiting', displayName: 'Waiting' })
    await signInAs(rt, adminId)
    expect(await setAccountPasswordAction(undefined, form({ account: username, password: 'temporary password 8' }))).toMatchObject({ ok: true })
    expect((await rt.db.selectFrom('users').select('activated_at').where('id', '=', id).executeTakeFirstOrThrow()).activated_at).toEqual(expect.any(String))
    expect(await signsIn(username, 'temporary password 8')).toBe(true)
  })

  test.each([
    ['an unknown account', { account: 'nobody', password: '' }, { account: ['unknownAccount'] }],
    ['the admin’s own account', { account: 'root', password: '' }, { account: ['ownAccount'] }],
    ['a typed password too short', { account: 'root', password: 'short' }, { password: ['password_too_short'] }],
    ['no account', { account: ' ', password: '' }, { account: ['required'] }],
  ])('refuses %s and keeps what was typed in the account field', async (_, fields, fieldErrors) => {
    await signInAs(rt, adminId)
    expect(await setAccountPasswordAction(undefined, form(fields))).toEqual({ ok: false, fieldErrors, values: { account: fields.account } })
    expect(await signsIn('root', 'admin password 1')).toBe(true)
  })

  test('is the admin’s alone: another role gets 403 and nothing changes', async () => {
    const p = await person()
    const counsellor = await person('counsellor')
    await signInAs(rt, counsellor.id)
    expect(await outcome(() => setAccountPasswordAction(undefined, form({ account: p.username, password: 'temporary password 9' })))).toBe('forbidden')
    await expect(setAccountPassword(rt, { id: counsellor.id, role: 'counsellor' }, { account: p.username, password: 'temporary password 9' })).rejects.toMatchObject({ code: 'FORBIDDEN' })
    expect(await signsIn(p.username, 'the old password')).toBe(true)
  })
})
