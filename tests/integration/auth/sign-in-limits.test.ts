import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest'
import { HASH_CONCURRENCY, HASH_QUEUE, verifyPassword } from '@/lib/auth/password'
import { createUser } from '@/lib/auth/service'
import { SESSION_COOKIE } from '@/lib/auth/sessions'
import { signIn } from '@/lib/auth/sign-in'
import { setRuntime } from '@/lib/runtime'
import { LIMITS } from '@/lib/security/limits'
import { createTestRuntime } from '../../factories/runtime'
import { cookieJar, outcome, requestHeaders } from '../../helpers/next-mocks'

vi.mock('next/headers', async () => (await import('../../helpers/next-mocks')).nextHeaders)
vi.mock('next/cache', async () => (await import('../../helpers/next-mocks')).nextCache)

const { signInAction } = await import('@/app/_actions/session')

// Sign-in is counted per account (whatever identifier names it) and per client address, BEFORE
// any password hashing; hashing itself is bounded process-wide. The clock is faked (Date only).

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
let samiraId: string
const PASSWORD = 'correct horse battery'

beforeAll(async () => {
  rt = await createTestRuntime()
  setRuntime(rt)
  samiraId = (await createUser(rt, { role: 'youth', username: 'samira', displayName: 'Samira', email: 'Samira@Example.org', password: PASSWORD })).id
})
afterAll(() => rt.cleanup())
beforeEach(async () => {
  cookieJar.clear()
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date('2031-03-03T10:00:00Z'))
  await rt.db.deleteFrom('rate_limits').execute()
})
afterEach(() => vi.useRealTimers())

let n = 0
const nextAddress = () => `203.0.113.${++n}`
/** A password check that counts its calls: the scrypt a request would cost. */
function countingVerify(check: (password: string, stored: string) => Promise<boolean> = verifyPassword) {
  const calls = { count: 0 }
  const verify = (password: string, stored: string) => {
    calls.count++
    return check(password, stored)
  }
  return { calls, verify }
}
/** A wrong-password check without the cost of scrypt, where only the counting is under test. */
const wrong = async () => false
const form = (fields: Record<string, string>) => {
  const f = new FormData()
  for (const [k, v] of Object.entries(fields)) f.set(k, v)
  return f
}

describe('the account counter', () => {
  test('is one per account whatever identifier is typed: username, e-mail, any case, spaces', async () => {
    const typed = ['samira', 'SAMIRA', 'samira@example.org', ' Samira@Example.ORG ', 'Samira']
    for (let i = 0; i < LIMITS['sign-in'].max; i++) {
      // A new address each time: only the account counter can stop the 11th.
      await expect(signIn(rt, { identifier: typed[i % typed.length]!, password: `guess ${i}`, address: nextAddress(), verify: wrong })).rejects.toMatchObject({ code: 'UNAUTHORIZED' })
    }
    await expect(signIn(rt, { identifier: 'samira@example.org', password: PASSWORD, address: nextAddress() })).rejects.toMatchObject({ code: 'RATE_LIMITED' })
    const rows = await rt.db.selectFrom('rate_limits').select(['key', 'count']).where('key', 'like', 'sign-in:%').execute()
    expect(rows).toEqual([{ key: `sign-in:account:${samiraId}`, count: LIMITS['sign-in'].max + 1 }])
  })

  test('an unknown identifier has its own counter (normalised, and not kept in clear)', async () => {
    for (let i = 0; i < LIMITS['sign-in'].max; i++) {
      await expect(signIn(rt, { identifier: i % 2 ? 'Nobody ' : 'nobody', password: 'x', address: nextAddress(), verify: wrong })).rejects.toMatchObject({ code: 'UNAUTHORIZED' })
    }
    await expect(signIn(rt, { identifier: 'NOBODY', password: 'x', address: nextAddress() })).rejects.toMatchObject({ code: 'RATE_LIMITED' })
    await expect(signIn(rt, { identifier: 'somebody-else', password: 'x', address: nextAddress(), verify: wrong })).rejects.toMatchObject({ code: 'UNAUTHORIZED' })
    const keys = (await rt.db.selectFrom('rate_limits').select('key').where('key', 'like', 'sign-in:%').execute()).map((r) => r.key)
    expect(keys).toHaveLength(2)
    expect(keys.join(' ')).not.toMatch(/body/)
  })

  test('allows again after its window; a success clears it', async () => {
    for (let i = 0; i <= LIMITS['sign-in'].max; i++) await signIn(rt, { identifier: 'samira', password: 'wrong', address: nextAddress(), verify: wrong }).catch(() => undefined)
    await expect(signIn(rt, { identifier: 'samira', password: PASSWORD, address: nextAddress() })).rejects.toMatchObject({ code: 'RATE_LIMITED' })
    vi.setSystemTime(Date.now() + LIMITS['sign-in'].windowMs)
    expect((await signIn(rt, { identifier: 'samira', password: PASSWORD, address: nextAddress() })).id).toBe(samiraId)
    expect(await rt.db.selectFrom('rate_limits').select('key').where('key', '=', `sign-in:account:${samiraId}`).executeTakeFirst()).toBeUndefined()
  })
})

describe('the address counter', () => {
  test('stops one address trying many accounts, not another address', async () => {
    const address = nextAddress()
    for (let i = 0; i < LIMITS['sign-in-address'].max; i++) {
      await expect(signIn(rt, { identifier: `random-${i}`, password: 'x', address, verify: wrong })).rejects.toMatchObject({ code: 'UNAUTHORIZED' })
    }
    await expect(signIn(rt, { identifier: 'samira', password: PASSWORD, address })).rejects.toMatchObject({ code: 'RATE_LIMITED' })
    expect((await signIn(rt, { identifier: 'samira', password: PASSWORD, address: nextAddress() })).id).toBe(samiraId)
    vi.setSystemTime(Date.now() + LIMITS['sign-in-address'].windowMs)
    expect((await signIn(rt, { identifier: 'samira', password: PASSWORD, address })).id).toBe(samiraId)
  })
})

describe('hashing', () => {
  test('a limited client triggers no password check at all', async () => {
    const address = nextAddress()
    const { calls, verify } = countingVerify(wrong)
    for (let i = 0; i < LIMITS['sign-in-address'].max; i++) await signIn(rt, { identifier: `r${i}`, password: 'x', address, verify }).catch(() => undefined)
    expect(calls.count).toBe(LIMITS['sign-in-address'].max)
    for (let i = 0; i < 20; i++) {
      await expect(signIn(rt, { identifier: i % 2 ? 'samira' : `other-${i}`, password: PASSWORD, address, verify })).rejects.toMatchObject({ code: 'RATE_LIMITED' })
    }
    expect(calls.count).toBe(LIMITS['sign-in-address'].max)
  })

  test('many sign-ins at once: a few hash, a short queue waits, the rest are told BUSY at once', async () => {
    const attempts = 3 * (HASH_CONCURRENCY + HASH_QUEUE)
    // The first attempt computes the decoy hash; then the burst, each from its own address.
    await signIn(rt, { identifier: 'warm-up', password: 'x', address: nextAddress() }).catch(() => undefined)
    const settled = await Promise.allSettled(Array.from({ length: attempts }, (_, i) => signIn(rt, { identifier: `crowd-${i}`, password: 'x', address: nextAddress() })))
    const codes = settled.map((s) => (s.status === 'rejected' ? (s.reason as { code?: string }).code : 'SIGNED_IN'))
    expect(codes.every((c) => c === 'BUSY' || c === 'UNAUTHORIZED')).toBe(true)
    expect(codes.filter((c) => c === 'BUSY').length).toBeGreaterThanOrEqual(attempts - 2 * (HASH_CONCURRENCY + HASH_QUEUE))
  })
})

describe('signInAction', () => {
  test('says how many minutes to wait, and counts the socket address, not a forged X-Forwarded-For', async () => {
    const address = nextAddress()
    // All but the last two tries without scrypt's cost; those two through the form, each with
    // another forged entry left of the socket's address.
    for (let i = 0; i < LIMITS['sign-in-address'].max - 2; i++) await signIn(rt, { identifier: `s-${i}`, password: 'x', address, verify: wrong }).catch(() => undefined)
    for (let i = 0; i < 2; i++) {
      requestHeaders.set('x-forwarded-for', `10.0.${i}.1, ${address}`)
      expect(await signInAction(undefined, form({ identifier: `stranger-${i}`, password: 'whatever' }))).toMatchObject({ error: 'invalid' })
    }
    requestHeaders.set('x-forwarded-for', `10.9.9.9, ${address}`)
    vi.setSystemTime(Date.now() + 60 * 1000)
    expect(await signInAction(undefined, form({ identifier: 'samira', password: PASSWORD }))).toEqual({ ok: false, error: 'tooManyAttempts', identifier: 'samira', retryAfterMinutes: 14 })
    expect(cookieJar.has(SESSION_COOKIE)).toBe(false)
    requestHeaders.set('x-forwarded-for', nextAddress())
    expect(await outcome(() => signInAction(undefined, form({ identifier: 'samira', password: PASSWORD })))).toBe('redirect:/wallet')
  })
})
