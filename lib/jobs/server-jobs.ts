import { startRecheckTimer } from '@/lib/directory/recheck'
import { readEnv } from '@/lib/env'
import { getRuntime } from '@/lib/runtime'

/** The server process's background jobs (instrumentation.ts, Node.js runtime only). */
export function startServerJobs(): void {
  // Imported credentials' remote status, re-checked on a schedule, never in a request (decision 020).
  startRecheckTimer(getRuntime, readEnv().recheckImportsMinutes)
}
