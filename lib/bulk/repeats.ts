import type { SessionUser } from '@/lib/auth/sessions'
import type { Runtime } from '@/lib/runtime'
import type { RepeatChoice } from './schemas'
import { batchOrThrow, progressOf, type BulkProgressDto } from './service'

// The counsellor's choice for rows repeating a badge (decision 012 "Repeats"): skipped by default;
// "issue again" puts a row back in line on purpose (status 'ready', reissue 1: the check at issue
// time then lets it through); "skip" takes it out again. Rows already issued are never touched,
// and each change is one conditional update, safe beside a chunk running in another tab.

/** @throws AppError FORBIDDEN, NOT_FOUND (batch). */
export async function chooseRepeats(rt: Pick<Runtime, 'db'>, actor: SessionUser, batchId: string, choice: RepeatChoice): Promise<BulkProgressDto> {
  const { batch } = await batchOrThrow(rt, actor, batchId)
  const wanted = 'all' in choice ? [{ rows: undefined, issue: choice.all === 'issue' }] : [
    { rows: choice.rows.filter((r) => r.issue).map((r) => r.rowNumber), issue: true },
    { rows: choice.rows.filter((r) => !r.issue).map((r) => r.rowNumber), issue: false },
  ]
  let reopened = 0
  for (const { rows, issue } of wanted) {
    if (rows && !rows.length) continue
    let update = rt.db.updateTable('bulk_rows').set(issue ? { status: 'ready', reissue: 1 } : { status: 'skipped', reissue: 0 })
      .where('batch_id', '=', batch.id).where('duplicate', 'is not', null).where('status', '=', issue ? 'skipped' : 'ready')
    if (rows) update = update.where('row_number', 'in', rows)
    const result = await update.executeTakeFirst()
    if (issue) reopened += Number(result.numUpdatedRows)
  }
  // A finished batch with rows back in line runs again (as after "retry the failed rows").
  if (reopened > 0) await rt.db.updateTable('bulk_batches').set({ status: 'running', finished_at: null }).where('id', '=', batch.id).where('status', '=', 'done').execute()
  return progressOf(rt, batch.id)
}
