import { randomBytes, randomUUID } from 'node:crypto'
import { hashToken } from '@/lib/security/tokens'
import { AppError, ValidationError } from '@/lib/errors'
import type { Runtime } from '@/lib/runtime'
import { assertYouth, type Actor } from '@/lib/wallet/service'
import { findHolderCredentials } from '@/lib/wallet/repository'
import * as repo from './repository'
import type { CreateShareInput } from './schemas'
import { openShareToken, sealShareToken } from './token-seal'

// A young person's portfolio shares: a link (and its QR code) that shows chosen credentials to
// anyone holding it, until it expires or is revoked. The token is 256 random bits, looked up by
// its SHA-256; it is kept besides only encrypted under the master key, so that its holder can show
// it again, and a database leak alone still opens no one's portfolio (docs/decisions/024).

const DAY_MS = 24 * 3600 * 1000

export type ShareStatus = 'active' | 'expired' | 'revoked'

export interface ShareSummaryDto {
  id: string
  label: string
  credentialCount: number
  createdAt: string
  expiresAt: string
  viewCount: number
  lastViewedAt: string | null
  status: ShareStatus
  /** False for a share made before issue 12: its token was not kept, its link cannot be shown again. */
  canShowAgain: boolean
}

/** One share, to show again: its link only while it is active and its token could be opened. */
export interface ShareToShowDto extends ShareSummaryDto {
  url: string | null
}

export interface CreatedShare {
  id: string
  /** The token; stored encrypted, so its holder can show it again (getShareToShow). */
  token: string
  url: string
  expiresAt: string
}

export const shareUrl = (publicUrl: string, token: string) => `${publicUrl}/p/${token}`

export function shareStatus(share: { revoked_at: string | null; expires_at: string }, now: Date): ShareStatus {
  if (share.revoked_at) return 'revoked'
  return new Date(share.expires_at).getTime() <= now.getTime() ? 'expired' : 'active'
}

/**
 * Creates a share of some of the young person's own, visible credentials.
 * @throws AppError FORBIDDEN for another role; NOT_FOUND when a credential is not theirs;
 *   ValidationError when a chosen credential is hidden.
 */
export async function createShare(
  rt: Pick<Runtime, 'db' | 'env'>, user: Actor, input: CreateShareInput, now = new Date(),
  /** For the demo seed only (lib/seed/demo.ts): a known id, and an end date beyond the form's choices. */
  options: { id?: string; expiresAt?: Date } = {},
): Promise<CreatedShare> {
  assertYouth(user)
  const ids = [...new Set(input.credentialIds)]
  const owned = await findHolderCredentials(rt.db, user.id, ids)
  if (owned.length !== ids.length) throw new AppError('NOT_FOUND', 'A chosen credential is not in this wallet')
  if (owned.some((c) => c.hidden_at)) throw new ValidationError('A hidden credential cannot be shared', [{ path: '/credentialIds', message: 'hiddenCredential' }])
  const token = randomBytes(32).toString('base64url')
  const id = options.id ?? randomUUID()
  const share = {
    id,
    holder_user_id: user.id,
    token_hash: hashToken(token),
    token_ciphertext: sealShareToken(rt.env, id, token),
    label: input.label,
    about: input.about,
    created_at: now.toISOString(),
    expires_at: (options.expiresAt ?? new Date(now.getTime() + input.expiresInDays * DAY_MS)).toISOString(),
  }
  await repo.insertShare(rt.db, share, ids, [...new Set(input.sections ?? [])])
  return { id: share.id, token, url: shareUrl(rt.env.publicUrl, token), expiresAt: share.expires_at }
}

/** The young person's shares, newest first, with their views and status. */
export async function listShares(rt: Pick<Runtime, 'db'>, user: Actor, now = new Date()): Promise<ShareSummaryDto[]> {
  assertYouth(user)
  const rows = await repo.listHolderShares(rt.db, user.id)
  return rows.map((r) => toSummary(r, now))
}

type SummaryRow = Awaited<ReturnType<typeof repo.listHolderShares>>[number]

function toSummary(r: SummaryRow, now: Date): ShareSummaryDto {
  return {
    id: r.id,
    label: r.label,
    credentialCount: Number(r.credential_count ?? 0),
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    viewCount: Number(r.view_count),
    lastViewedAt: r.last_viewed_at,
    status: shareStatus(r, now),
    canShowAgain: Boolean(r.token_kept),
  }
}

/**
 * One of the young person's shares, with its link (to show again as a QR code) while it is active.
 * A share made before its token was kept, or whose token no longer opens (the master key was
 * changed), comes with no link and canShowAgain false.
 * @throws AppError FORBIDDEN for another role; NOT_FOUND when the share is not theirs.
 */
export async function getShareToShow(rt: Pick<Runtime, 'db' | 'env'>, user: Actor, shareId: string, now = new Date()): Promise<ShareToShowDto> {
  assertYouth(user)
  const row = await repo.findHolderShareToShow(rt.db, user.id, shareId)
  if (!row) throw new AppError('NOT_FOUND', 'No such share')
  const summary = toSummary(row, now)
  if (summary.status !== 'active') return { ...summary, url: null }
  // Opened only while the link works: a stopped or ended link has nothing to show.
  const token = openShareToken(rt.env, row)
  return { ...summary, canShowAgain: token !== null, url: token ? shareUrl(rt.env.publicUrl, token) : null }
}

/** Revokes one of the young person's shares at once; revoking twice is harmless. @throws AppError NOT_FOUND */
export async function revokeShare(rt: Pick<Runtime, 'db'>, user: Actor, shareId: string, now = new Date()): Promise<void> {
  assertYouth(user)
  const changed = await repo.revokeShare(rt.db, user.id, shareId, now.toISOString())
  if (changed === 0 && !(await repo.findHolderShare(rt.db, user.id, shareId))) throw new AppError('NOT_FOUND', 'No such share')
}

/**
 * What one of the young person's shares showed, to fill the form of a new one (a share that cannot
 * be shown again is replaced by a new link with the same badges). Null when it is not theirs.
 */
export async function getShareContent(rt: Pick<Runtime, 'db'>, user: Actor, shareId: string): Promise<{ label: string; about: string; credentialIds: string[]; sections: string[] } | null> {
  assertYouth(user)
  const found = await repo.findHolderShareContent(rt.db, user.id, shareId)
  return found ? { label: found.label, about: found.about, credentialIds: found.credentialIds, sections: found.sections } : null
}

const TOKEN_RE = /^[A-Za-z0-9_-]{43}$/

/**
 * The share a token opens, whatever its state. @throws AppError NOT_FOUND for an unknown token
 * (a malformed one is not even looked up).
 */
export async function findShareByTokenOrThrow(rt: Pick<Runtime, 'db'>, token: string, now = new Date()) {
  const share = TOKEN_RE.test(token) ? await repo.findShareByTokenHash(rt.db, hashToken(token)) : undefined
  if (!share) throw new AppError('NOT_FOUND', 'No such share')
  return { ...share, status: shareStatus(share, now) }
}
