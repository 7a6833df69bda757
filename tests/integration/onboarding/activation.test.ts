import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest'
import { authenticate } from '@/lib/auth/service'
import { findSessionUser, SESSION_COOKIE } from '@/lib/auth/sessions'
import { createYoungPerson, viewActivation } from '@/lib/onboarding/service'
import { setRuntime } from '@/lib/runtime'
import { createTestRuntime } from '../../factories/runtime'
import { cookieJar, outcome } from '../../helpers/next-mocks'
import { createTwoOrganisations, form, sessionUser, type World } from '../issuer/_world'

vi.mock('next/headers', async () => (await import('../../helpers/next-mocks')).nextHeaders)
vi.mock('next/cache', async () => (await import('../../helpers/next-mocks')).nextCache)

const { activateAction } = await import('@/app/(auth)/activate/[token]/actions')

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
let w: World
const DAY = 24 * 3600 * 1000

beforeAll(async () => {
  rt = await createTestRuntime()
  setRuntime(rt)
  w = await createTwoOrganisations(rt)
})
afterAll(() => rt.cleanup())
beforeEach(() => cookieJar.clear())

/** A new young person of organisation A and the token of their activation link (created at `now`). */
async function newYoungPerson(displayName: string, now = new Date()) {
  const counsellor = await sessionUser(rt, w.counsellorA.id)
  const created = await createYoungPerson(rt, counsellor, { displayName }, now)
  return { ...created.user, token: created.link.url.split('/').pop()! }
}

const activate = (token: string, password = 'ma phrase secrète', confirm = password) =>
  activateAction(undefined, form({ token, password, confirm }))

describe('activation', () => {
  test('the page shows only the first name and username of a usable link', async () => {
    const p = await newYoungPerson('Yasmine K.')
    expect(await viewActivation(rt, p.token)).toEqual({ status: 'valid', firstName: 'Yasmine', username: 'yasmine' })
  })

  test('choosing a password activates the account, consumes the link, signs the young person in and opens the wallet', async () => {
    const p = await newYoungPerson('Adam')
    expect(await outcome(() => activate(p.token))).toBe('redirect:/wallet')
    const user = await rt.db.selectFrom('users').selectAll().where('id', '=', p.id).executeTakeFirstOrThrow()
    expect(user.activated_at).not.toBeNull()
    expect((await authenticate(rt, 'adam', 'ma phrase secrète')).id).toBe(p.id)
    expect((await findSessionUser(rt, cookieJar.get(SESSION_COOKIE)))?.id).toBe(p.id)
    const link = await rt.db.selectFrom('account_links').select('used_at').where('user_id', '=', p.id).executeTakeFirstOrThrow()
    expect(link.used_at).not.toBeNull()
  })

  test('a link works once: the second use is refused and changes nothing', async () => {
    const p = await newYoungPerson('Lina')
    expect(await outcome(() => activate(p.token))).toBe('redirect:/wallet')
    cookieJar.clear()
    expect(await activate(p.token, 'un autre mot de passe')).toEqual({ ok: false, error: 'linkInvalid' })
    expect(cookieJar.has(SESSION_COOKIE)).toBe(false)
    expect((await authenticate(rt, 'lina', 'ma phrase secrète')).id).toBe(p.id)
    expect(await viewActivation(rt, p.token)).toEqual({ status: 'invalid' })
  })

  test('two requests racing with the same link: exactly one activates', async () => {
    const { activateAccount } = await import('@/lib/onboarding/service')
    const p = await newYoungPerson('Hugo')
    const results = await Promise.allSettled([
      activateAccount(rt, { token: p.token, password: 'premier mot de passe' }),
      activateAccount(rt, { token: p.token, password: 'second mot de passe' }),
    ])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(['NOT_FOUND'])
  })

  test('an expired link (older than 7 days) is refused', async () => {
    const p = await newYoungPerson('Omar', new Date(Date.now() - 7 * DAY - 60_000))
    expect(await viewActivation(rt, p.token)).toEqual({ status: 'invalid' })
    expect(await activate(p.token)).toEqual({ ok: false, error: 'linkInvalid' })
    const user = await rt.db.selectFrom('users').select(['password_hash', 'activated_at']).where('id', '=', p.id).executeTakeFirstOrThrow()
    expect(user).toEqual({ password_hash: null, activated_at: null })
  })

  test('a link still works just before its 7 days are over', async () => {
    const p = await newYoungPerson('Jade', new Date(Date.now() - 7 * DAY + 60_000))
    expect(await outcome(() => activate(p.token))).toBe('redirect:/wallet')
  })

  test.each([
    ['an unknown token', randomBytes(32).toString('base64url')],
    ['a malformed token', 'not-a-token'],
    ['an empty token', ''],
  ])('%s is refused the same way', async (_, token) => {
    expect(await viewActivation(rt, token)).toEqual({ status: 'invalid' })
    expect(await activate(token)).toMatchObject({ ok: false })
    expect(cookieJar.has(SESSION_COOKIE)).toBe(false)
  })

  test('an invitation link is not an activation link', async () => {
    const { createInvitation } = await import('@/lib/onboarding/service')
    const link = await createInvitation(rt, await sessionUser(rt, w.counsellorA.id), { role: 'recruiter' })
    const token = link.url.split('/').pop()!
    expect(await viewActivation(rt, token)).toEqual({ status: 'invalid' })
    expect(await activate(token)).toEqual({ ok: false, error: 'linkInvalid' })
  })

  test('a password too short, or two different passwords, are refused field by field and the link stays usable', async () => {
    const p = await newYoungPerson('Chloé')
    expect(await activate(p.token, 'court', 'court')).toEqual({ ok: false, fieldErrors: { password: ['password_too_short'] } })
    expect(await activate(p.token, 'une longue phrase', 'une autre phrase')).toEqual({ ok: false, fieldErrors: { confirm: ['passwordsDiffer'] } })
    expect((await viewActivation(rt, p.token)).status).toBe('valid')
  })
})

describe('referrer policy', () => {
  test('activation and invitation pages send Referrer-Policy: no-referrer (their URL carries a secret)', async () => {
    const { default: config } = await import('@/next.config')
    const rules = await config.headers!()
    for (const path of ['/activate/:path*', '/join/:path*']) {
      const rule = rules.find((r) => r.source === path)
      expect(rule?.headers).toContainEqual({ key: 'Referrer-Policy', value: 'no-referrer' })
    }
  })
})
