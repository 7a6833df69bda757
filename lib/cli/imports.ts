import { parseArgs } from 'node:util'
import { readEnv } from '@/lib/env'
import { recheckImportedStatuses, RECHECK_BATCH } from '@/lib/directory/recheck'
import { createRuntime } from '@/lib/runtime'
import { UsageError } from './io'

type Out = { stdout: (s: string) => void; stderr: (s: string) => void }

export const IMPORTS_USAGE = `  recheck-imports [--all] [--batch N]
        Re-verify imported credentials whose status was not checked for 6 hours (--all: every one),
        their remote status lists fetched under the remote fetch rules; the recruiters' directory
        counts an imported credential only while its last re-check said neither revoked nor
        suspended. The server does the same every RECHECK_IMPORTS_MINUTES. Prints the outcomes.
        Exit 0 done, 2 usage.
`

/** `recheck-imports [--all] [--batch N]`: one run of the re-check the server runs on a timer. */
export async function recheckImportsCommand(args: string[], out: Out): Promise<number> {
  let values: { all?: boolean; batch?: string }
  try {
    values = parseArgs({ args, options: { all: { type: 'boolean' }, batch: { type: 'string' } }, strict: true, allowPositionals: false }).values
  } catch (e) {
    throw new UsageError((e as Error).message)
  }
  const batch = values.batch === undefined ? RECHECK_BATCH : Number(values.batch)
  if (!Number.isInteger(batch) || batch < 1 || batch > 10_000) throw new UsageError('recheck-imports: --batch is a whole number from 1 to 10000')
  // One process, one run: verified on this thread (no worker pool to start).
  const rt = await createRuntime({ ...readEnv(), verifyWorkers: 0 })
  try {
    const report = await recheckImportedStatuses(rt, { batch, ...(values.all ? { after: 0 } : {}) })
    out.stdout(`Re-checked ${report.checked} imported credentials: ${Object.entries(report.outcomes).map(([k, n]) => `${k} ${n}`).join(', ')}\n`)
    return 0
  } finally {
    await rt.db.destroy()
  }
}
