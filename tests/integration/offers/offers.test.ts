import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createUser } from '@/lib/auth/service'
import { listConsentEvents } from '@/lib/consent/repository'
import type { SessionUser } from '@/lib/auth/sessions'
import { issueAsStaff, listIssueRecipients } from '@/lib/issuing/staff'
import { listIssuedCredentials } from '@/lib/issuing/queries'
import { acceptOffer, listOffers, refuseOffer } from '@/lib/offers/service'
import { getYoungPersonOrThrow, listYoungPeople } from '@/lib/onboarding/young-people'
import { createApiToken } from '@/lib/orgs/service'
import { exportPersonalData } from '@/lib/privacy/service'
import { handleIssue } from '@/lib/vc-api/handlers'
import { getWalletCredentialOrThrow, listWalletCards } from '@/lib/wallet/service'
import { createTestRuntime } from '../../factories/runtime'
import { createTwoOrganisations, sessionUser, type World } from '../issuer/_world'

// Decision 020: a credential pushed through the VC-API to a young person the organisation does
// not accompany is an offer; until accepted, the organisation learns nothing about them.
let rt: Awaited<ReturnType<typeof createTestRuntime>>
let w: World
let tokenA: string
let tokenB: string
let samira: SessionUser
let ines: SessionUser
let lucas: SessionUser
let counsellorB: SessionUser
/** A did:key that is no one's on this instance (a well-formed Ed25519 did:key). */
const NOBODY = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK'
const CLAIMS = { skill: { name: 'Accueillir le public' }, level: 'autonomous', criteria: 'A tenu l’accueil du forum pendant deux jours.' }

const issue = (token: string, did: string, format: 'di' | 'jwt' = 'di') => handleIssue(rt, new Request('http://localhost/credentials/issue', {
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  body: JSON.stringify({ templateId: 'skill-badge', credentialSubject: { id: did }, claims: CLAIMS, options: { format } }),
}))

/** The answer with every value replaced by its type: what a caller could tell two answers apart by. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape)
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]))
  return typeof value
}

async function answer(res: Response) {
  const headers = [...res.headers.keys()].sort()
  const body = await res.json() as { verifiableCredential: Record<string, unknown> }
  return { status: res.status, headers, shape: shape(body), body }
}

beforeAll(async () => {
  rt = await createTestRuntime()
  w = await createTwoOrganisations(rt)
  tokenA = await createApiToken(rt, { slug: 'ml-a' })
  tokenB = await createApiToken(rt, { slug: 'employer-b' })
  const inesRow = await createUser(rt, { role: 'youth', username: 'ines', displayName: 'Inès K.', organisationId: w.a.id })
  samira = await sessionUser(rt, w.youthA.id)
  ines = await sessionUser(rt, inesRow.id)
  lucas = await sessionUser(rt, w.youthB.id)
  counsellorB = await sessionUser(rt, w.counsellorB.id)
}, 60_000)
afterAll(() => rt.cleanup())

describe('an organisation that accompanies the young person', () => {
  test('its credential goes straight into the wallet, as before', async () => {
    const res = await issue(tokenA, samira.did!)
    expect(res.status).toBe(201)
    const { verifiableCredential } = await res.json()
    const { visible } = await listWalletCards(rt, samira)
    expect(visible.map((c) => c.id)).toContain(verifiableCredential.id)
    expect(await listOffers(rt, samira)).toEqual([])
  })
})

describe('a stranger organisation', () => {
  test.each(['di', 'jwt'] as const)('gets the same answer (%s) for a young person of this instance and for a DID that is no one’s', async (format) => {
    const toSamira = await answer(await issue(tokenB, samira.did!, format))
    const toNobody = await answer(await issue(tokenB, NOBODY, format))
    expect(toSamira.status).toBe(201)
    expect(toNobody.status).toBe(toSamira.status)
    expect(toNobody.headers).toEqual(toSamira.headers)
    expect(toNobody.shape).toEqual(toSamira.shape)
  })

  test('the credential waits as an offer: not in the wallet, the young person sees who offers what', async () => {
    const offers = await listOffers(rt, samira)
    expect(offers).toHaveLength(2)
    expect(offers[0]).toMatchObject({ organisationName: 'Entreprise B', card: { title: expect.stringContaining('Accueillir le public') } })
    const inWallet = (await listWalletCards(rt, samira)).visible.map((c) => c.id)
    for (const offer of offers) expect(inWallet).not.toContain(offer.card.id)
  })

  test('pending offers are in the young person’s data export, with the signed credential', async () => {
    const data = await exportPersonalData(rt, samira)
    expect(data.pendingOffers).toHaveLength(2)
    expect(data.pendingOffers[0]).toMatchObject({ organisation: 'Entreprise B', document: expect.any(String) })
    expect(data.pendingOffers.map((o) => o.format).sort()).toEqual(['di', 'jwt'])
    expect(data.pendingOffers.map((o) => o.credentialId).sort()).toEqual((await listOffers(rt, samira)).map((o) => o.card.id).sort())
  })

  test('leaves no trace of the young person in that organisation’s lists, searches and forms', async () => {
    expect((await listYoungPeople(rt, counsellorB)).map((p) => p.id)).not.toContain(samira.id)
    expect((await listIssueRecipients(rt, counsellorB)).map((p) => p.id)).not.toContain(samira.id)
    await expect(getYoungPersonOrThrow(rt, counsellorB, samira.id)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(issueAsStaff(rt, counsellorB, { templateId: 'skill-badge', holderId: samira.id, claims: CLAIMS })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    const issued = await listIssuedCredentials(rt, counsellorB)
    expect(issued.items.length).toBe(4)
    expect(issued.items.map((i) => i.holderName)).toEqual([null, null, null, null])
    expect((await listIssuedCredentials(rt, counsellorB, { query: 'Samira' })).total).toBe(0)
  })

  test('another young person, staff and a wrong id cannot act on the offer', async () => {
    const [offer] = await listOffers(rt, samira)
    await expect(acceptOffer(rt, lucas, offer!.id)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(refuseOffer(rt, lucas, offer!.id)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(acceptOffer(rt, counsellorB, offer!.id)).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await expect(listOffers(rt, counsellorB)).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await expect(acceptOffer(rt, samira, 'x'.repeat(500))).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect(await listOffers(rt, samira)).toHaveLength(2)
    expect((await listWalletCards(rt, lucas)).visible.map((c) => c.id)).not.toContain(offer!.card.id)
  })

  test('refused: the offer is gone, the wallet unchanged, the organisation still knows nothing', async () => {
    const offers = await listOffers(rt, samira)
    await refuseOffer(rt, samira, offers[1]!.id)
    expect((await listOffers(rt, samira)).map((o) => o.id)).toEqual([offers[0]!.id])
    expect((await listWalletCards(rt, samira)).visible.map((c) => c.id)).not.toContain(offers[1]!.card.id)
    expect((await listYoungPeople(rt, counsellorB)).map((p) => p.id)).not.toContain(samira.id)
    await expect(refuseOffer(rt, samira, offers[1]!.id)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    const log = await listConsentEvents(rt.db, samira.id)
    expect(log.filter((e) => e.kind === 'offer_refused').map((e) => JSON.parse(e.detail!))).toEqual([{ offerId: offers[1]!.id, organisation: expect.any(String) }])
  })

  test('accepted: the credential is in the wallet and verifies; the organisation now accompanies her', async () => {
    const [offer] = await listOffers(rt, samira)
    await acceptOffer(rt, samira, offer!.id)
    expect(await listOffers(rt, samira)).toEqual([])
    expect((await listWalletCards(rt, samira)).visible.map((c) => c.id)).toContain(offer!.card.id)
    const { now } = await getWalletCredentialOrThrow(rt, samira, offer!.card.id)
    expect(now.verified).toBe(true)
    expect((await listYoungPeople(rt, counsellorB)).map((p) => p.id)).toContain(samira.id)
    await expect(acceptOffer(rt, samira, offer!.id)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    // Consent: she agreed that this organisation now sees who she is.
    const log = await listConsentEvents(rt.db, samira.id)
    expect(log.filter((e) => e.kind === 'offer_accepted').map((e) => JSON.parse(e.detail!))).toEqual([{ offerId: offer!.id, organisation: expect.any(String) }])
    // Accompanied now: the next credential from the same organisation is no offer.
    const next = await (await issue(tokenB, samira.did!)).json()
    expect((await listWalletCards(rt, samira)).visible.map((c) => c.id)).toContain(next.verifiableCredential.id)
  })

  test('a young person another organisation onboarded is not reachable through the first one’s token either way', async () => {
    await issue(tokenA, lucas.did!)
    expect(await listOffers(rt, lucas)).toHaveLength(1)
    expect(await listOffers(rt, ines)).toEqual([])
  })
})
