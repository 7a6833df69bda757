import type { VerificationResult } from '@/lib/credentials/verify/result'
import { AppError } from '@/lib/errors'
import type { Runtime } from '@/lib/runtime'
import { lifecycleFromChecks } from '@/lib/verification/cards'
import { verifyOnInstance } from '@/lib/verification/service'
import type { Db } from '@/db/client'
import { findLinkedDidsOfHolder } from '@/lib/identifiers/repository'
import { newestFirst, subjectIdsOf, toCard, type CardLifecycle, type CredentialCardDto, type OtherIdentifier } from './cards'
import { withWalletHolder } from './import-policy'
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

type WalletRow = Awaited<ReturnType<typeof repo.listHolderCredentials>>[number]

/**
 * The holder's credentials as cards, newest first, the hidden ones apart: those issued here and
 * those imported from elsewhere alike (an imported one shows its status as verified at import).
 */
export async function listWalletCards(rt: Pick<Runtime, 'db'>, user: Actor, now = new Date()): Promise<WalletView> {
  assertYouth(user)
  const [rows, holderDid] = await Promise.all([repo.listHolderCredentials(rt.db, user.id), repo.findHolderDid(rt.db, user.id)])
  const [lifecycles, linked] = await Promise.all([lifecyclesOf(rt.db, rows.map((r) => r.id)), linkedOf(rt.db, holderDid)])
  const cards = rows.map((row) => walletCard(row, holderDid, linked, lifecycles.get(row.id) ?? importLifecycle(row), now)).sort(newestFirst)
  return { visible: cards.filter((c) => !c.hidden), hidden: cards.filter((c) => c.hidden) }
}

/** @throws AppError NOT_FOUND when the credential is not this young person's. */
export async function getWalletCardOrThrow(rt: Pick<Runtime, 'db'>, user: Actor, id: string, now = new Date()): Promise<CredentialCardDto> {
  assertYouth(user)
  const row = await repo.findHolderCredential(rt.db, user.id, id)
  if (!row) throw new AppError('NOT_FOUND', 'No such credential in this wallet')
  const holderDid = await repo.findHolderDid(rt.db, user.id)
  return walletCard(row, holderDid, await linkedOf(rt.db, holderDid), (await lifecyclesOf(rt.db, [row.id])).get(row.id) ?? importLifecycle(row), now)
}

export interface WalletCredential {
  card: CredentialCardDto
  /** Verified now, by this instance, with the wallet's holder check: what a recruiter would see. */
  now: VerificationResult
  /** For an imported credential: the verification made when it was added. */
  atImport: VerificationResult | null
}

/**
 * One credential of the wallet, verified again now (issued or imported alike): signature,
 * dates, status, issuer, and whether it was issued to the young person's own identifier.
 * @throws AppError NOT_FOUND when the credential is not this young person's.
 */
export async function getWalletCredentialOrThrow(rt: Pick<Runtime, 'db' | 'env' | 'agent'>, user: Actor, id: string, now = new Date()): Promise<WalletCredential> {
  assertYouth(user)
  const row = await repo.findHolderCredential(rt.db, user.id, id)
  if (!row) throw new AppError('NOT_FOUND', 'No such credential in this wallet')
  const holderDid = await repo.findHolderDid(rt.db, user.id)
  const [verified, linked] = await Promise.all([verifyOnInstance(rt, { input: row.document, now }), linkedOf(rt.db, holderDid)])
  const current = holderDid ? withWalletHolder(verified, subjectsOrNone(row), holderDid, linked) : verified
  const lifecycle = (await lifecyclesOf(rt.db, [row.id])).get(row.id) ?? lifecycleFromChecks(current.checks)
  return { card: walletCard(row, holderDid, linked, lifecycle, now), now: current, atImport: parseResult(row.import_verification) }
}

function subjectsOrNone(row: WalletRow): (string | undefined)[] {
  try {
    return subjectIdsOf(row)
  } catch {
    return [undefined]
  }
}

function walletCard(row: WalletRow, holderDid: string | null, linked: readonly string[], lifecycle: CardLifecycle | null, now: Date): CredentialCardDto {
  return toCard({ ...row, lifecycle, otherIdentifier: otherIdentifierOf(row.subject_did, holderDid, linked) }, now)
}

/** The identifiers the young person proved to control (decision 021). */
const linkedOf = (db: Db, holderDid: string | null) => (holderDid ? findLinkedDidsOfHolder(db, holderDid) : Promise.resolve([]))

/**
 * Both identifiers, when the credential names another subject than the young person's DID; with
 * `binding: 'linked'` when they proved that identifier is theirs.
 */
function otherIdentifierOf(subject: string, holderDid: string | null, linked: readonly string[]): OtherIdentifier | null {
  if (!holderDid || subject === holderDid) return null
  return { subject: subject || null, holder: holderDid, ...(subject && linked.includes(subject) ? { binding: 'linked' as const } : {}) }
}

/** An imported credential's revoked/suspended state as its verification at import saw it. */
function importLifecycle(row: WalletRow): CardLifecycle | null {
  return row.origin === 'imported' ? lifecycleFromChecks(parseResult(row.import_verification)?.checks) : null
}

function parseResult(json: string | null): VerificationResult | null {
  if (!json) return null
  try {
    return JSON.parse(json) as VerificationResult
  } catch {
    return null
  }
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
