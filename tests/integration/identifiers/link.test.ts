import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest'
import { createUser } from '@/lib/auth/service'
import { CHALLENGE_TTL_MS, createLinkChallenge, LINK_LIMIT, linkIdentifier, listLinkedIdentifiers, unlinkIdentifier, type LinkChallengeDto } from '@/lib/identifiers/service'
import { createShare } from '@/lib/portfolio/service'
import { viewSharedPortfolio } from '@/lib/portfolio/view'
import { setRuntime } from '@/lib/runtime'
import { hashToken } from '@/lib/security/tokens'
import { verifyOnInstance } from '@/lib/verification/service'
import { importCredentials } from '@/lib/wallet/import'
import { getWalletCredentialOrThrow, listWalletCards } from '@/lib/wallet/service'
import { daysAfter, isoSeconds, msAfter } from '../../factories/clock'
import { createTestRuntime, TEST_PUBLIC_URL } from '../../factories/runtime'
import { cookieJar, outcome, signInAs } from '../../helpers/next-mocks'
import { createWalletWorld, form } from '../wallet/fixtures'
import { createForeignIssuer } from '../wallet/foreign-issuer'
import { createOtherWallet, type OtherWallet } from './other-wallet'

// Linking another identifier (decision 021): a young person proves control of the DID an imported
// credential was issued to — a presentation signed by that DID answering a challenge made for
// them, for this site — and only then does that credential count as theirs. Real SQLite, real keys.

vi.mock('next/headers', async () => (await import('../../helpers/next-mocks')).nextHeaders)
vi.mock('next/cache', async () => (await import('../../helpers/next-mocks')).nextCache)

const { linkIdentifierAction, unlinkIdentifierAction } = await import('@/app/(youth)/wallet/link/actions')

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
let w: Awaited<ReturnType<typeof createWalletWorld>>
let other: OtherWallet
let intruder: OtherWallet
/** Alice's badge, imported, issued to her other wallet's DID. */
let importedId: string
let now: Date

const alice = () => ({ id: w.alice.id, role: 'youth' })
const mallory = () => ({ id: w.mallory.id, role: 'youth' })
const links = () => rt.db.selectFrom('linked_identifiers').selectAll().execute()
const answer = (c: LinkChallengeDto, wallet = other) => wallet.presentDi({ challenge: c.challenge, domain: c.domain, now })

beforeAll(async () => {
  rt = await createTestRuntime()
  setRuntime(rt)
  w = await createWalletWorld(rt)
  now = new Date()
  other = await createOtherWallet()
  intruder = await createOtherWallet()
  const foreign = await createForeignIssuer()
  const badge = await foreign.issueDi({ name: 'Tenir un stand', subjectDid: other.did, validFrom: isoSeconds(daysAfter(now, -30)) })
  const imported = await importCredentials(rt, alice(), JSON.stringify(badge), { now })
  if (!imported.ok || imported.items[0]?.outcome !== 'added') throw new Error(JSON.stringify(imported))
  importedId = imported.items[0].walletId!
})
afterAll(() => rt.cleanup())
beforeEach(() => cookieJar.clear())

describe('a challenge', () => {
  test('is fresh, for this site’s origin, bound to the young person and the DID, stored only as a hash, valid 15 minutes', async () => {
    const a = await createLinkChallenge(rt, alice(), other.did, now)
    const b = await createLinkChallenge(rt, alice(), other.did, now)
    expect(a.challenge).toMatch(/^[\w-]{22}$/)
    expect(a.challenge).not.toBe(b.challenge)
    expect(a).toMatchObject({ did: other.did, domain: TEST_PUBLIC_URL, expiresAt: msAfter(now, CHALLENGE_TTL_MS).toISOString() })
    const row = await rt.db.selectFrom('link_challenges').selectAll().where('id', '=', a.id).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ user_id: w.alice.id, did: other.did, challenge_hash: hashToken(a.challenge), used_at: null })
    expect(JSON.stringify(await rt.db.selectFrom('link_challenges').selectAll().execute())).not.toContain(a.challenge)
  })

  test('is refused for something that is not a DID, for their own wallet’s DID, and for another account’s DID; other roles are refused', async () => {
    await expect(createLinkChallenge(rt, alice(), 'not a did', now)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' })
    await expect(createLinkChallenge(rt, alice(), w.alice.did, now)).rejects.toMatchObject({ code: 'CONFLICT', details: 'LINK_OWN_IDENTIFIER' })
    await expect(createLinkChallenge(rt, alice(), w.mallory.did, now)).rejects.toMatchObject({ code: 'CONFLICT', details: 'LINK_TAKEN' })
    await expect(createLinkChallenge(rt, { id: w.counsellor.id, role: 'counsellor' }, other.did, now)).rejects.toMatchObject({ code: 'FORBIDDEN' })
  })
})

describe('refused answers change nothing', () => {
  let c: LinkChallengeDto
  beforeAll(async () => { c = await createLinkChallenge(rt, alice(), other.did, now) })

  test.each([
    ['signed by another DID (its own holder)', 'LINK_WRONG_SIGNER', async () => intruder.presentDi({ challenge: c.challenge, domain: c.domain, now })],
    ['naming the DID as holder but signed by another key', 'LINK_WRONG_SIGNER', async () => intruder.presentDi({ challenge: c.challenge, domain: c.domain, holder: other.did, now })],
    ['answering another challenge', 'LINK_CHALLENGE_MISMATCH', async () => other.presentDi({ challenge: 'another-challenge-0000000', domain: c.domain, now })],
    ['made for another site', 'LINK_DOMAIN_MISMATCH', async () => other.presentDi({ challenge: c.challenge, domain: 'https://evil.example', now })],
    ['tampered after signing', 'LINK_PROOF_INVALID', async () => JSON.stringify({ ...JSON.parse(await answer(c)), id: 'urn:uuid:changed' })],
    ['a credential, not a presentation', 'LINK_NOT_PRESENTATION', async () => (await rt.db.selectFrom('credentials').select('document').where('id', '=', importedId).executeTakeFirstOrThrow()).document],
    ['empty', 'LINK_EMPTY', async () => '   '],
  ])('%s → %s', async (_, code, make) => {
    const result = await linkIdentifier(rt, alice(), { challengeId: c.id, text: await make() }, now)
    expect(result).toMatchObject({ ok: false, code })
    if (code === 'LINK_WRONG_SIGNER') expect(result).toMatchObject({ signer: intruder.did })
    expect(await links()).toEqual([])
    expect((await rt.db.selectFrom('link_challenges').select('used_at').where('id', '=', c.id).executeTakeFirstOrThrow()).used_at).toBeNull()
  })

  test('an expired challenge', async () => {
    expect(await linkIdentifier(rt, alice(), { challengeId: c.id, text: await answer(c) }, msAfter(now, CHALLENGE_TTL_MS + 1000))).toMatchObject({ ok: false, code: 'LINK_CHALLENGE_EXPIRED' })
    expect(await links()).toEqual([])
  })

  test('another young person’s challenge: Mallory cannot use Alice’s, even with a valid answer', async () => {
    expect(await linkIdentifier(rt, mallory(), { challengeId: c.id, text: await answer(c) }, now)).toEqual({ ok: false, code: 'LINK_CHALLENGE_UNKNOWN' })
    await signInAs(rt, w.mallory.id)
    expect(await linkIdentifierAction({ status: 'idle' }, form({ challengeId: c.id, input: await answer(c) }))).toMatchObject({ status: 'error', error: 'LINK_CHALLENGE_UNKNOWN' })
    expect(await links()).toEqual([])
  })

  test('other roles and visitors cannot use the action', async () => {
    await signInAs(rt, w.counsellor.id)
    expect(await outcome(() => linkIdentifierAction({ status: 'idle' }, form({ challengeId: c.id, input: 'x' })))).toBe('forbidden')
    cookieJar.clear()
    expect(await outcome(() => linkIdentifierAction({ status: 'idle' }, form({ challengeId: c.id, input: 'x' })))).toBe('redirect:/sign-in')
  })
})

describe('linking the other wallet’s DID', () => {
  let shareToken: string

  beforeAll(async () => {
    shareToken = (await createShare(rt, alice(), { credentialIds: [w.badge.id, importedId], about: '', label: 'Stand', expiresInDays: 30 }, now)).token
  })

  test('before: the credential is shown apart from the signed presentation, not counted as proven', async () => {
    const view = await viewSharedPortfolio(rt, shareToken, { now })
    if (view.state !== 'active') throw new Error(view.state)
    expect(view.cards.map((c) => c.id)).toEqual([w.badge.id])
    expect(view.apart.cards.map((c) => c.id)).toEqual([importedId])
    expect(view.counts).toMatchObject({ proven: 1, otherIdentifier: 1 })
    expect((await getWalletCredentialOrThrow(rt, alice(), importedId, now)).now.checks.find((c) => c.id === 'holder')).toMatchObject({ status: 'unchecked', code: 'SUBJECT_OTHER_IDENTIFIER' })
  })

  test('a presentation signed by that DID answering the challenge links it, through the action, and records the proof', async () => {
    const c = await createLinkChallenge(rt, alice(), other.did, now)
    const vp = await answer(c)
    await signInAs(rt, w.alice.id)
    expect(await linkIdentifierAction({ status: 'idle' }, form({ challengeId: c.id, input: vp }))).toEqual({ status: 'linked', did: other.did })
    expect(await links()).toEqual([expect.objectContaining({ user_id: w.alice.id, did: other.did, presentation: vp, presentation_hash: expect.stringMatching(/^[0-9a-f]{64}$/) })])
    expect((await rt.db.selectFrom('link_challenges').select('used_at').where('id', '=', c.id).executeTakeFirstOrThrow()).used_at).not.toBeNull()
    expect(await listLinkedIdentifiers(rt, alice())).toEqual([{ did: other.did, linkedAt: expect.any(String) }])
    // The same challenge cannot be answered twice.
    expect(await linkIdentifier(rt, alice(), { challengeId: c.id, text: vp }, now)).toMatchObject({ ok: false, code: 'LINK_CHALLENGE_USED' })
  })

  test('after: the recruiter view signs it in the presentation and counts it as proven (holder SUBJECT_LINKED)', async () => {
    const view = await viewSharedPortfolio(rt, shareToken, { now })
    if (view.state !== 'active') throw new Error(view.state)
    expect(view.cards.map((c) => c.id)).toEqual([w.badge.id, importedId])
    expect(view.apart.cards).toEqual([])
    expect(view.result.verified).toBe(true)
    expect(view.result.credentials![1]!.checks.find((c) => c.id === 'holder')).toMatchObject({ status: 'passed', code: 'SUBJECT_LINKED', details: { subject: other.did, holder: w.alice.did } })
    expect(view.counts).toMatchObject({ proven: 2, otherIdentifier: 0, notVerified: 0 })
    expect(view.cards[1]!.otherIdentifier).toEqual({ subject: other.did, holder: w.alice.did, binding: 'linked' })
  })

  test('after: the wallet says it is bound, and any verifier on this instance accepts Alice presenting it', async () => {
    const card = (await listWalletCards(rt, alice(), now)).visible.find((c) => c.id === importedId)!
    expect(card.otherIdentifier).toEqual({ subject: other.did, holder: w.alice.did, binding: 'linked' })
    const page = await getWalletCredentialOrThrow(rt, alice(), importedId, now)
    expect(page.now.checks.find((c) => c.id === 'holder')).toMatchObject({ status: 'passed', code: 'SUBJECT_LINKED' })
    expect(page.now.verified).toBe(true)
  })

  test('a linked DID cannot be linked again, by her or by someone else', async () => {
    await expect(createLinkChallenge(rt, alice(), other.did, now)).rejects.toMatchObject({ details: 'LINK_ALREADY_LINKED' })
    await expect(createLinkChallenge(rt, mallory(), other.did, now)).rejects.toMatchObject({ details: 'LINK_TAKEN' })
  })

  test('another young person cannot unlink it; Alice can, and the credential goes back apart', async () => {
    await expect(unlinkIdentifier(rt, mallory(), other.did)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await signInAs(rt, w.mallory.id)
    expect(await unlinkIdentifierAction(undefined, form({ did: other.did }))).toEqual({ ok: false, error: 'notFound' })
    expect(await links()).toHaveLength(1)
    await signInAs(rt, w.alice.id)
    expect(await unlinkIdentifierAction(undefined, form({ did: other.did }))).toEqual({ ok: true })
    expect(await links()).toEqual([])
    const view = await viewSharedPortfolio(rt, shareToken, { now })
    expect(view.state === 'active' && view.apart.cards.map((c) => c.id)).toEqual([importedId])
  })

  test('a VP-JWT answering a new challenge links it too', async () => {
    const c = await createLinkChallenge(rt, alice(), other.did, now)
    const jwt = await other.presentJwt({ challenge: c.challenge, domain: c.domain, now })
    expect(await linkIdentifier(rt, alice(), { challengeId: c.id, text: jwt }, now)).toMatchObject({ ok: true, did: other.did })
    expect((await links()).map((l) => l.did)).toEqual([other.did])
  })
})

describe('verification on this instance', () => {
  test('a presentation by Alice of the credential issued to her linked DID verifies; by Mallory it fails SUBJECT_NOT_HOLDER', async () => {
    const document = (await rt.db.selectFrom('credentials').select('document').where('id', '=', importedId).executeTakeFirstOrThrow()).document
    const { createPresentation } = await import('@/lib/credentials/present')
    for (const [did, verified, code] of [[w.alice.did, true, 'SUBJECT_LINKED'], [w.mallory.did, false, 'SUBJECT_NOT_HOLDER']] as const) {
      const vp = await createPresentation({ agent: rt.agent, holderDid: did, credentials: [JSON.parse(document)], challenge: 'c-123', domain: TEST_PUBLIC_URL, now })
      const result = await verifyOnInstance(rt, { input: vp.document, challenge: 'c-123', domain: TEST_PUBLIC_URL, now })
      expect(result.verified).toBe(verified)
      expect(result.credentials![0]!.checks.find((c) => c.id === 'holder')!.code).toBe(code)
    }
  })
})

describe('limits', () => {
  test(`at most ${LINK_LIMIT.max} attempts an hour per young person`, async () => {
    const bob = await createUser(rt, { role: 'youth', username: 'bob', displayName: 'Bob' })
    const actor = { id: bob.id, role: 'youth' }
    const c = await createLinkChallenge(rt, actor, intruder.did, now)
    for (let i = 0; i < LINK_LIMIT.max; i++) {
      expect(await linkIdentifier(rt, actor, { challengeId: c.id, text: '' }, now)).toMatchObject({ code: 'LINK_EMPTY' })
    }
    expect(await linkIdentifier(rt, actor, { challengeId: c.id, text: await answer(c, intruder) }, now)).toEqual({ ok: false, code: 'LINK_RATE_LIMITED' })
    expect(await links()).toHaveLength(1)
  })
})
