import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createUser } from '@/lib/auth/service'
import { createSession, SESSION_TTL_MS } from '@/lib/auth/sessions'
import { enforceLimits, LIMITS, LONGEST_WINDOW_MS, PURGE_EVERY, purgeExpired } from '@/lib/security/limits'
import { createTestRuntime } from '../../factories/runtime'

// Expired counters and sessions are deleted; counters whose window still runs, and live sessions, stay.

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
let userId: string
const NOW = new Date('2031-03-03T10:00:00Z')
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString()
const MINUTE = 60_000

beforeAll(async () => {
  rt = await createTestRuntime()
  userId = (await createUser(rt, { role: 'youth', username: 'lina', displayName: 'Lina' })).id
})
afterAll(() => rt.cleanup())

async function keys() {
  return (await rt.db.selectFrom('rate_limits').select('key').orderBy('key').execute()).map((r) => r.key)
}

describe('purgeExpired', () => {
  test('removes each counter once its own limit’s window is over, and only those', async () => {
    await rt.db.insertInto('rate_limits').values([
      // verify: a 10-minute window
      { key: 'verify:198.51.100.1', window_start: ago(10 * MINUTE), count: 3 },
      { key: 'verify:198.51.100.2', window_start: ago(9 * MINUTE), count: 3 },
      // sign-in: 15 minutes
      { key: 'sign-in:account:x', window_start: ago(15 * MINUTE + 1), count: 1 },
      { key: 'sign-in:account:y', window_start: ago(14 * MINUTE), count: 1 },
      // contact requests: a day
      { key: 'contact-request:r1', window_start: ago(23 * 60 * MINUTE), count: 20 },
      // a key of no named limit: kept until the longest window is over
      { key: 'legacy:a', window_start: ago(LONGEST_WINDOW_MS - MINUTE), count: 1 },
      { key: 'legacy:b', window_start: ago(LONGEST_WINDOW_MS), count: 1 },
    ]).execute()
    const { counters } = await purgeExpired(rt, NOW)
    expect(counters).toBe(3)
    expect(await keys()).toEqual(['contact-request:r1', 'legacy:a', 'sign-in:account:y', 'verify:198.51.100.2'])
  })

  test('removes expired sessions and keeps live ones', async () => {
    await rt.db.deleteFrom('sessions').execute()
    await createSession(rt, userId, new Date(NOW.getTime() - SESSION_TTL_MS - 1000))
    await createSession(rt, userId, new Date(NOW.getTime() - SESSION_TTL_MS + 60_000))
    const { sessions } = await purgeExpired(rt, NOW)
    expect(sessions).toBe(1)
    const left = await rt.db.selectFrom('sessions').select('expires_at').execute()
    expect(left).toHaveLength(1)
    expect(new Date(left[0]!.expires_at).getTime()).toBeGreaterThan(NOW.getTime())
  })

  test('runs by itself every PURGE_EVERY counted requests', async () => {
    await rt.db.deleteFrom('rate_limits').execute()
    await rt.db.insertInto('rate_limits').values({ key: 'verify:old', window_start: ago(LIMITS.verify.windowMs), count: 1 }).execute()
    for (let i = 0; i < PURGE_EVERY; i++) await enforceLimits(rt, [['share-view', `p${i % 7}`]], NOW)
    expect(await keys()).not.toContain('verify:old')
  })
})
