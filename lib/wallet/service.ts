import { AppError } from '@/lib/errors'
import type { Runtime } from '@/lib/runtime'
import type { Db } from '@/db/client'
import { newestFirst, toCard, type CardLifecycle, type CredentialCardDto } from './cards'
import * as repo from './repository'

// A young person's wallet. Every function takes the acting user and re-checks, whatever the
// route already did: only a young person has a wallet, and only their own credentials are in it.
// Another person's credential is NOT_FOUND, never FORBIDDEN: its existence is not revealed.

/** The acting user (a SessionUser fits). */
export type Actor = { id: string; role: string }

/** @throws AppError FORBIDDEN for any role but a young person. */
export function assertYouth(user: Actor): void {
  if (user.role !== 'youth') throw new AppError('FORBIDDEN', 'Only a young person has a wallet')
}

export interface WalletView {
  visible: CredentialCardDto[]
  hidden: CredentialCardDto[]
}

/** The holder's credentials as cards, newest first, the hidden ones apart. */
export async function listWalletCards(rt: Pick<Runtime, 'db'>, user: Actor, now = new Date()): Promise<WalletView> {
  assertYouth(user)
  const rows = await repo.listHolderCredentials(rt.db, user.id)
  const lifecycles = await lifecyclesOf(rt.db, rows.map((r) => r.id))
  const cards = rows.map((row) => toCard({ ...row, lifecycle: lifecycles.get(row.id) }, now)).sort(newestFirst)
  return { visible: cards.filter((c) => !c.hidden), hidden: cards.filter((c) => c.hidden) }
}

/** @throws AppError NOT_FOUND when the credential is not this young person's. */
export async function getWalletCardOrThrow(rt: Pick<Runtime, 'db'>, user: Actor, id: string, now = new Date()): Promise<CredentialCardDto> {
  assertYouth(user)
  const row = await repo.findHolderCredential(rt.db, user.id, id)
  if (!row) throw new AppError('NOT_FOUND', 'No such credential in this wallet')
  return toCard({ ...row, lifecycle: (await lifecyclesOf(rt.db, [row.id])).get(row.id) }, now)
}

/** The issuer's status facts of these credentials, as the card reads them. */
export async function lifecyclesOf(db: Db, ids: string[]): Promise<Map<string, CardLifecycle>> {
  const rows = await repo.findStatusFactsOf(db, ids)
  return new Map(rows.map((r) => [r.credential_id, {
    revokedAt: r.revoked_at, revokedReason: r.revoked_reason, suspendedAt: r.suspended_at, suspendedReason: r.suspended_reason,
  }]))
}

export interface CredentialFile {
  filename: string
  contentType: string
  body: string
}

/**
 * The signed credential exactly as issued, as a file. A Data Integrity credential is its JSON;
 * a VC-JWT is the compact JWT itself (application/jwt, `.jwt`): that is the form every VC-JWT
 * verifier reads (ours, the CLI, other wallets), whereas a JSON wrapper such as `{ "jwt": … }`
 * is a shape no verifier knows.
 * @throws AppError NOT_FOUND
 */
export async function getCredentialFileOrThrow(rt: Pick<Runtime, 'db'>, user: Actor, id: string): Promise<CredentialFile> {
  assertYouth(user)
  const row = await repo.findHolderCredential(rt.db, user.id, id)
  if (!row) throw new AppError('NOT_FOUND', 'No such credential in this wallet')
  const base = fileSlug(row.title) || 'credential'
  if (row.format === 'jwt') return { filename: `${base}.jwt`, contentType: 'application/jwt', body: row.document.trim() }
  return { filename: `${base}.json`, contentType: 'application/json; charset=utf-8', body: JSON.stringify(JSON.parse(row.document), null, 2) }
}

/** @throws AppError NOT_FOUND when the credential is not this young person's or has no photo. */
export async function getEvidencePhotoOrThrow(rt: Pick<Runtime, 'db'>, user: Actor, id: string): Promise<{ bytes: Uint8Array; type: string }> {
  assertYouth(user)
  const row = await repo.findHolderPhoto(rt.db, user.id, id)
  if (!row?.evidence_photo || !row.evidence_photo_type) throw new AppError('NOT_FOUND', 'No evidence photo')
  return { bytes: row.evidence_photo, type: row.evidence_photo_type }
}

/** Hides a credential from the wallet's list and from new shares (nothing is deleted), or shows it again. */
export async function setCredentialHidden(rt: Pick<Runtime, 'db'>, user: Actor, id: string, hidden: boolean, now = new Date()): Promise<void> {
  assertYouth(user)
  const changed = await repo.setHidden(rt.db, user.id, id, hidden ? now.toISOString() : null)
  if (changed === 0) throw new AppError('NOT_FOUND', 'No such credential in this wallet')
}

/** "Stage — Vendeur en boulangerie" → "stage-vendeur-en-boulangerie" (ASCII, for file names). */
export function fileSlug(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60)
}
