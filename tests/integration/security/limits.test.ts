import { isValidElement, type ReactElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { createFormatter, createTranslator } from 'next-intl'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest'
import { setRuntime } from '@/lib/runtime'
import { parseTrustProxy } from '@/lib/security/client-address'
import { LIMITS, type LimitName } from '@/lib/security/limits'
import { handleVerify } from '@/lib/vc-api/handlers'
import en from '@/messages/en'
import fr from '@/messages/fr'
import { createTestRuntime } from '../../factories/runtime'
import { cookieJar, outcome, requestHeaders } from '../../helpers/next-mocks'
import { form } from '../issuer/_world'

// Every per-address limit: after N hits the next one is refused — 429 with Retry-After on HTTP
// endpoints, plain words on pages and forms, never a crash — another address is not affected, and
// after the window the same address is allowed again. The clock is faked (Date only), never slept.

const MESSAGES = { en, fr } as const
let locale: 'en' | 'fr' = 'en'
vi.mock('next/headers', async () => (await import('../../helpers/next-mocks')).nextHeaders)
vi.mock('next/cache', async () => (await import('../../helpers/next-mocks')).nextCache)
// Outside Next there is no request scope for connection(); everything else is the real thing.
vi.mock('next/server', async (original) => ({ ...(await original<typeof import('next/server')>()), connection: async () => undefined }))
vi.mock('next-intl/server', () => ({
  getTranslations: async (namespace?: string) => createTranslator({ locale, messages: MESSAGES[locale], namespace: namespace as never }),
  getFormatter: async () => createFormatter({ locale, timeZone: 'Europe/Paris' }),
  getLocale: async () => locale,
}))

const { verifyAction } = await import('@/app/(public)/verify/actions')
const { default: SharedPortfolioPage } = await import('@/app/(public)/p/[token]/page')
const { GET: presentationGET } = await import('@/app/(public)/p/[token]/presentation/route')
const { default: ActivatePage } = await import('@/app/(auth)/activate/[token]/page')
const { default: JoinPage } = await import('@/app/(auth)/join/[token]/page')
const { activateAction } = await import('@/app/(auth)/activate/[token]/actions')
const { joinAction } = await import('@/app/(auth)/join/[token]/actions')
const { registerOrganisationAction } = await import('@/app/(auth)/register/actions')
const { TooManyTries } = await import('@/app/_components/too-many-tries')

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
beforeAll(async () => {
  rt = await createTestRuntime()
  setRuntime(rt)
})
afterAll(() => rt.cleanup())
beforeEach(() => {
  cookieJar.clear()
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date('2031-03-03T10:00:00Z'))
})
afterEach(() => {
  vi.useRealTimers()
  rt.env.trustProxy = parseTrustProxy(undefined)
})

let n = 0
const nextAddress = () => `198.51.100.${++n}`
/** As the server stamps it: the socket's address comes last (scripts/peer-address.cjs). */
const fromAddress = (ip: string) => requestHeaders.set('x-forwarded-for', ip)
const post = (path: string, ip: string) => new Request(`http://localhost${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': ip }, body: '{}' })
const TOKEN = 'A'.repeat(43) // well-formed, known to no one
const params = Promise.resolve({ token: TOKEN })
const PASSWORD = 'une phrase facile à retenir'

const http429 = (r: unknown) => r instanceof Response && r.status === 429
const page429 = (r: unknown) => isValidElement(r) && r.type === TooManyTries
const formLimited = (r: unknown) => (r as { error?: string } | undefined)?.error === 'tooManyAttempts'
/** What a page or action ended in: its interruption ('not-found', 'redirect:…'), or what it returned. */
const pageOutcome = async (render: () => Promise<unknown>) => {
  let element: unknown
  const what = await outcome(async () => { element = await render() })
  return what === 'returned' ? element : what
}

interface Case { name: string; limit: LimitName; hit: (ip: string) => Promise<unknown>; limited: (r: unknown) => boolean }
const CASES: Case[] = [
  { name: 'POST /credentials/verify', limit: 'verify', hit: (ip) => handleVerify(rt, post('/credentials/verify', ip), 'credential'), limited: http429 },
  { name: 'POST /presentations/verify', limit: 'verify', hit: (ip) => handleVerify(rt, post('/presentations/verify', ip), 'presentation'), limited: http429 },
  {
    name: 'the /verify page', limit: 'verify', limited: (r) => (r as { error?: string }).error === 'rateLimited',
    hit: (ip) => (fromAddress(ip), verifyAction({ status: 'idle' }, form({ input: '{}' }))),
  },
  { name: 'GET /p/<token>/presentation', limit: 'share-view', limited: http429, hit: (ip) => presentationGET(new Request(`http://localhost/p/${TOKEN}/presentation`, { headers: { 'x-forwarded-for': ip } }), { params }) },
  { name: 'the /p/<token> page', limit: 'share-view', limited: page429, hit: (ip) => (fromAddress(ip), pageOutcome(() => SharedPortfolioPage({ params }))) },
  { name: 'the /activate/<token> page', limit: 'link', limited: page429, hit: (ip) => (fromAddress(ip), pageOutcome(() => ActivatePage({ params }))) },
  { name: 'the /join/<token> page', limit: 'link', limited: page429, hit: (ip) => (fromAddress(ip), pageOutcome(() => JoinPage({ params }))) },
  { name: 'the activation form', limit: 'link', limited: formLimited, hit: (ip) => (fromAddress(ip), activateAction(undefined, form({ token: TOKEN, password: PASSWORD, confirm: PASSWORD }))) },
  {
    name: 'the invitation form', limit: 'link', limited: formLimited,
    hit: (ip) => (fromAddress(ip), joinAction(undefined, form({ token: TOKEN, displayName: 'Rita', username: `rita${++n}`, email: '', password: PASSWORD, confirm: PASSWORD }))),
  },
  {
    name: 'organisation registration', limit: 'register', limited: formLimited,
    hit: (ip) => {
      fromAddress(ip)
      const i = ++n
      // Allowed: the organisation is created and the person redirected; refused: a form state.
      return pageOutcome(() => registerOrganisationAction(undefined, form({
        organisationName: `Club ${i}`, slug: `club-${i}`, kind: 'training', region: '', displayName: 'Mehdi', username: `mehdi${i}`, email: `m${i}@club.example`, password: PASSWORD, confirm: PASSWORD,
      })))
    },
  },
]

describe.each(CASES)('$name', ({ limit, hit, limited }) => {
  test(`is refused past ${limit}'s limit for one address, not for another, and allowed again after the window`, async () => {
    const { max, windowMs } = LIMITS[limit]
    const ip = nextAddress()
    for (let i = 0; i < max; i++) expect(limited(await hit(ip)), `hit ${i + 1}`).toBe(false)
    expect(limited(await hit(ip))).toBe(true)
    expect(limited(await hit(nextAddress()))).toBe(false)
    vi.setSystemTime(Date.now() + windowMs)
    expect(limited(await hit(ip))).toBe(false)
  })
})

describe('what a limited client is told', () => {
  async function exhaust(limit: LimitName, hit: () => Promise<unknown>) {
    for (let i = 0; i < LIMITS[limit].max; i++) await hit()
  }

  test('HTTP: 429, Retry-After in seconds until the window ends, a JSON error with the code RATE_LIMITED', async () => {
    const ip = nextAddress()
    await exhaust('verify', () => handleVerify(rt, post('/credentials/verify', ip), 'credential'))
    vi.setSystemTime(Date.now() + 4 * 60 * 1000) // 4 of the 10 minutes have passed
    const res = await handleVerify(rt, post('/credentials/verify', ip), 'credential')
    expect(res.status).toBe(429)
    expect(res.headers.get('retry-after')).toBe('360')
    expect(await res.json()).toEqual({ error: { code: 'RATE_LIMITED', message: 'Too many tries. Wait 6 minute(s) and try again.', retryAfterSeconds: 360 } })
  })

  test('the /verify page: plain words with the minutes to wait, in both languages, and what was pasted is kept', async () => {
    const ip = nextAddress()
    fromAddress(ip)
    await exhaust('verify', () => verifyAction({ status: 'idle' }, form({ input: '{}' })))
    const state = await verifyAction({ status: 'idle' }, form({ input: '{"kept": true}' }))
    expect(state).toMatchObject({ status: 'error', error: 'rateLimited', retryAfterMinutes: 10, input: '{"kept": true}' })
    expect(createTranslator({ locale: 'en', messages: en, namespace: 'verify' })('errors.rateLimited', { minutes: 10 })).toBe('Too many checks from here. Wait 10 minutes and try again.')
    expect(createTranslator({ locale: 'fr', messages: fr, namespace: 'verify' })('errors.rateLimited', { minutes: 1 })).toBe('Trop de vérifications depuis ici. Attendez 1 minute, puis réessayez.')
  })

  test('a page: a plain card saying how long to wait, not an error page', async () => {
    const ip = nextAddress()
    fromAddress(ip)
    await exhaust('link', () => pageOutcome(() => ActivatePage({ params })))
    const element = (await ActivatePage({ params })) as ReactElement<{ minutes: number; youth?: boolean }>
    expect(element.props).toEqual({ minutes: 60, youth: true })
    for (const [lang, words] of [['en', 'Too many tries. Wait 60 minutes and try again.'], ['fr', 'Trop d’essais. Attends 60 minutes, puis réessaie.']] as const) {
      locale = lang
      const html = renderToStaticMarkup(await TooManyTries(element.props))
      expect(html).toContain(words)
      expect(html).toContain('<h1>')
    }
    locale = 'en'
  })
})

describe('client addresses behind the pages and endpoints', () => {
  const spoofed = (ip: string) => `10.${n % 250}.${++n % 250}.1, ${ip}`

  test('without TRUST_PROXY, forged X-Forwarded-For entries do not make a new client', async () => {
    const ip = nextAddress()
    for (let i = 0; i < LIMITS.verify.max; i++) await handleVerify(rt, post('/credentials/verify', spoofed(ip)), 'credential')
    expect((await handleVerify(rt, post('/credentials/verify', spoofed(ip)), 'credential')).status).toBe(429)
    fromAddress(spoofed(ip))
    expect(await verifyAction({ status: 'idle' }, form({ input: '{}' }))).toMatchObject({ error: 'rateLimited' })
  })

  test('with TRUST_PROXY naming the proxy, the address it appended is the client: each has its own counter', async () => {
    const proxy = nextAddress()
    rt.env.trustProxy = parseTrustProxy(proxy)
    const client = nextAddress()
    for (let i = 0; i < LIMITS.verify.max; i++) await handleVerify(rt, post('/credentials/verify', `6.6.6.${i % 250}, ${client}, ${proxy}`), 'credential')
    expect((await handleVerify(rt, post('/credentials/verify', `7.7.7.7, ${client}, ${proxy}`), 'credential')).status).toBe(429)
    expect((await handleVerify(rt, post('/credentials/verify', `${nextAddress()}, ${proxy}`), 'credential')).status).toBe(400)
  })
})
