import type { VerificationResult } from '@/lib/credentials/verify/result'
import { AppError } from '@/lib/errors'
import { sharedProfile, type SharedProfile } from '@/lib/profile/service'
import type { Runtime } from '@/lib/runtime'
import { findLinkedDidsOfHolder } from '@/lib/identifiers/repository'
import { firstName } from '@/lib/onboarding/activation'
import { cardVerdict, type CardVerdict } from '@/lib/verification/card-verdict'
import { lifecycleFromChecks, otherIdentifierFromChecks } from '@/lib/verification/cards'
import { proveAhead, verifyOnInstance } from '@/lib/verification/service'
import { subjectIdsOf, toCard, type CredentialCardDto, type OtherIdentifier } from '@/lib/wallet/cards'
import { countPortfolio, splitByBinding, type PortfolioCounts } from './binding'
import { newChallenge, presentCredentials, verifyParts, type PresentationPart } from './present'
import * as repo from './repository'
import { findShareByTokenOrThrow } from './service'

// What anyone holding a share link sees. Per view, the server signs a FRESH presentation of the
// shared credentials with the holder's key, for a nonce made for this view and this instance's
// origin, and verifies it exactly as an outside verifier would: the page shows that result.

export type SharedPortfolio =
  | { state: 'revoked' | 'expired' }
  | {
    state: 'active'
    holderName: string
    /** The first word of the holder's name: the recruiter page's title. */
    firstName: string
    about: string
    expiresAt: string
    cards: CredentialCardDto[]
    /** Per card: the issuer organisation as this instance knows it, or null (unknown issuer). */
    knownIssuers: (string | null)[]
    /** The signed presentation's verification: `cards` are its credentials, in order. */
    result: VerificationResult
    /**
     * Shared credentials NOT bound to the young person (issued to another, unlinked identifier, or
     * to none): outside the presentation, each verified as a credential on its own (decision 021).
     */
    apart: { cards: CredentialCardDto[]; results: VerificationResult[]; knownIssuers: (string | null)[]; verdicts: CardVerdict[] }
    /** Per card of `cards`: its own verdict (its own checks, holder binding required). */
    verdicts: CardVerdict[]
    /** The headline's figures: proven ones apart from the others. */
    counts: PortfolioCounts
    /** The recruiter's one verdict: skills an organisation vouches for that checked out, of those shown. */
    summary: PortfolioSummary
    /** Formats of the presentations, for the download links. */
    formats: ('di' | 'jwt')[]
    /** The profile sections the young person chose to show and filled in: their own words. */
    profile: SharedProfile
  }

export interface PortfolioSummary {
  /** Vouched for by an organisation and every own check passed (verdict 'valid'). */
  proven: number
  /** Every card vouched for by someone else than the person (in the presentation or apart), whatever its verdict. */
  shown: number
  /** Authentic cards in the person's own words (not counted in `shown`). */
  ownWords: number
}

export interface ViewOptions {
  now?: Date
  /** The signed-in user, if any: the young person looking at their own link is not counted as a view. */
  viewerId?: string | null
  /** The reader's language, for ESCO goal labels. */
  lang?: string
}

/**
 * Opens a shared portfolio and counts the view. A revoked or expired share reveals nothing else.
 * @throws AppError NOT_FOUND for an unknown token.
 */
export async function viewSharedPortfolio(rt: Runtime, token: string, { now = new Date(), viewerId, lang = 'fr' }: ViewOptions = {}): Promise<SharedPortfolio> {
  const opened = await openShare(rt, token, now)
  if (opened.status !== 'active') return { state: opened.status }
  const { share, rows, apart } = opened
  // The young person's own words are read meanwhile; they are shown, never verified.
  const profileRead = sharedProfile(rt, share.id, share.holder_user_id, lang)
  profileRead.catch(() => undefined) // awaited below; a failure before that is the one reported
  // Credentials never seen are proved first, in parallel: signing and verifying then reuse them.
  await proveAhead(rt, rows.filter((r) => r.format !== 'jwt').map((r) => JSON.parse(r.document) as Record<string, unknown>))
  const { parts, challenge } = await sign(rt, opened, now)
  const [result, apartResults, profile] = await Promise.all([
    verifyParts(rt, parts, { challenge, domain: rt.env.publicUrl, now }, rows.map((r) => r.id)),
    Promise.all(apart.map((r) => verifyOnInstance(rt, { input: r.document, now }))),
    profileRead,
  ])
  if (viewerId !== share.holder_user_id) await repo.recordView(rt.db, share.id, now.toISOString())
  // Each card of the presentation says when its credential was issued to a linked identifier (its own holder check).
  const cards = rows.map((r, i) => toCard({ ...r, lifecycle: lifecycleFromChecks(result.credentials?.[i]?.checks), otherIdentifier: otherIdentifierFromChecks(result.credentials?.[i]?.checks) }, now))
  const apartCards = apart.map((r, i) => toCard({ ...r, lifecycle: lifecycleFromChecks(apartResults[i]?.checks), otherIdentifier: unconfirmed(r, share.did) }, now))
  const verdicts = cards.map((_, i) => cardVerdict({ result: result.credentials?.[i], needsHolder: true }))
  const apartVerdicts = apartResults.map((r) => cardVerdict({ result: r, apart: true }))
  return {
    state: 'active',
    holderName: share.display_name,
    firstName: firstName(share.display_name),
    about: share.about,
    expiresAt: share.expires_at,
    cards,
    knownIssuers: (result.credentials ?? []).map(knownIssuerOf),
    result,
    verdicts,
    apart: { cards: apartCards, results: apartResults, knownIssuers: apartResults.map(knownIssuerOf), verdicts: apartVerdicts },
    counts: countPortfolio({ cards, results: result.credentials ?? [] }, { results: apartResults }),
    summary: summarise([...verdicts, ...apartVerdicts]),
    formats: parts.map((p) => p.format),
    profile: filledProfile(profile),
  }
}

/** The chosen sections that have something in them: an empty one is never shown to a recruiter. */
export function filledProfile(profile: SharedProfile): SharedProfile {
  const a = profile.availability
  return {
    sections: profile.sections,
    ...(profile.path?.length ? { path: profile.path } : {}),
    ...(profile.goals?.length ? { goals: profile.goals } : {}),
    ...(profile.languages?.length ? { languages: profile.languages } : {}),
    ...(a && (a.availability || a.region) ? { availability: a } : {}),
  }
}

/** Whether any of the young person's own sections has content. */
export const hasOwnWords = (p: SharedProfile) => Boolean(p.path || p.goals || p.languages || p.availability)

/** The recruiter's one verdict, from the cards' own verdicts only (never the page's banner). */
export function summarise(verdicts: CardVerdict[]): PortfolioSummary {
  const ownWords = verdicts.filter((v) => v.kind === 'ownWords').length
  return { proven: verdicts.filter((v) => v.kind === 'valid').length, shown: verdicts.length - ownWords, ownWords }
}

function knownIssuerOf(r: VerificationResult): string | null {
  const issuer = r.checks.find((c) => c.id === 'issuer')
  return issuer?.status === 'passed' && typeof issuer.details?.name === 'string' ? issuer.details.name : null
}

/** A credential shown apart: the identifier it names (or none), which nothing binds to the holder. */
function unconfirmed(row: { document: string; format: string }, holder: string): OtherIdentifier {
  let subject: string | null = null
  try {
    subject = subjectIdsOf(row).find((s): s is string => typeof s === 'string' && s !== holder) ?? null
  } catch { /* unreadable: named as none */ }
  return { subject, holder, binding: 'unconfirmed' }
}

type OpenedShare =
  | { status: 'revoked' | 'expired' }
  | { status: 'active'; share: Awaited<ReturnType<typeof findShareByTokenOrThrow>> & { did: string }; rows: SharedRows; apart: SharedRows }

type SharedRows = Awaited<ReturnType<typeof repo.listSharedCredentials>>

async function openShare(rt: Pick<Runtime, 'db'>, token: string, now: Date): Promise<OpenedShare> {
  const share = await findShareByTokenOrThrow(rt, token, now)
  if (share.status !== 'active') return { status: share.status }
  const did = share.did
  if (!did) throw new AppError('NOT_FOUND', 'The holder has no wallet')
  const [rows, linked] = await Promise.all([repo.listSharedCredentials(rt.db, share.id, share.holder_user_id), findLinkedDidsOfHolder(rt.db, did)])
  // Only credentials bound to the young person are signed as theirs; the others are shown apart.
  const { bound, apart } = splitByBinding(rows, did, linked)
  return { status: 'active', share: { ...share, did }, rows: bound, apart }
}

/** Signs the shared credentials for a nonce made for this request only. */
async function sign(rt: Runtime, { share, rows }: Extract<OpenedShare, { status: 'active' }>, now: Date): Promise<{ parts: PresentationPart[]; challenge: string }> {
  const challenge = newChallenge()
  const parts = rows.length
    ? await presentCredentials(rt, { holderDid: share.did, credentials: rows, challenge, domain: rt.env.publicUrl, now })
    : []
  return { parts, challenge }
}

export interface PresentationFile {
  filename: string
  contentType: string
  body: string
}

/**
 * A freshly signed presentation of an active share, as a file anyone can verify elsewhere: the
 * VP's JSON (Data Integrity: challenge and domain in its proof), or the compact VP-JWT (`nonce`
 * and `aud`). With both formats in one share, `format` picks the part (default: the first).
 * @throws AppError NOT_FOUND for an unknown, revoked or expired share, or an absent format.
 */
export async function sharedPresentationFile(rt: Runtime, token: string, format?: string, now = new Date()): Promise<PresentationFile> {
  const opened = await openShare(rt, token, now)
  if (opened.status !== 'active') throw new AppError('NOT_FOUND', `This share is ${opened.status}`)
  const { parts } = await sign(rt, opened, now)
  const part = format ? parts.find((p) => p.format === format) : parts[0]
  if (!part) throw new AppError('NOT_FOUND', 'Nothing to present')
  const stamp = now.toISOString().slice(0, 10)
  return part.format === 'jwt'
    ? { filename: `presentation-${stamp}.jwt`, contentType: 'application/jwt', body: part.document }
    : { filename: `presentation-${stamp}.json`, contentType: 'application/json; charset=utf-8', body: JSON.stringify(part.presentation, null, 2) }
}

/** An evidence photo of a credential in an active share. @throws AppError NOT_FOUND otherwise. */
export async function sharedPhotoOrThrow(rt: Pick<Runtime, 'db'>, token: string, credentialId: string, now = new Date()): Promise<{ bytes: Uint8Array; type: string }> {
  const share = await findShareByTokenOrThrow(rt, token, now)
  if (share.status !== 'active') throw new AppError('NOT_FOUND', 'This share is not active')
  const row = await repo.findSharedPhoto(rt.db, share.id, share.holder_user_id, credentialId)
  if (!row?.evidence_photo || !row.evidence_photo_type) throw new AppError('NOT_FOUND', 'No evidence photo')
  return { bytes: row.evidence_photo, type: row.evidence_photo_type }
}
