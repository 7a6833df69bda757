import { afterAll, beforeEach, describe, expect, test } from 'vitest'
import { MemoryVerificationCache, processVerificationCache } from '@/lib/credentials/canonical/cache'
import { contentHash } from '@/lib/credentials/canonical/dataset'
import { createPresentation } from '@/lib/credentials/present'
import { localSchemaResolver } from '@/lib/credentials/schemas'
import { verify, type VerifyOptions } from '@/lib/credentials/verify'
import { getCheck, type VerificationResult } from '@/lib/credentials/verify/result'
import { retireOrganisationKey, rotateOrganisationKey } from '@/lib/orgs/did-web'
import { linkedIdentifiersFor } from '@/lib/identifiers/lookup'
import { issueForOrganisation } from '@/lib/issuing/service'
import { issuerLookup, suspendOrganisation } from '@/lib/orgs/service'
import { createShare } from '@/lib/portfolio/service'
import { viewSharedPortfolio } from '@/lib/portfolio/view'
import { changeCredentialStatus, localStatusListResolver } from '@/lib/status/service'
import { instanceDidResolver, verifyOnInstance } from '@/lib/verification/service'
import { DAY_MS, HOUR_MS, isoSeconds, msAfter } from '../../factories/clock'
import { createTestRuntime } from '../../factories/runtime'
import { createApprovedOrganisation, createWorld } from '../../factories/world'

// Issue 11, point 3 (decision 022): caching a proof verdict never changes a verdict. For each
// change of the world — revocation, suspension, expiry, a suspended organisation, a retired or
// removed key, tampered bytes, another holder — a credential whose proof verdict is cached fails
// on the very next verification, with the same result as a verification without any cache.

const rt = await createTestRuntime()
const { now: NOW, org, alice, mallory } = await createWorld(rt)
afterAll(() => rt.cleanup())

// Issued a day before the world's clock, verified at it: the same instants on any date.
const ISSUED = msAfter(NOW, -DAY_MS)
const claims = { skill: { name: 'Travailler en équipe' }, level: 'practising', criteria: 'A tenu le stand de la fête de quartier avec trois autres bénévoles.' }
const issue = (organisation: { id: string }, extra: Record<string, unknown> = {}, subjectDid = alice.did) =>
  issueForOrganisation(rt, { organisation, templateId: 'skill-badge', subjectDid, claims: { ...claims, ...extra }, format: 'di', now: ISSUED })

/** A real cache that also says which credentials' proof verdicts it answered (by content hash). */
class CountingCache extends MemoryVerificationCache {
  readonly hits: string[] = []
  override proof(key: string) {
    const found = super.proof(key)
    if (found) this.hits.push(key.split(':')[0]!)
    return found
  }
  hitsOn(credential: unknown): number {
    return this.hits.filter((h) => h === contentHash(credential)).length
  }
}

/** The pipeline with this instance's services (as verifyOnInstance builds them), at the world's clock. */
const check = (options: Partial<VerifyOptions> & { input: unknown }): Promise<VerificationResult> => verify({
  resolveDid: instanceDidResolver(rt),
  lookupIssuer: issuerLookup({ db: rt.db }),
  linkedIdentifiers: linkedIdentifiersFor({ db: rt.db }),
  resolveStatusList: localStatusListResolver({ db: rt.db, agent: rt.agent, env: rt.env }),
  resolveSchema: localSchemaResolver(rt.env.publicUrl),
  now: NOW,
  ...options,
})

/** Verifies once with `cache` so that the credential's passed proof verdict is kept, and checks that it is. */
async function cached(document: string, cache: MemoryVerificationCache, now = NOW) {
  const first = await check({ input: document, cache, now })
  expect(first.verified).toBe(true)
  expect(cache.hasProven(contentHash(JSON.parse(document)))).toBe(true)
  return first
}

/** After the world changed: the warm result equals a cold one (no cache), and the cached verdict was used. */
async function warmAgainstCold(document: string, cache: CountingCache, now = NOW, expectHit = true) {
  const warm = await check({ input: document, cache, now })
  expect(cache.hitsOn(JSON.parse(document))).toBe(expectHit ? 1 : 0)
  expect(warm).toEqual(await check({ input: document, now }))
  return warm
}

describe('a cached proof verdict does not hide what changed since', () => {
  test('a revoked credential fails status on the very next verification, its proof verdict taken from the cache', async () => {
    const issued = await issue(org)
    const cache = new CountingCache()
    await cached(issued.document, cache)
    const change = await changeCredentialStatus(rt, { credentialId: issued.id, action: 'revoke', reason: 'Erreur de saisie', by: 'test', now: msAfter(NOW, -HOUR_MS) })
    const after = await warmAgainstCold(issued.document, cache)
    expect(getCheck(after, 'proof')).toMatchObject({ status: 'passed', code: 'PROOF_VALID' })
    expect(getCheck(after, 'status')).toMatchObject({ status: 'failed', code: 'STATUS_REVOKED', details: { since: change.revokedAt, reason: 'Erreur de saisie' } })
    expect(after.verified).toBe(false)
  })

  test('a suspended credential fails status (STATUS_SUSPENDED) on the next verification on this instance (its own cache)', async () => {
    const issued = await issue(org)
    const cache = processVerificationCache()
    cache.clear()
    expect((await verifyOnInstance(rt, { input: issued.document, now: NOW })).verified).toBe(true)
    expect(cache.hasProven(contentHash(JSON.parse(issued.document)))).toBe(true)
    await changeCredentialStatus(rt, { credentialId: issued.id, action: 'suspend', reason: 'Vérification en cours', by: 'test', now: msAfter(NOW, -HOUR_MS) })
    const after = await verifyOnInstance(rt, { input: issued.document, now: NOW })
    expect(getCheck(after, 'proof')).toMatchObject({ status: 'passed', code: 'PROOF_VALID' })
    expect(getCheck(after, 'status')).toMatchObject({ status: 'failed', code: 'STATUS_SUSPENDED', details: { reason: 'Vérification en cours' } })
    expect(after.verified).toBe(false)
    expect(after).toEqual(await check({ input: issued.document }))
  })

  test('a credential past its validUntil is EXPIRED at the later view, though its verdict was cached while it was valid', async () => {
    const issued = await issue(org, { validUntil: isoSeconds(msAfter(ISSUED, 2 * HOUR_MS)) })
    const cache = new CountingCache()
    const before = await cached(issued.document, cache, msAfter(ISSUED, HOUR_MS))
    expect(getCheck(before, 'validity')).toMatchObject({ status: 'passed' })
    const after = await warmAgainstCold(issued.document, cache, msAfter(ISSUED, 3 * HOUR_MS))
    expect(getCheck(after, 'proof')).toMatchObject({ status: 'passed', code: 'PROOF_VALID' })
    expect(getCheck(after, 'validity')).toMatchObject({ status: 'failed', code: 'EXPIRED' })
    expect(after.verified).toBe(false)
  })

  test('an organisation suspended in the registry: ISSUER_SUSPENDED at the next verification', async () => {
    const club = await createApprovedOrganisation(rt, { slug: 'club-suspendu', name: 'Club Suspendu', kind: 'employer' })
    const issued = await issue(club)
    const cache = new CountingCache()
    await cached(issued.document, cache)
    await suspendOrganisation(rt, club.slug, 'cli', { reason: 'Fermée' })
    const after = await warmAgainstCold(issued.document, cache)
    expect(getCheck(after, 'proof')).toMatchObject({ status: 'passed', code: 'PROOF_VALID' })
    expect(getCheck(after, 'issuer')).toMatchObject({ status: 'failed', code: 'ISSUER_SUSPENDED', details: { name: 'Club Suspendu' } })
    expect(after.verified).toBe(false)
  })
})

describe('a changed key or changed bytes: the cached verdict no longer applies', () => {
  test('a key retired in the did:web document: the proof fails (KEY_RETIRED), as without a cache', async () => {
    const rotating = await createApprovedOrganisation(rt, { slug: 'cle-volee', name: 'Clé Volée', kind: 'employer' })
    const issued = await issue(rotating)
    await rotateOrganisationKey(rt, { slug: rotating.slug, actor: 'cli' })
    // Cached under the document as it is now (key-1 and key-2, both valid).
    const cache = new CountingCache()
    await cached(issued.document, cache)
    await retireOrganisationKey(rt, { slug: rotating.slug, fragment: 'key-1', reason: 'ordinateur volé', actor: 'cli' })
    const after = await warmAgainstCold(issued.document, cache, NOW, false)
    expect(getCheck(after, 'proof')).toMatchObject({ status: 'failed', code: 'KEY_RETIRED' })
    expect(after.verified).toBe(false)
    expect(cache.hasProven(contentHash(JSON.parse(issued.document)))).toBe(true) // the old entry stays, unused
  })

  test('a key removed from the did:web document: the proof fails with the same code as without a cache', async () => {
    const removing = await createApprovedOrganisation(rt, { slug: 'cle-retiree', name: 'Clé Retirée', kind: 'employer' })
    const issued = await issue(removing)
    await rotateOrganisationKey(rt, { slug: removing.slug, actor: 'cli' })
    const cache = new CountingCache()
    await cached(issued.document, cache)
    // The document is built from these rows: without key-1's, key-1 is no longer in it at all.
    await rt.db.deleteFrom('organisation_keys').where('organisation_id', '=', removing.id).where('fragment', '=', 'key-1').execute()
    const after = await warmAgainstCold(issued.document, cache, NOW, false)
    expect(getCheck(after, 'proof')).toMatchObject({ status: 'failed', code: 'DID_UNRESOLVABLE', message: expect.stringContaining('#key-1') })
    expect(after.verified).toBe(false)
  })

  test('a tampered copy of a cached credential (one claim changed, proof kept) is verified afresh and fails; the original still passes', async () => {
    const issued = await issue(org)
    const cache = new CountingCache()
    await cached(issued.document, cache)
    const tampered = JSON.parse(issued.document)
    tampered.credentialSubject.achievement.name = 'Piloter un avion'
    const forged = await warmAgainstCold(JSON.stringify(tampered), cache, NOW, false)
    expect(getCheck(forged, 'proof')).toMatchObject({ status: 'failed', code: 'PROOF_INVALID' })
    expect(forged.verified).toBe(false)
    expect(cache.hasProven(contentHash(tampered))).toBe(false)
    const original = await warmAgainstCold(issued.document, cache)
    expect(original.verified).toBe(true)
  })

  test('a failed proof verdict is not cached: the same tampered credential is verified afresh every time', async () => {
    const issued = await issue(org)
    const tampered = JSON.parse(issued.document)
    tampered.credentialSubject.achievement.name = 'Piloter un avion'
    const cache = new CountingCache()
    const first = await check({ input: tampered, cache })
    expect(getCheck(first, 'proof')).toMatchObject({ status: 'failed', code: 'PROOF_INVALID' })
    expect(cache.hasProven(contentHash(tampered))).toBe(false)
    expect(await check({ input: tampered, cache })).toEqual(first)
    expect(cache.hits).toEqual([])
  })
})

describe('presentations', () => {
  const CHALLENGE = 'c-cache-7f3a'
  const DOMAIN = 'https://employer.example'
  const present = (holderDid: string, credentials: Record<string, unknown>[], challenge = CHALLENGE) =>
    createPresentation({ agent: rt.agent, holderDid, credentials, challenge, domain: DOMAIN, now: NOW })

  test('a cached credential presented under someone else’s key fails holder binding (SUBJECT_NOT_HOLDER)', async () => {
    const issued = await issue(org)
    const cache = new CountingCache()
    await cached(issued.document, cache)
    const stolen = await present(mallory.did, [issued.credential])
    const warm = await check({ input: stolen.document, challenge: CHALLENGE, domain: DOMAIN, cache })
    expect(cache.hitsOn(issued.credential)).toBe(1)
    expect(warm).toEqual(await check({ input: stolen.document, challenge: CHALLENGE, domain: DOMAIN }))
    const inside = warm.credentials![0]!
    expect(getCheck(inside, 'proof')).toMatchObject({ status: 'passed', code: 'PROOF_VALID' })
    expect(getCheck(inside, 'holder')).toMatchObject({ status: 'failed', code: 'SUBJECT_NOT_HOLDER', details: { subject: alice.did, holder: mallory.did } })
    expect(inside.verified).toBe(false)
    expect(warm.verified).toBe(false)
  })

  test('a warm verification of a 3-credential presentation gives exactly the result of a cold one without cache', async () => {
    const credentials = [(await issue(org)).credential, (await issue(org, { level: 'expert' })).credential, (await issue(org, { level: 'autonomous' })).credential]
    const cache = new CountingCache()
    // Warmed by an earlier presentation of the same credentials, for another challenge.
    const earlier = await check({ input: (await present(alice.did, credentials, 'c-earlier')).document, challenge: 'c-earlier', domain: DOMAIN, cache })
    expect(earlier.verified).toBe(true)
    expect(credentials.every((c) => cache.hasProven(contentHash(c)))).toBe(true)
    const vp = (await present(alice.did, credentials)).document
    const warm = await check({ input: vp, challenge: CHALLENGE, domain: DOMAIN, cache })
    expect(credentials.map((c) => cache.hitsOn(c))).toEqual([1, 1, 1])
    const cold = await check({ input: vp, challenge: CHALLENGE, domain: DOMAIN })
    expect(warm).toEqual(cold)
    expect(cold.verified).toBe(true)
  })
})

describe('the recruiter view', () => {
  beforeEach(() => processVerificationCache().clear())

  test('a credential revoked between two views shows revoked on the second, warm, view', async () => {
    const kept = await issue(org)
    const revoked = await issue(org, { level: 'expert' })
    const share = await createShare(rt, { id: alice.id, role: 'youth' }, { credentialIds: [kept.id, revoked.id], about: 'Motivée.', label: 'Carrefour', expiresInDays: 30 }, NOW)
    const first = await viewSharedPortfolio(rt, share.token, { now: NOW })
    if (first.state !== 'active') throw new Error(first.state)
    expect(first.result.credentials?.map((r) => r.verified)).toEqual([true, true])
    expect(first.cards.map((c) => c.status)).toEqual(['valid', 'valid'])
    const cache = processVerificationCache()
    expect(cache.hasProven(contentHash(JSON.parse(kept.document)))).toBe(true)
    expect(cache.hasProven(contentHash(JSON.parse(revoked.document)))).toBe(true)

    await changeCredentialStatus(rt, { credentialId: revoked.id, action: 'revoke', reason: 'Doublon', by: 'test', now: msAfter(NOW, -HOUR_MS) })
    const second = await viewSharedPortfolio(rt, share.token, { now: msAfter(NOW, HOUR_MS) })
    if (second.state !== 'active') throw new Error(second.state)
    const at = Object.fromEntries(second.cards.map((c, i) => [c.id, { card: c, result: second.result.credentials![i]! }]))
    expect(getCheck(at[revoked.id]!.result, 'proof')).toMatchObject({ status: 'passed' })
    expect(getCheck(at[revoked.id]!.result, 'status')).toMatchObject({ status: 'failed', code: 'STATUS_REVOKED' })
    expect(at[revoked.id]!.result.verified).toBe(false)
    expect(at[revoked.id]!.card).toMatchObject({ status: 'revoked', statusReason: 'Doublon' })
    expect(at[kept.id]!.result.verified).toBe(true)
    expect(at[kept.id]!.card.status).toBe('valid')
  })
})
