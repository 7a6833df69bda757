import type { SessionUser } from '@/lib/auth/sessions'
import { AppError } from '@/lib/errors'
import { pilotOrThrow } from '@/lib/pilots/service'
import type { Runtime } from '@/lib/runtime'
import { peopleIndex, schemaErrors, type RowError } from './check-row'
import { BULK_COLUMNS, toCsv, type CsvRecord } from './csv'
import { parseDuplicate, type Duplicate } from './duplicates'
import { issueRows, type IssueRowsContext } from './issue-rows'
import * as repo from './repository'

// Bulk issuing of skill badges from a pilot action (decision 012):
//   1. preview (./preview.ts): every row is checked (person, claims against the template's JSON
//      Schema and rules, repeats of a badge) and stored as a batch — nothing is signed;
//   2. issue: the browser asks for one chunk at a time (issueNextChunk, bounded in time); each
//      credential is written in the SAME transaction that marks its row issued, and that update
//      only matches a row still 'ready' or 'failed': a retried, concurrent or resumed chunk can
//      never give a row two credentials;
//   3. report: one line per row (issued with its credential, or why not), also as CSV.

export { TEMPLATE_ID, type RowError } from './check-row'
export { previewCsvBatch, previewSelectionBatch, type PreviewResult } from './preview'

/**
 * Rows signed one after the other and committed in one transaction: one commit (and a handful of
 * statements) per group instead of per row; small enough that the time budget is checked often
 * (a group takes well under a second) and that a group lost to a crash costs little to re-sign.
 */
const GROUP_SIZE = 20
/** A chunk stops taking new rows after this long (one request stays well under ~20 s). */
export const CHUNK_BUDGET_MS = 8000

export interface BulkProgressDto {
  batchId: string
  status: 'previewed' | 'running' | 'done'
  total: number
  ready: number
  issued: number
  failed: number
  invalid: number
  /** Rows repeating a badge, left out unless the counsellor chooses to issue them again. */
  skipped: number
}

export interface BulkRowDto {
  rowNumber: number
  person: string
  displayName: string | null
  skill: string
  level: string
  status: 'ready' | 'invalid' | 'issued' | 'failed' | 'skipped'
  errors: RowError[]
  credentialId: string | null
  /** The badge this row repeats (held already, or given by an earlier row), if it does. */
  duplicate: Duplicate | null
  /** The counsellor chose to issue this repeat again on purpose. */
  reissue: boolean
}

export interface BulkBatchDto extends BulkProgressDto {
  pilotId: string
  source: string
  fileName: string | null
  /** How the file was read (lib/bulk/encoding.ts), null for a selection. */
  encoding: string | null
  delimiter: string | null
  createdAt: string
  rows: BulkRowDto[]
}

/** The interruption hook of tests: called before each row is issued; throwing stops the chunk there. */
export type BeforeRow = (rowNumber: number) => void | Promise<void>

/** The batch, in the actor's organisation and one of its pilots. @throws AppError FORBIDDEN, NOT_FOUND */
export async function batchOrThrow(rt: Pick<Runtime, 'db'>, actor: SessionUser, batchId: string) {
  if (actor.role !== 'counsellor' || !actor.organisationId) throw new AppError('FORBIDDEN', 'Only a counsellor issues in bulk')
  const batch = typeof batchId === 'string' && batchId.length <= 100
    ? await repo.findBatchOf(rt.db, actor.organisationId, batchId)
    : undefined
  if (!batch || !batch.pilot_id) throw new AppError('NOT_FOUND', 'No such batch')
  const { org } = await pilotOrThrow(rt, actor, batch.pilot_id)
  return { batch, org }
}

export async function progressOf(rt: Pick<Runtime, 'db'>, batchId: string): Promise<BulkProgressDto> {
  const batch = await repo.getBatchTotals(rt.db, batchId)
  const counts = await repo.countRowsByStatus(rt.db, batchId)
  const n = (s: string) => Number(counts.find((c) => c.status === s)?.n ?? 0)
  return { batchId, status: batch.status as BulkProgressDto['status'], total: batch.total_rows, ready: n('ready'), issued: n('issued'), failed: n('failed'), invalid: n('invalid'), skipped: n('skipped') }
}

export async function getBatchProgress(rt: Pick<Runtime, 'db'>, actor: SessionUser, batchId: string): Promise<BulkProgressDto> {
  const { batch } = await batchOrThrow(rt, actor, batchId)
  return progressOf(rt, batch.id)
}

function parseError(text: string | null): { errors: RowError[]; input: CsvRecord } {
  if (!text) return { errors: [], input: {} }
  try {
    const parsed = JSON.parse(text) as { errors?: RowError[]; input?: CsvRecord; message?: string }
    return { errors: parsed.errors ?? (parsed.message ? [{ column: 'row', key: parsed.message }] : []), input: parsed.input ?? {} }
  } catch {
    return { errors: [{ column: 'row', key: 'issueFailed' }], input: {} }
  }
}

export async function getBatch(rt: Pick<Runtime, 'db'>, actor: SessionUser, batchId: string): Promise<BulkBatchDto> {
  const { batch } = await batchOrThrow(rt, actor, batchId)
  const rows = await repo.listRowsWithPeople(rt.db, batch.id)
  const progress = await progressOf(rt, batch.id)
  return {
    ...progress, pilotId: batch.pilot_id!, source: batch.source, fileName: batch.file_name, encoding: batch.encoding, delimiter: batch.delimiter, createdAt: batch.created_at,
    rows: rows.map((r) => {
      const { errors, input } = parseError(r.error)
      const claims = JSON.parse(r.claims) as { skill?: { name?: string }; level?: string }
      return {
        rowNumber: r.row_number, person: input.person ?? r.username ?? '', displayName: r.display_name ?? null,
        skill: claims.skill?.name ?? input.skill ?? '', level: claims.level ?? input.level ?? '',
        status: r.status as BulkRowDto['status'], errors, credentialId: r.credential_id,
        duplicate: parseDuplicate(r.duplicate), reissue: r.reissue === 1,
      }
    }),
  }
}

/**
 * Issues the batch's ready rows in row order until none is left or the time budget is spent,
 * and returns the progress. The first call starts a previewed batch; the call that finds no
 * ready row left marks it done. Safe to call again after any interruption, and concurrently.
 * @throws AppError FORBIDDEN (role; organisation no longer approved — the row stays ready), NOT_FOUND.
 */
export async function issueNextChunk(rt: Runtime, actor: SessionUser, batchId: string, options: { budgetMs?: number; maxRows?: number; beforeRow?: BeforeRow; beforeSign?: () => void | Promise<void>; now?: Date } = {}): Promise<BulkProgressDto> {
  const { batch, org } = await batchOrThrow(rt, actor, batchId)
  if (batch.status === 'done') return progressOf(rt, batch.id)
  if (batch.status === 'previewed') {
    await repo.startBatch(rt.db, batch.id, new Date().toISOString())
  }
  const started = Date.now()
  const budget = options.budgetMs ?? CHUNK_BUDGET_MS
  const maxRows = options.maxRows ?? Infinity
  // Still young people of this organisation, with the same wallet, now.
  const current = await peopleIndex(rt, org.id)
  const ctx: IssueRowsContext = {
    batch, organisationId: org.id, actor, current, now: options.now, beforeSign: options.beforeSign, keysCache: new Map(), schemaErrors: (e) => schemaErrors(e.fieldErrors),
    markFailed: (rowNumber, errors) => markFailed(rt, batch.id, rowNumber, errors),
  }
  let done = 0
  while (done < maxRows && Date.now() - started < budget) {
    const rows = await repo.listReadyRows(rt.db, batch.id, Math.min(GROUP_SIZE, maxRows - done))
    if (!rows.length) break
    // The interruption hook runs before each row; rows before the one it stops at are issued first.
    const stopAt = await interruption(rows, options.beforeRow)
    const group = stopAt ? rows.slice(0, stopAt.index) : rows
    done += group.length
    await issueRows(rt, ctx, group)
    if (stopAt) throw stopAt.error
  }
  const progress = await progressOf(rt, batch.id)
  if (progress.ready === 0) {
    await repo.finishBatch(rt.db, batch.id, new Date().toISOString())
    return { ...progress, status: 'done' }
  }
  return { ...progress, status: 'running' }
}

/** Where `beforeRow` throws among `rows`, if it does. */
async function interruption(rows: { row_number: number }[], beforeRow?: BeforeRow): Promise<{ index: number; error: unknown } | undefined> {
  if (!beforeRow) return undefined
  for (const [index, row] of rows.entries()) {
    try {
      await beforeRow(row.row_number)
    } catch (error) {
      return { index, error }
    }
  }
  return undefined
}

async function markFailed(rt: Pick<Runtime, 'db'>, batchId: string, rowNumber: number, errors: RowError[]) {
  const row = await repo.findRowError(rt.db, batchId, rowNumber)
  const { input } = parseError(row?.error ?? null)
  await repo.markReadyRowFailed(rt.db, batchId, rowNumber, JSON.stringify({ errors, input }))
}

/** Puts the failed rows back in line (their cause fixed, e.g. a wallet activated) and reopens the batch. */
export async function retryFailedRows(rt: Pick<Runtime, 'db'>, actor: SessionUser, batchId: string): Promise<BulkProgressDto> {
  const { batch } = await batchOrThrow(rt, actor, batchId)
  if (await repo.requeueFailedRows(rt.db, batch.id) > 0) await repo.reopenBatch(rt.db, batch.id)
  return progressOf(rt, batch.id)
}

/** The batches of a pilot, newest first. */
export async function listBatches(rt: Pick<Runtime, 'db'>, actor: SessionUser, pilotId: string) {
  const { pilot } = await pilotOrThrow(rt, actor, pilotId)
  const batches = await repo.listBatchesOfPilot(rt.db, pilot.id, 50)
  return Promise.all(batches.map(async (b) => ({ ...(await progressOf(rt, b.id)), source: b.source, fileName: b.file_name, createdAt: b.created_at })))
}

/** Why a row was set aside as a repeat, as a row error (for the report). */
function repeatReason(r: BulkRowDto): RowError[] {
  if (r.status !== 'skipped' || !r.duplicate) return []
  return [{ column: 'row', key: r.duplicate.kind === 'held' ? 'alreadyHeld' : `duplicate:${r.duplicate.row}` }]
}

/** The report as CSV: one line per row, issued with the credential's address or why not (message keys translated by `reason`). */
export async function batchReportCsv(rt: Pick<Runtime, 'db' | 'env'>, actor: SessionUser, batchId: string, reason: (e: RowError) => string): Promise<string> {
  const batch = await getBatch(rt, actor, batchId)
  return toCsv([
    ['row', 'person', 'skill', 'level', 'status', 'credential_id', 'link', 'reason'],
    ...batch.rows.map((r) => [
      r.rowNumber, r.person, r.skill, r.level, r.status, r.credentialId ?? '',
      r.credentialId ? `${rt.env.publicUrl}/issuer/issued?issued=${encodeURIComponent(r.credentialId)}` : '',
      [...r.errors, ...repeatReason(r)].map(reason).join(' '),
    ]),
  ])
}

export { BULK_COLUMNS }
