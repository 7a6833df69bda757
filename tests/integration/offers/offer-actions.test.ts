import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import { decideOfferAction } from '@/app/(youth)/wallet/actions'
import { listOffers } from '@/lib/offers/service'
import { createApiToken } from '@/lib/orgs/service'
import { setRuntime } from '@/lib/runtime'
import { handleIssue } from '@/lib/vc-api/handlers'
import { listWalletCards } from '@/lib/wallet/service'
import { createTestRuntime } from '../../factories/runtime'
import { outcome, revalidated, signInAs } from '../../helpers/next-mocks'
import { createTwoOrganisations, form, type World } from '../issuer/_world'

vi.mock('next/headers', async () => (await import('../../helpers/next-mocks')).nextHeaders)
vi.mock('next/cache', async () => (await import('../../helpers/next-mocks')).nextCache)

// The wallet's accept / refuse action (decision 020): a young person acts on their own offers only.
let rt: Awaited<ReturnType<typeof createTestRuntime>>
let w: World
const samira = () => ({ id: w.youthA.id, role: 'youth' })

async function offerToSamira(): Promise<{ offerId: string; credentialId: string }> {
  const token = await createApiToken(rt, { slug: 'employer-b' })
  const res = await handleIssue(rt, new Request('http://localhost/credentials/issue', {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ templateId: 'skill-badge', credentialSubject: { id: w.youthA.did }, claims: { skill: { name: 'Ranger le stock' }, level: 'autonomous', criteria: 'A rangé la réserve seule.' } }),
  }))
  const { verifiableCredential } = await res.json()
  const offer = (await listOffers(rt, samira())).find((o) => o.card.id === verifiableCredential.id)!
  return { offerId: offer.id, credentialId: verifiableCredential.id }
}
const inWallet = async (id: string) => (await listWalletCards(rt, samira())).visible.some((c) => c.id === id)
const decide = (offerId: string, decision: string) => decideOfferAction(undefined, form({ offerId, decision }))

beforeAll(async () => {
  rt = await createTestRuntime()
  w = await createTwoOrganisations(rt)
  setRuntime(rt)
}, 60_000)
afterAll(() => rt.cleanup())

describe('decideOfferAction', () => {
  test('another young person gets “gone” and nothing changes', async () => {
    const { offerId, credentialId } = await offerToSamira()
    await signInAs(rt, w.youthB.id)
    for (const decision of ['accept', 'refuse']) expect(await decide(offerId, decision)).toEqual({ ok: false, error: 'offerGone' })
    expect((await listOffers(rt, samira())).map((o) => o.id)).toContain(offerId)
    expect(await inWallet(credentialId)).toBe(false)
  })

  test.each([['counsellor', 'counsellorB'], ['recruiter', 'recruiterA'], ['admin', 'admin']] as const)('a %s is refused (forbidden)', async (_, who) => {
    const { offerId } = await offerToSamira()
    await signInAs(rt, w[who].id)
    expect(await outcome(() => decide(offerId, 'accept'))).toBe('forbidden')
    expect((await listOffers(rt, samira())).map((o) => o.id)).toContain(offerId)
  })

  test('bad input is refused without a change', async () => {
    await signInAs(rt, w.youthA.id)
    expect(await decide('x', 'maybe')).toEqual({ ok: false, error: 'invalid' })
    expect(await decide('x'.repeat(101), 'accept')).toEqual({ ok: false, error: 'invalid' })
  })

  test('the young person accepts one and refuses another', async () => {
    const a = await offerToSamira()
    const b = await offerToSamira()
    await signInAs(rt, w.youthA.id)
    expect(await decide(a.offerId, 'accept')).toEqual({ ok: true, decision: 'accepted' })
    expect(await decide(b.offerId, 'refuse')).toEqual({ ok: true, decision: 'refused' })
    expect(await inWallet(a.credentialId)).toBe(true)
    expect(await inWallet(b.credentialId)).toBe(false)
    expect(revalidated).toContain('/wallet')
    expect(await decide(b.offerId, 'accept')).toEqual({ ok: false, error: 'offerGone' })
  })
})
