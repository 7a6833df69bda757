import { afterAll, describe, expect, test } from 'vitest'
import { processVerificationCache } from '@/lib/credentials/canonical/cache'
import { contentHash } from '@/lib/credentials/canonical/dataset'
import { createPresentation } from '@/lib/credentials/present'
import { getCheck } from '@/lib/credentials/verify/result'
import { issueForOrganisation } from '@/lib/issuing/service'
import { createVerificationPool } from '@/lib/verification/pool'
import { proveAhead, setVerificationPool, verifyOnInstance } from '@/lib/verification/service'
import { createTestRuntime, TEST_PUBLIC_URL } from '../../factories/runtime'
import { createWorld } from '../../factories/world'

// Decision 022: a presentation's unseen credentials are proved on idle workers, in parallel, and the
// presentation is then verified against the warm cache — with the verdict in-process verification
// gives. The recruiter's view proves its credentials in the pool before signing (proveAhead).

const rt = await createTestRuntime()
const world = await createWorld(rt)
const pool = createVerificationPool({ workers: 2 })
const before = setVerificationPool(pool)
afterAll(async () => {
  setVerificationPool(before)
  await pool.destroy()
  await rt.cleanup()
})

const pooled = { ...rt, env: { ...rt.env, verifyWorkers: 2 } }
const now = world.now
const cache = processVerificationCache()
const claims = (name: string) => ({ skill: { name }, level: 'practising', criteria: `A montré « ${name} » pendant le stage.` })
const issueThree = () => Promise.all(['Accueillir', 'Ranger le stock', 'Encaisser'].map(async (name) => (await issueForOrganisation(rt, { organisation: world.org, templateId: 'skill-badge', subjectDid: world.alice.did, claims: claims(name), now })).credential as Record<string, unknown>))
const present = async (credentials: Record<string, unknown>[], challenge: string) => (await createPresentation({ agent: rt.agent, holderDid: world.alice.did, credentials, challenge, domain: TEST_PUBLIC_URL, now })).presentation

describe('proving ahead in the pool', () => {
  test('a presentation of unseen credentials: each proved (its verdict kept), then verified as in-process', async () => {
    cache.clear()
    const credentials = await issueThree()
    const vp = await present(credentials, 'one')
    expect(credentials.some((c) => cache.hasProven(contentHash(c)))).toBe(false)
    const inPool = await verifyOnInstance(pooled, { input: vp, challenge: 'one', domain: TEST_PUBLIC_URL, now })
    expect(credentials.every((c) => cache.hasProven(contentHash(c)))).toBe(true)
    cache.clear()
    const inline = await verifyOnInstance(rt, { input: vp, challenge: 'one', domain: TEST_PUBLIC_URL, now })
    expect(inPool).toEqual(inline)
    expect(inPool.verified).toBe(true)
    expect(inPool.credentials?.map((c) => getCheck(c, 'status')?.code)).toEqual(['STATUS_VALID', 'STATUS_VALID', 'STATUS_VALID'])
  })

  test('proveAhead fills the cache from the pool; a tampered credential is not kept', async () => {
    cache.clear()
    const [a, b, c] = await issueThree()
    const tampered = structuredClone(c!)
    ;(tampered.credentialSubject as { achievement: { name: string } }).achievement.name = 'Piloter un avion'
    await proveAhead(pooled, [a!, b!, tampered])
    expect([a, b].map((x) => cache.hasProven(contentHash(x)))).toEqual([true, true])
    expect(cache.hasProven(contentHash(tampered))).toBe(false)
    expect(typeof cache.dataset(contentHash(a))).toBe('string')
  })

  test('without a pool (VERIFY_WORKERS=0), proveAhead leaves it to the verification itself', async () => {
    cache.clear()
    const [a] = await issueThree()
    await proveAhead(rt, [a!])
    expect(cache.hasProven(contentHash(a))).toBe(false)
  })
})
