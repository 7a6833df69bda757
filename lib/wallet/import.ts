import { createHash } from 'node:crypto'
import { isObject, parseInput, toArray } from '@/lib/credentials/verify/input'
import { jwtCredentialView } from '@/lib/credentials/verify/jwt'
import type { VerificationResult } from '@/lib/credentials/verify/result'
import { remoteStatusOf } from '@/lib/directory/recheck'
import { findLinkedDidsOfHolder } from '@/lib/identifiers/repository'
import type { Runtime } from '@/lib/runtime'
import { LIMITS } from '@/lib/security/limits'
import { hit, type RateLimit } from '@/lib/security/rate-limit'
import { verifyOnInstance } from '@/lib/verification/service'
import { toCard } from './cards'
import { readImportInput, type ImportInputError } from './import-input'
import { judgeImport, notACredential, withWalletHolder, type ImportWarning, type RefusalReason } from './import-policy'
import * as repo from './repository'
import { assertYouth, type Actor } from './service'

// A young person adds credentials received elsewhere (another wallet, an e-mail, a download).
// Each one is verified by this instance's pipeline, judged (import-policy.ts), and, when kept,
// stored with its origin, the document exactly as received and the verification result at import.
// Why: docs/decisions/011-importing-credentials.md.

/** Imports per young person per hour: each can make this server resolve DIDs and fetch status lists. */
export const IMPORT_LIMIT: RateLimit = LIMITS.import

export interface ImportItemDto {
  /** 1-based, in the order the credentials came. */
  position: number
  outcome: 'added' | 'refused'
  reason?: RefusalReason
  warnings: ImportWarning[]
  /** The credential's title as it reads (null when it cannot be read as a credential). */
  title: string | null
  language: string | null
  /** The wallet id: the added credential, or the one already there (duplicate). */
  walletId?: string
  /** The identifier the credential was issued to, when it is not the young person's. */
  subject?: string
  result: VerificationResult
}

export type ImportResult =
  | { ok: true; items: ImportItemDto[] }
  | { ok: false; error: ImportInputError | 'rateLimited'; count?: number }

export interface ImportOptions {
  now?: Date
  /** How each credential is verified (default: this instance's pipeline, verifyOnInstance). */
  verify?: (input: unknown) => Promise<VerificationResult>
}

/**
 * Verifies and adds the credentials in `text` to the young person's wallet; each is added or
 * refused on its own (one row per credential, written at once: nothing half done).
 * @throws AppError FORBIDDEN for any role but a young person.
 */
export async function importCredentials(rt: Pick<Runtime, 'db' | 'env' | 'agent'>, user: Actor, text: string, options: ImportOptions = {}): Promise<ImportResult> {
  assertYouth(user)
  const now = options.now ?? new Date()
  const input = readImportInput(text)
  if (!input.ok) return input
  if (!(await hit(rt, `import:${user.id}`, IMPORT_LIMIT, now)).allowed) return { ok: false, error: 'rateLimited' }
  const holderDid = (await repo.findHolderDid(rt.db, user.id)) ?? ''
  // A credential issued to an identifier the young person already linked is theirs (decision 021).
  const linked = holderDid ? await findLinkedDidsOfHolder(rt.db, holderDid) : []
  const verifyOne = options.verify ?? ((value: unknown) => verifyOnInstance(rt, { input: value, now }))
  const prepared = await Promise.all(input.entries.map(async (entry) => {
    const read = readEntry(entry.value, entry.text)
    const verified = read ? await verifyOne(entry.value) : notACredential('Only credentials can be added to a wallet, not a presentation or other data')
    return { read, result: read ? withWalletHolder(verified, read.subjects, holderDid, linked) : verified }
  }))
  const items: ImportItemDto[] = []
  // One after the other: the same credential twice in one import is a duplicate too.
  for (const [i, { read, result }] of prepared.entries()) {
    items.push(await keepOrRefuse(rt, user, { position: i + 1, read, result, holderDid, now }))
  }
  return { ok: true, items }
}

interface ReadEntry {
  format: 'di' | 'jwt'
  /** What is stored: the JSON text or the compact JWT, as received. */
  document: string
  /** The credential's own `id`, if it has one. */
  credentialId?: string
  subjects: unknown[]
}

/** The entry as a credential to store, or undefined when it is not a credential at all. */
function readEntry(value: unknown, text: string): ReadEntry | undefined {
  const parsed = parseInput(value)
  if (!parsed.ok || parsed.kind !== 'credential') return undefined
  if (parsed.format === 'jwt') {
    const view = jwtCredentialView(parsed.jwt)
    return { format: 'jwt', document: parsed.jwt, credentialId: idOf(view), subjects: subjectsOf(view) }
  }
  // A credential pasted on its own keeps its text; one taken from a list or a presentation is
  // serialised again (a Data Integrity proof signs the data, not the whitespace).
  const document = isObject(safeParse(text)) ? text : JSON.stringify(parsed.document)
  return { format: 'di', document, credentialId: idOf(parsed.document), subjects: subjectsOf(parsed.document) }
}

interface Decision {
  position: number
  read: ReadEntry | undefined
  result: VerificationResult
  holderDid: string
  now: Date
}

async function keepOrRefuse(rt: Pick<Runtime, 'db'>, user: Actor, d: Decision): Promise<ImportItemDto> {
  const card = d.read ? cardOf(d.read, d.now) : undefined
  const judged = judgeImport(d.result)
  const holder = d.result.checks.find((c) => c.id === 'holder')
  // The identifier named in the report: another one than the wallet's, unless it is a linked one.
  const subject = holder?.code === 'SUBJECT_LINKED' ? undefined : d.read?.subjects.find((s): s is string => typeof s === 'string' && s !== d.holderDid)
  const base = { position: d.position, title: card?.title ?? null, language: card && card.language !== 'und' ? card.language : null, result: d.result, ...(subject ? { subject } : {}) }
  if (judged.reason || !d.read) return { ...base, outcome: 'refused', reason: judged.reason ?? 'notCredential', warnings: [] }
  const walletId = importedRowId(user.id, identityOf(d.read))
  const already = await repo.findHolderCredentialIds(rt.db, user.id, [walletId, ...(d.read.credentialId ? [d.read.credentialId] : [])])
  if (already.length) return { ...base, outcome: 'refused', reason: 'duplicate', warnings: [], walletId: already[0] }
  const at = d.now.toISOString()
  const inserted = await repo.insertImportedCredential(rt.db, {
    id: walletId,
    issuer_organisation_id: null,
    issued_by_user_id: null,
    holder_user_id: user.id,
    subject_did: typeof d.read.subjects[0] === 'string' ? d.read.subjects[0] : '',
    issuer_did: issuerOf(card),
    template_id: card?.templateId ?? 'unknown',
    format: d.read.format,
    document: d.read.document,
    title: card?.title || 'credential',
    valid_from: card?.issuedAt || at,
    valid_until: card?.validUntil ?? null,
    created_at: at,
    language: null,
    origin: 'imported',
    imported_at: at,
    import_verification: JSON.stringify(d.result),
    // The verification just made counts as the first status check of the directory's re-check (decision 020).
    ...firstStatusCheck(d.result, at),
  })
  if (!inserted) return { ...base, outcome: 'refused', reason: 'duplicate', warnings: [], walletId }
  return { ...base, outcome: 'added', warnings: judged.warnings, walletId }
}

function firstStatusCheck(result: VerificationResult, at: string) {
  const status = remoteStatusOf(result)
  return { remote_status: status, remote_status_checked_at: status ? at : null, remote_status_attempted_at: at }
}

function cardOf(read: ReadEntry, now: Date) {
  try {
    return toCard({ document: read.document, format: read.format }, now)
  } catch {
    return undefined
  }
}

const issuerOf = (card: ReturnType<typeof cardOf>) => (card?.issuer.did ? card.issuer.did : null)

/** What makes two imports the same credential: its `id`, or for one without, its content. */
function identityOf(read: ReadEntry): string {
  if (read.credentialId) return `id:${read.credentialId}`
  const canonical = read.format === 'jwt' ? read.document : JSON.stringify(safeParse(read.document))
  return `sha256:${createHash('sha256').update(canonical).digest('hex')}`
}

/**
 * The wallet row id of an imported credential: a UUID derived from the holder and the credential,
 * so that importing it twice finds the same row, and two young people importing one credential
 * never collide (the credential's own id stays in its document).
 */
export function importedRowId(holderId: string, identity: string): string {
  const h = createHash('sha256').update(`tremplin:import\n${holderId}\n${identity}`).digest()
  h[6] = (h[6]! & 0x0f) | 0x80 // UUID version 8 (RFC 9562: custom)
  h[8] = (h[8]! & 0x3f) | 0x80 // RFC 9562 variant
  const hex = h.subarray(0, 16).toString('hex')
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`
}

function idOf(doc: Record<string, unknown> | undefined): string | undefined {
  return typeof doc?.id === 'string' && doc.id.trim() !== '' ? doc.id : undefined
}

function subjectsOf(doc: Record<string, unknown> | undefined): unknown[] {
  const subjects = toArray<unknown>(doc?.credentialSubject)
  return subjects.length ? subjects.map((s) => (isObject(s) ? s.id : undefined)) : [undefined]
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
