import type { Transaction } from 'kysely'
import type { Database } from '@/db/schema'
import type { SessionUser } from '@/lib/auth/sessions'
import { AppError, ValidationError } from '@/lib/errors'
import { issueBatchForOrganisation } from '@/lib/issuing/batch'
import { issueForOrganisation } from '@/lib/issuing/service'
import type { Runtime } from '@/lib/runtime'
import type { Person, RowError } from './check-row'
import { duplicateJson, findHeld, heldBadges, heldNow, skillKeys, type Duplicate, type KeysCache } from './duplicates'
import { REPLACEMENT } from './encoding'
import * as repo from './repository'

// Issuing a group of a batch's ready rows (decision 012, "Exactly once"). The fast way signs the
// group's credentials one after the other and commits them in ONE transaction, which also marks
// each row issued — with the same conditional update as before, so a row already issued by another
// run refuses the whole transaction. Then (and whenever the group's transaction fails for any other
// reason) the rows still ready are issued one by one, each in its own transaction: the way every
// row went before. Either way a row and its credential are committed together or not at all.
//
// A row repeating a badge (issue 12 §7) is checked again here, as the world may have changed since
// the preview: before signing (the row is skipped, nothing signed) and inside the write
// transaction (a badge committed meanwhile refuses the row, which is then skipped) — unless the
// counsellor chose to issue that row again on purpose.

export interface ReadyRow { row_number: number; holder_user_id: string | null; subject_did: string | null; claims: string; reissue: number }

export interface IssueRowsContext {
  batch: { id: string; template_id: string; format: string }
  organisationId: string
  actor: SessionUser
  /** The organisation's young people now, by DID (read once per chunk). */
  current: Map<string, Person>
  now?: Date
  markFailed: (rowNumber: number, errors: RowError[]) => Promise<void>
  /** Each stored badge's skill, read once per chunk (./duplicates.ts). */
  keysCache?: KeysCache
  /** The tests' hook between the check for repeats and the signing (where the world may change). */
  beforeSign?: () => void | Promise<void>
  schemaErrors: (e: ValidationError) => RowError[]
}

class RowAlreadyIssued extends Error {}
class RowRepeats extends Error {
  constructor(readonly duplicate: Duplicate) { super('The young person holds this badge already') }
}

/** Issues `rows` (each still ready when read); failures are marked per row. @throws AppError FORBIDDEN (the organisation may no longer issue). */
export async function issueRows(rt: Runtime, ctx: IssueRowsContext, rows: ReadyRow[]): Promise<void> {
  const candidates: ReadyRow[] = []
  for (const row of rows) {
    const person = row.subject_did ? ctx.current.get(row.subject_did) : undefined
    if (!person || person.id !== row.holder_user_id) await ctx.markFailed(row.row_number, [{ column: 'person', key: 'personNotFound' }])
    // Never signed: a character the file's encoding could not read (the preview refuses it too).
    else if (row.claims.includes(REPLACEMENT)) await ctx.markFailed(row.row_number, [{ column: 'row', key: 'unreadableCharacter' }])
    else candidates.push(row)
  }
  const valid = await withoutRepeats(rt, ctx, candidates)
  if (!valid.length) return
  await ctx.beforeSign?.()
  let outcomes
  try {
    outcomes = await issueBatchForOrganisation(rt, {
      organisation: { id: ctx.organisationId }, templateId: ctx.batch.template_id, format: format(ctx), issuedByUserId: ctx.actor.id, now: ctx.now,
      items: valid.map((row) => ({ subjectDid: row.subject_did!, claims: JSON.parse(row.claims) })),
      within: (trx, i, issued) => commitRow(trx, ctx, valid[i]!, issued.id),
    })
  } catch (e) {
    if (e instanceof AppError && e.code === 'FORBIDDEN') throw e
    // Nothing of the group was written: the rows another run has not issued meanwhile go one by one.
    for (const row of await stillReady(rt, ctx.batch.id, valid)) await issueOneRow(rt, ctx, row)
    return
  }
  for (const [i, outcome] of outcomes.entries()) {
    if ('error' in outcome) await ctx.markFailed(valid[i]!.row_number, whyFailed(ctx, outcome.error))
  }
}

const format = (ctx: IssueRowsContext) => (ctx.batch.format === 'jwt' ? 'jwt' as const : 'di' as const)

const keysOf = (row: ReadyRow) => skillKeys((JSON.parse(row.claims) as { skill?: Parameters<typeof skillKeys>[0] }).skill)

/** The rows to sign: those not repeating a badge the young person holds now (skipped), or chosen to be issued again. */
async function withoutRepeats(rt: Runtime, ctx: IssueRowsContext, rows: ReadyRow[]): Promise<ReadyRow[]> {
  const checked = rows.filter((r) => r.reissue !== 1)
  if (!checked.length) return rows
  const people = checked.map((r) => ({ id: r.holder_user_id! }))
  const held = await heldBadges(rt.db, ctx.organisationId, people, ctx.now ?? new Date(), { cache: ctx.keysCache })
  const out: ReadyRow[] = []
  for (const row of rows) {
    const badge = row.reissue === 1 ? undefined : findHeld(held.get(row.holder_user_id!), keysOf(row))
    if (badge) await markSkipped(rt, ctx.batch.id, row.row_number, { kind: 'held', credentialId: badge.credentialId, issuedAt: badge.issuedAt })
    else out.push(row)
  }
  return out
}

/** Inside the write transaction: the row is marked issued — once — unless it now repeats a badge committed meanwhile. */
async function commitRow(trx: Transaction<Database>, ctx: IssueRowsContext, row: ReadyRow, credentialId: string) {
  if (row.reissue !== 1) {
    const badge = await heldNow(trx, ctx.organisationId, row.holder_user_id!, keysOf(row), credentialId, ctx.now ?? new Date(), ctx.keysCache)
    if (badge) throw new RowRepeats({ kind: 'held', credentialId: badge.credentialId, issuedAt: badge.issuedAt })
  }
  await markIssued(trx, ctx.batch.id, row.row_number, credentialId)
}

async function markSkipped(rt: Runtime, batchId: string, rowNumber: number, duplicate: Duplicate) {
  await repo.markReadyRowSkipped(rt.db, batchId, rowNumber, duplicateJson(duplicate))
}

async function markIssued(trx: Transaction<Database>, batchId: string, rowNumber: number, credentialId: string) {
  if (await repo.markRowIssued(trx, batchId, rowNumber, credentialId, new Date().toISOString()) !== 1) throw new RowAlreadyIssued()
}

async function stillReady(rt: Runtime, batchId: string, rows: ReadyRow[]): Promise<ReadyRow[]> {
  const ready = await repo.listStillReady(rt.db, batchId, rows.map((r) => r.row_number))
  const numbers = new Set(ready.map((r) => r.row_number))
  return rows.filter((r) => numbers.has(r.row_number))
}

/** One row in its own transaction (the fallback). */
async function issueOneRow(rt: Runtime, ctx: IssueRowsContext, row: ReadyRow): Promise<void> {
  try {
    await issueForOrganisation(rt, {
      organisation: { id: ctx.organisationId }, templateId: ctx.batch.template_id, subjectDid: row.subject_did!, claims: JSON.parse(row.claims),
      format: format(ctx), issuedByUserId: ctx.actor.id, now: ctx.now,
      within: (trx, issued) => commitRow(trx, ctx, row, issued.id),
    })
  } catch (e) {
    if (e instanceof RowAlreadyIssued) return // another run issued it: its credential stands, this one was rolled back
    if (e instanceof RowRepeats) return markSkipped(rt, ctx.batch.id, row.row_number, e.duplicate) // a badge committed meanwhile
    if (e instanceof AppError && e.code === 'FORBIDDEN') throw e
    await ctx.markFailed(row.row_number, whyFailed(ctx, e))
  }
}

function whyFailed(ctx: IssueRowsContext, e: unknown): RowError[] {
  return e instanceof ValidationError ? ctx.schemaErrors(e) : [{ column: 'row', key: 'issueFailed' }]
}
