import type { VerificationResult } from '@/lib/credentials/verify/result'
import { AppError } from '@/lib/errors'
import { sharedProfile, type SharedProfile } from '@/lib/profile/service'
import type { Runtime } from '@/lib/runtime'
import { lifecycleFromChecks, otherIdentifierFromChecks } from '@/lib/verification/cards'
import { toCard, type CredentialCardDto } from '@/lib/wallet/cards'
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
    about: string
    expiresAt: string
    cards: CredentialCardDto[]
    /** Per card: the issuer organisation as this instance knows it, or null (unknown issuer). */
    knownIssuers: (string | null)[]
    result: VerificationResult
    /** Formats of the presentations, for the download links. */
    formats: ('di' | 'jwt')[]
    /** The profile sections the young person chose to show: their own words, not verified. */
    profile: SharedProfile
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
  const { share, rows } = opened
  const { parts, challenge } = await sign(rt, opened, now)
  const profile = await sharedProfile(rt, share.id, share.holder_user_id, lang)
  const result = await verifyParts(rt, parts, { challenge, domain: rt.env.publicUrl, now }, rows.map((r) => r.id))
  if (viewerId !== share.holder_user_id) await repo.recordView(rt.db, share.id, now.toISOString())
  return {
    state: 'active',
    holderName: share.display_name,
    about: share.about,
    expiresAt: share.expires_at,
    // Each card says when its credential was issued to another identifier than the holder's (its own holder check).
    cards: rows.map((r, i) => toCard({ ...r, lifecycle: lifecycleFromChecks(result.credentials?.[i]?.checks), otherIdentifier: otherIdentifierFromChecks(result.credentials?.[i]?.checks) }, now)),
    knownIssuers: (result.credentials ?? []).map((r) => {
      const issuer = r.checks.find((c) => c.id === 'issuer')
      return issuer?.status === 'passed' && typeof issuer.details?.name === 'string' ? issuer.details.name : null
    }),
    result,
    formats: parts.map((p) => p.format),
    profile,
  }
}

type OpenedShare =
  | { status: 'revoked' | 'expired' }
  | { status: 'active'; share: Awaited<ReturnType<typeof findShareByTokenOrThrow>> & { did: string }; rows: Awaited<ReturnType<typeof repo.listSharedCredentials>> }

async function openShare(rt: Pick<Runtime, 'db'>, token: string, now: Date): Promise<OpenedShare> {
  const share = await findShareByTokenOrThrow(rt, token, now)
  if (share.status !== 'active') return { status: share.status }
  const did = share.did
  if (!did) throw new AppError('NOT_FOUND', 'The holder has no wallet')
  return { status: 'active', share: { ...share, did }, rows: await repo.listSharedCredentials(rt.db, share.id, share.holder_user_id) }
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
