import type { SessionUser } from '@/lib/auth/sessions'
import type { Runtime } from '@/lib/runtime'
import * as repo from './repository'
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
    const changed = await repo.setRepeatChoice(rt.db, batch.id, issue, rows)
    if (issue) reopened += changed
  }
  // A finished batch with rows back in line runs again (as after "retry the failed rows").
  if (reopened > 0) await repo.reopenFinishedBatch(rt.db, batch.id)
  return progressOf(rt, batch.id)
}
