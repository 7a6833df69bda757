import type { Transaction } from 'kysely'
import type { Database } from '@/db/schema'
import type { SessionUser } from '@/lib/auth/sessions'
import { AppError, ValidationError } from '@/lib/errors'
import { issueBatchForOrganisation } from '@/lib/issuing/batch'
import { issueForOrganisation } from '@/lib/issuing/service'
import type { Runtime } from '@/lib/runtime'
import type { RowError } from './service'

// Issuing a group of a batch's ready rows (decision 012, "Exactly once"). The fast way signs the
// group's credentials one after the other and commits them in ONE transaction, which also marks
// each row issued — with the same conditional update as before, so a row already issued by another
// run refuses the whole transaction. Then (and whenever the group's transaction fails for any other
// reason) the rows still ready are issued one by one, each in its own transaction: the way every
// row went before. Either way a row and its credential are committed together or not at all.

export interface ReadyRow { row_number: number; holder_user_id: string | null; subject_did: string | null; claims: string }

export interface IssueRowsContext {
  batch: { id: string; template_id: string; format: string }
  organisationId: string
  actor: SessionUser
  /** The organisation's young people now, by DID (read once per chunk). */
  current: Map<string, { id: string }>
  now?: Date
  markFailed: (rowNumber: number, errors: RowError[]) => Promise<void>
  schemaErrors: (e: ValidationError) => RowError[]
}

class RowAlreadyIssued extends Error {}

/** Issues `rows` (each still ready when read); failures are marked per row. @throws AppError FORBIDDEN (the organisation may no longer issue). */
export async function issueRows(rt: Runtime, ctx: IssueRowsContext, rows: ReadyRow[]): Promise<void> {
  const valid: ReadyRow[] = []
  for (const row of rows) {
    const person = row.subject_did ? ctx.current.get(row.subject_did) : undefined
    if (!person || person.id !== row.holder_user_id) await ctx.markFailed(row.row_number, [{ column: 'person', key: 'personNotFound' }])
    else valid.push(row)
  }
  if (!valid.length) return
  let outcomes
  try {
    outcomes = await issueBatchForOrganisation(rt, {
      organisation: { id: ctx.organisationId }, templateId: ctx.batch.template_id, format: format(ctx), issuedByUserId: ctx.actor.id, now: ctx.now,
      items: valid.map((row) => ({ subjectDid: row.subject_did!, claims: JSON.parse(row.claims) })),
      within: (trx, i, issued) => markIssued(trx, ctx.batch.id, valid[i]!.row_number, issued.id),
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

async function markIssued(trx: Transaction<Database>, batchId: string, rowNumber: number, credentialId: string) {
  const result = await trx.updateTable('bulk_rows').set({ status: 'issued', credential_id: credentialId, issued_at: new Date().toISOString(), error: null })
    .where('batch_id', '=', batchId).where('row_number', '=', rowNumber).where('status', 'in', ['ready', 'failed'])
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) !== 1) throw new RowAlreadyIssued()
}

async function stillReady(rt: Runtime, batchId: string, rows: ReadyRow[]): Promise<ReadyRow[]> {
  const ready = await rt.db.selectFrom('bulk_rows').select('row_number').where('batch_id', '=', batchId).where('status', '=', 'ready')
    .where('row_number', 'in', rows.map((r) => r.row_number)).execute()
  const numbers = new Set(ready.map((r) => r.row_number))
  return rows.filter((r) => numbers.has(r.row_number))
}

/** One row in its own transaction (the fallback). */
async function issueOneRow(rt: Runtime, ctx: IssueRowsContext, row: ReadyRow): Promise<void> {
  try {
    await issueForOrganisation(rt, {
      organisation: { id: ctx.organisationId }, templateId: ctx.batch.template_id, subjectDid: row.subject_did!, claims: JSON.parse(row.claims),
      format: format(ctx), issuedByUserId: ctx.actor.id, now: ctx.now,
      within: (trx, issued) => markIssued(trx, ctx.batch.id, row.row_number, issued.id),
    })
  } catch (e) {
    if (e instanceof RowAlreadyIssued) return // another run issued it: its credential stands, this one was rolled back
    if (e instanceof AppError && e.code === 'FORBIDDEN') throw e
    await ctx.markFailed(row.row_number, whyFailed(ctx, e))
  }
}

function whyFailed(ctx: IssueRowsContext, e: unknown): RowError[] {
  return e instanceof ValidationError ? ctx.schemaErrors(e) : [{ column: 'row', key: 'issueFailed' }]
}
