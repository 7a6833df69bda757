import { afterAll, describe, expect, test, vi } from 'vitest'
import { issueForOrganisation } from '@/lib/issuing/service'
import { setRuntime, type Runtime } from '@/lib/runtime'
import { createLinkChallenge } from '@/lib/identifiers/service'
import { viewSharedPortfolio } from '@/lib/portfolio/view'
import { createShare } from '@/lib/portfolio/service'
import { createVerificationPool } from '@/lib/verification/pool'
import { setVerificationPool, verifyOnInstance } from '@/lib/verification/service'
import { hostileCredential } from '../../bench/hostile'
import { createTestRuntime } from '../../factories/runtime'
import { createOtherWallet } from '../identifiers/other-wallet'
import { createWorld } from '../../factories/world'
import { signInAs } from '../../helpers/next-mocks'

// When every verification worker is taken and nothing more may wait, the pages that verify say
// "busy, try again in a moment" in their own words, instead of an error page.

vi.mock('next/headers', async () => (await import('../../helpers/next-mocks')).nextHeaders)
vi.mock('next/cache', async () => (await import('../../helpers/next-mocks')).nextCache)
const { verifyAction } = await import('@/app/(public)/verify/actions')
const { importAction } = await import('@/app/(youth)/wallet/import/actions')
const { linkIdentifierAction } = await import('@/app/(youth)/wallet/link/actions')

const base = await createTestRuntime()
const rt: Runtime = { ...base, env: { ...base.env, verifyWorkers: 1 } }
setRuntime(rt)
const world = await createWorld(rt)
const claims = { skill: { name: 'Gérer le temps' }, level: 'autonomous', criteria: 'A tenu seul le planning des livraisons pendant trois semaines.' }
const issued = await issueForOrganisation(rt, { organisation: world.org, templateId: 'skill-badge', subjectDid: world.alice.did, claims })
// One worker, no queue: one job in flight fills the pool.
const pool = createVerificationPool({ workers: 1, maxQueue: 0 })
const previous = setVerificationPool(pool)
afterAll(async () => {
  setVerificationPool(previous)
  await pool.destroy()
  await base.cleanup()
})

const form = (fields: Record<string, string>) => {
  const f = new FormData()
  for (const [k, v] of Object.entries(fields)) f.set(k, v)
  return f
}

/** Runs `check` while a hostile document holds the only worker. */
async function whileFull(check: () => Promise<void>) {
  const hog = verifyOnInstance(rt, { input: hostileCredential({ groups: 2000 }) })
  try {
    await check()
  } finally {
    await hog
  }
}

describe('pages while verification is saturated', () => {
  test('/verify answers "busy" and gives back what was pasted; once free, it verifies', async () => {
    await whileFull(async () => {
      expect(await verifyAction({ status: 'idle' }, form({ input: issued.document }))).toMatchObject({ status: 'error', error: 'busy', input: issued.document })
    })
    expect(await verifyAction({ status: 'idle' }, form({ input: issued.document }))).toMatchObject({ status: 'done', result: { verified: true } })
  })

  test('the wallet import answers "busy" (nothing added) and gives back what was pasted', async () => {
    await signInAs(rt, world.alice.id)
    await whileFull(async () => {
      expect(await importAction({ status: 'idle' }, form({ input: issued.document }))).toMatchObject({ status: 'error', error: 'busy', input: issued.document })
    })
  })

  test('the recruiter view reports BUSY to its page (which says "try again in a moment"), not a verdict', async () => {
    const share = await createShare(rt, { id: world.alice.id, role: 'youth' }, { credentialIds: [issued.id], about: '', label: 'busy', expiresInDays: 7 })
    await whileFull(async () => {
      await expect(viewSharedPortfolio(rt, share.token)).rejects.toMatchObject({ code: 'BUSY' })
    })
  })

  test('linking an identifier answers "busy" (nothing linked, the challenge still good), then links once free', async () => {
    await signInAs(rt, world.alice.id)
    const other = await createOtherWallet()
    const challenge = await createLinkChallenge(rt, { id: world.alice.id, role: 'youth' }, other.did)
    const proof = await other.presentDi({ challenge: challenge.challenge, domain: challenge.domain })
    const fields = { challengeId: challenge.id, input: proof }
    await whileFull(async () => {
      expect(await linkIdentifierAction({ status: 'idle' }, form(fields))).toMatchObject({ status: 'error', error: 'busy', input: proof })
    })
    expect(await linkIdentifierAction({ status: 'idle' }, form(fields))).toMatchObject({ status: 'linked', did: other.did })
  })
})
