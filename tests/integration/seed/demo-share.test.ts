import { afterAll, beforeAll, expect, test } from 'vitest'
import { listShares, revokeShare } from '@/lib/portfolio/service'
import { viewSharedPortfolio } from '@/lib/portfolio/view'
import { DEMO_SHARE_ID, demoShareLink, seedDemoWorld } from '@/lib/seed/demo'
import { listWalletCards } from '@/lib/wallet/service'
import { createTestRuntime, TEST_PUBLIC_URL } from '../../factories/runtime'

// Issue 12 §2: the demo world comes with a recruiter's link to Samira's portfolio, which
// `npm start` prints (scripts/start.ts) at every start while it works.

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
let samira: { id: string; role: 'youth' }
const seededAt = new Date()
beforeAll(async () => {
  rt = await createTestRuntime()
  expect(await demoShareLink(rt)).toBeNull() // nothing seeded yet
  expect(await seedDemoWorld(rt)).toBe(true)
  const row = await rt.db.selectFrom('users').select('id').where('username', '=', 'samira').executeTakeFirstOrThrow()
  samira = { id: row.id, role: 'youth' }
})
afterAll(() => rt.cleanup())

test('seeding makes one active share of all of Samira’s badges, lasting about a year from seeding', async () => {
  const shares = await listShares(rt, samira)
  expect(shares).toHaveLength(1)
  const { visible } = await listWalletCards(rt, samira)
  expect(visible.length).toBeGreaterThanOrEqual(3)
  expect(shares[0]).toMatchObject({ id: DEMO_SHARE_ID, status: 'active', canShowAgain: true, credentialCount: visible.length })
  const days = (new Date(shares[0]!.expiresAt).getTime() - seededAt.getTime()) / 86400e3
  expect(days).toBeGreaterThan(364)
  expect(days).toBeLessThan(366)
})

test('the printed link is on the server’s own origin and opens Samira’s verified portfolio', async () => {
  const link = await demoShareLink(rt)
  expect(link?.url).toMatch(new RegExp(`^${TEST_PUBLIC_URL}/p/[A-Za-z0-9_-]{43}$`))
  // The same link at every start: it is the kept one, not a new one.
  expect((await demoShareLink(rt))?.url).toBe(link!.url)
  const view = await viewSharedPortfolio(rt, link!.url.split('/p/')[1]!)
  if (view.state !== 'active') throw new Error(`demo share is ${view.state}`)
  expect(view.holderName).toBe('Samira B.')
  expect(view.result.verified).toBe(true)
  expect(view.cards.length).toBeGreaterThanOrEqual(3)
})

test('once Samira stops it (or it ends), no link is printed', async () => {
  const later = new Date(seededAt.getTime() + 367 * 86400e3)
  expect(await demoShareLink(rt, later)).toBeNull()
  await revokeShare(rt, samira, DEMO_SHARE_ID)
  expect(await demoShareLink(rt)).toBeNull()
})
