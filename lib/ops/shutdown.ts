import { logger } from '@/lib/log'
import { closeRuntime } from '@/lib/runtime'

/**
 * Graceful shutdown of the server process (docs/decisions/034), installed by instrumentation.ts.
 *
 * `next start` already does the first half on SIGTERM/SIGINT (next/dist/server/lib/start-server.js):
 * it closes the HTTP server (no new connections), waits for the requests in flight, closes itself,
 * then calls process.exit(143 or 130). It waits without a bound and leaves the database open.
 * Here: the wait is bounded (SHUTDOWN_GRACE_MS), and Next's final exit is taken over, once a signal
 * has arrived, to close the database first (SQLite checkpoints its WAL and closes; PostgreSQL's
 * pool ends) and exit 0 — a requested stop is a success for systemd, Docker and `npm start`.
 * Past the grace, the database is closed all the same and the exit code is 1 (requests were cut).
 */
export const SHUTDOWN_GRACE_MS = 10_000
/** Closing the database gets this long; then the process exits anyway. */
const CLOSE_TIMEOUT_MS = 3_000

type ExitFn = (code?: number) => never

export function installGracefulShutdown({ graceMs = SHUTDOWN_GRACE_MS } = {}): void {
  const ref = globalThis as unknown as { __tremplinShutdown?: boolean }
  if (ref.__tremplinShutdown) return // Next may load instrumentation more than once
  ref.__tremplinShutdown = true
  let stopping = false
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return // a terminal's Ctrl+C reaches every process of the group, npm forwards it too
    stopping = true
    logger().info({ signal, graceMs }, 'shutting down: no new connections, finishing the requests in flight')
    const exit = process.exit.bind(process) as ExitFn
    let finishing = false
    const finish = (code: number) => {
      if (finishing) return undefined as never
      finishing = true
      void closeDatabase().then(() => {
        logger().info({ exitCode: code }, code === 0 ? 'stopped' : 'stopped, requests still in flight were cut')
        logger().flush()
        exit(code)
      })
      return undefined as never
    }
    // Next's cleanup ends with process.exit(130|143) once its server is closed.
    process.exit = ((code?: number) => finish(code === 130 || code === 143 || code === undefined || code === 0 ? 0 : code)) as ExitFn
    setTimeout(() => {
      logger().warn({ graceMs }, 'requests still in flight after the grace period: stopping anyway')
      finish(1)
    }, graceMs).unref()
  }
  process.on('SIGTERM', onSignal)
  process.on('SIGINT', onSignal)
}

/** The process-wide runtime's database, closed within a bound. */
async function closeDatabase(): Promise<void> {
  try {
    if (await closeRuntime({ timeoutMs: CLOSE_TIMEOUT_MS })) logger().info('database closed')
  } catch (e) {
    logger().error({ err: e }, 'closing the database failed')
  }
}
