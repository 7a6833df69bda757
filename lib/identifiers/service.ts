import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { AppError } from '@/lib/errors'
import type { Runtime } from '@/lib/runtime'
import { hit, type RateLimit } from '@/lib/security/rate-limit'
import { hashToken } from '@/lib/security/tokens'
import type { VerificationResult } from '@/lib/credentials/verify/result'
import { verifyOnInstance } from '@/lib/verification/service'
import { findHolderDid, listHolderCredentials } from '@/lib/wallet/repository'
import { assertYouth, type Actor } from '@/lib/wallet/service'
import { judgeLinkProof, presentedChallenge, signerOf, type LinkRefusal } from './proof'
import * as repo from './repository'
import { linkLimitKey } from './repository'
import { LINK_MAX_BYTES, LinkDidSchema } from './schemas'

// A young person links another identifier (a DID of another wallet of theirs) by proving control
// of it: a presentation signed by that DID answering a challenge made here, for this site. Only
// then do credentials issued to that DID count as theirs, in the wallet and in every presentation
// this instance verifies (`linkedIdentifiersFor`). Why: docs/decisions/021-linked-identifiers.md.

/** How long a challenge can be answered. */
export const CHALLENGE_TTL_MS = 15 * 60 * 1000
/** Link attempts per young person: each verifies a presentation (and may resolve a did:web). */
export const LINK_LIMIT: RateLimit = { max: 20, windowMs: 60 * 60 * 1000 }
export { linkLimitKey }

export interface LinkChallengeDto {
  id: string
  /** Shown once, to be signed by the other wallet; only its hash is stored. */
  challenge: string
  /** This site's origin: the presentation's `domain` (VP-JWT: `aud`). */
  domain: string
  did: string
  expiresAt: string
}

export type LinkOutcome =
  | { ok: true; did: string; linkedAt: string }
  | { ok: false; code: LinkRefusal; did?: string; signer?: string; result?: VerificationResult }

export const siteDomain = (rt: Pick<Runtime, 'env'>) => new URL(rt.env.publicUrl).origin

/**
 * A fresh challenge to prove control of `did`, bound to this young person.
 * @throws AppError FORBIDDEN for another role; VALIDATION_FAILED for something that is not a DID;
 *   CONFLICT (details: the LinkRefusal code) when it cannot be linked (their own, or linked already).
 */
export async function createLinkChallenge(rt: Pick<Runtime, 'db' | 'env'>, user: Actor, did: string, now = new Date()): Promise<LinkChallengeDto> {
  assertYouth(user)
  const parsed = LinkDidSchema.safeParse(did)
  if (!parsed.success) throw new AppError('VALIDATION_FAILED', 'Not a DID')
  const refusal = await whyNotLinkable(rt, user, parsed.data)
  if (refusal) throw new AppError('CONFLICT', 'This identifier cannot be linked', refusal)
  const challenge = randomBytes(16).toString('base64url')
  const row = {
    id: randomUUID(), user_id: user.id, did: parsed.data, challenge_hash: hashToken(challenge),
    created_at: now.toISOString(), expires_at: new Date(now.getTime() + CHALLENGE_TTL_MS).toISOString(),
  }
  await repo.insertChallenge(rt.db, row)
  return { id: row.id, challenge, domain: siteDomain(rt), did: row.did, expiresAt: row.expires_at }
}

/** Their own wallet's DID, another account's, or one linked already: nothing to prove. */
async function whyNotLinkable(rt: Pick<Runtime, 'db'>, user: Actor, did: string): Promise<LinkRefusal | undefined> {
  if ((await findHolderDid(rt.db, user.id)) === did) return 'LINK_OWN_IDENTIFIER'
  const owner = await repo.findLinkOwner(rt.db, did)
  if (owner) return owner.user_id === user.id ? 'LINK_ALREADY_LINKED' : 'LINK_TAKEN'
  if (await repo.isHolderDidOfSomeone(rt.db, did)) return 'LINK_TAKEN'
  return undefined
}

/**
 * Verifies a presentation answering one of this young person's challenges and, when it proves
 * control of the challenge's DID, records the link (the challenge is used at the same time).
 * Never throws for a bad presentation: the outcome says why (a LinkRefusal code).
 * @throws AppError FORBIDDEN for another role.
 */
export async function linkIdentifier(rt: Pick<Runtime, 'db' | 'env' | 'agent'>, user: Actor, input: { challengeId: string; text: string }, now = new Date()): Promise<LinkOutcome> {
  assertYouth(user)
  if (!(await hit(rt, linkLimitKey(user.id), LINK_LIMIT, now)).allowed) return { ok: false, code: 'LINK_RATE_LIMITED' }
  const row = await repo.findChallenge(rt.db, user.id, input.challengeId)
  if (!row) return { ok: false, code: 'LINK_CHALLENGE_UNKNOWN' }
  if (row.used_at) return { ok: false, code: 'LINK_CHALLENGE_USED', did: row.did }
  if (new Date(row.expires_at).getTime() <= now.getTime()) return { ok: false, code: 'LINK_CHALLENGE_EXPIRED', did: row.did }
  const text = input.text.trim()
  if (text === '') return { ok: false, code: 'LINK_EMPTY', did: row.did }
  if (Buffer.byteLength(text, 'utf8') > LINK_MAX_BYTES) return { ok: false, code: 'LINK_TOO_LARGE', did: row.did }
  const refusal = await whyNotLinkable(rt, user, row.did)
  if (refusal) return { ok: false, code: refusal, did: row.did }
  const presented = presentedChallenge(text)
  if (!presented.presentation) return { ok: false, code: 'LINK_NOT_PRESENTATION', did: row.did }
  if (!presented.challenge || hashToken(presented.challenge) !== row.challenge_hash) return { ok: false, code: 'LINK_CHALLENGE_MISMATCH', did: row.did }
  const result = await verifyOnInstance(rt, { input: text, challenge: presented.challenge, domain: siteDomain(rt), now })
  const judged = judgeLinkProof(result, row.did)
  if (judged) return { ok: false, code: judged, did: row.did, result, ...(judged === 'LINK_WRONG_SIGNER' && signerOf(result) ? { signer: signerOf(result) } : {}) }
  const linkedAt = now.toISOString()
  const stored = await repo.consumeChallengeAndLink(rt.db, row.id, {
    id: randomUUID(), user_id: user.id, did: row.did, presentation: text,
    presentation_hash: createHash('sha256').update(text, 'utf8').digest('hex'), linked_at: linkedAt,
  })
  if (stored === 'used') return { ok: false, code: 'LINK_CHALLENGE_USED', did: row.did }
  if (stored === 'taken') return { ok: false, code: 'LINK_TAKEN', did: row.did }
  return { ok: true, did: row.did, linkedAt }
}

/** Removes one of this young person's links; credentials issued to that DID stop counting as theirs. @throws AppError NOT_FOUND */
export async function unlinkIdentifier(rt: Pick<Runtime, 'db'>, user: Actor, did: string): Promise<void> {
  assertYouth(user)
  if ((await repo.deleteLink(rt.db, user.id, did)) === 0) throw new AppError('NOT_FOUND', 'No such linked identifier')
}

export interface LinkedIdentifierDto {
  did: string
  linkedAt: string
}

/** This young person's linked identifiers, oldest first. */
export async function listLinkedIdentifiers(rt: Pick<Runtime, 'db'>, user: Actor): Promise<LinkedIdentifierDto[]> {
  assertYouth(user)
  return (await repo.listLinks(rt.db, user.id)).map((l) => ({ did: l.did, linkedAt: l.linked_at }))
}

/**
 * The identifiers the young person's credentials were issued to, other than their wallet's and
 * not linked yet: what they may want to prove is theirs.
 */
export async function linkableIdentifiers(rt: Pick<Runtime, 'db'>, user: Actor): Promise<string[]> {
  assertYouth(user)
  const [rows, holderDid, links] = await Promise.all([listHolderCredentials(rt.db, user.id), findHolderDid(rt.db, user.id), repo.listLinks(rt.db, user.id)])
  const linked = new Set(links.map((l) => l.did))
  const subjects = rows.map((r) => r.subject_did).filter((d) => d && d !== holderDid && !linked.has(d) && LinkDidSchema.safeParse(d).success)
  return [...new Set(subjects)].sort()
}

export { linkedIdentifiersFor } from './lookup'
