import { join } from 'node:path'
import { MessageChannel } from 'node:worker_threads'
import { Piscina } from 'piscina'
import type { VerificationResult, VerifyOptions } from '@/lib/credentials/verify'
import { failed } from '@/lib/credentials/verify/result'
import { AppError } from '@/lib/errors'
import { FunctionTable } from './rpc'
import type { VerifyTask } from './worker'
import { logger } from '@/lib/log'

// A bounded pool of worker threads for verification (docs/decisions/018): JSON-LD expansion,
// canonicalisation and signature checks of untrusted documents never run on the thread that
// serves pages.

/**
 * Jobs waiting beyond the running ones; past it: BUSY. One request may fan out (an import verifies
 * up to 20 credentials, a share view its presentations and the credentials shown apart), so the
 * queue holds one such request whole and a few others; its inputs are ≤ 1 MB each (bounded memory).
 * 64 (issue 11): fifty recruiters opening links at once are queued, not told "busy" (warm, a job
 * takes ~15 ms; the wait stays well under the 10 s limit).
 */
export const VERIFY_MAX_QUEUE = 64
/** Per job, counted from when a worker starts it (not while it waits): past it the worker is replaced. */
export const VERIFY_TIMEOUT_MS = 10_000
/** How long a caller told BUSY should wait before trying again (the `Retry-After` of a 503). */
export const VERIFY_RETRY_AFTER_SECONDS = 5

export interface VerificationPoolOptions {
  workers: number
  maxQueue?: number
  timeoutMs?: number
  /** The worker entry; default VERIFY_WORKER_ENTRY, else lib/verification/worker-entry.mjs under the working folder. */
  filename?: string
}

export type PoolRequest = VerifyOptions & { publicUrl: string }

export interface VerificationPool {
  /**
   * verify() in a worker; function-valued options are answered here, on this thread.
   * @throws AppError BUSY when every worker is busy and the queue is full.
   */
  verify(request: PoolRequest): Promise<VerificationResult>
  /**
   * Checks the proofs of `credentials` so that their verdicts and datasets land in `request.cache`
   * (decision 022), spread over the idle workers. `parallelOnly`: only when at least two workers
   * are idle, else nothing (a presentation's own job then proves them, no extra hand-off).
   * Otherwise at least one job, queued if need be. Never throws (a failure only leaves the cache cold).
   */
  prove(request: Omit<PoolRequest, 'input'>, credentials: unknown[], options?: { parallelOnly?: boolean }): Promise<void>
  destroy(): Promise<void>
}

export function workerEntry(): string {
  return process.env.VERIFY_WORKER_ENTRY ?? join(process.cwd(), 'lib', 'verification', 'worker-entry.mjs')
}

const timedOut = (ms: number): VerificationResult => ({
  verified: false,
  kind: 'unknown',
  checks: [failed('input', 'VERIFY_TIMEOUT', `Verifying this document took longer than ${ms / 1000} s and was stopped`)],
})

const crashed = (message: string): VerificationResult => ({
  verified: false,
  kind: 'unknown',
  checks: [failed('input', 'UNPROCESSABLE', `The document could not be processed: ${message}`)],
})

export const busyError = () =>
  new AppError('BUSY', 'Verification is busy: try again in a moment', { retryAfterSeconds: VERIFY_RETRY_AFTER_SECONDS })

export function createVerificationPool(options: VerificationPoolOptions): VerificationPool {
  if (!Number.isInteger(options.workers) || options.workers < 1) throw new TypeError('options.workers must be a positive integer')
  const timeoutMs = options.timeoutMs ?? VERIFY_TIMEOUT_MS
  const piscina = new Piscina({
    filename: options.filename ?? workerEntry(),
    minThreads: options.workers,
    maxThreads: options.workers,
    maxQueue: options.maxQueue ?? VERIFY_MAX_QUEUE,
    // One job per thread at a time: the time limit is per job, and aborting one terminates its thread.
    concurrentTasksPerWorker: 1,
    // Jobs wait on their port for the main thread's answers: workers keep a live event loop.
    atomics: 'disabled',
    idleTimeout: Infinity,
    // A document that makes a worker balloon kills that worker, not the server.
    resourceLimits: { maxOldGenerationSizeMb: 1024 },
  })
  // Our own count of jobs running or waiting: piscina keeps tasks that carry an AbortSignal out of
  // the queue its maxQueue bounds, and every job here carries one (the time limit).
  const capacity = options.workers + (options.maxQueue ?? VERIFY_MAX_QUEUE)
  let inFlight = 0
  return {
    async verify(request) {
      if (inFlight >= capacity) throw busyError()
      inFlight++
      try {
        return await runJob(piscina, request, timeoutMs)
      } finally {
        inFlight--
      }
    },
    async prove(request, credentials, { parallelOnly = false } = {}) {
      const idle = Math.max(0, options.workers - inFlight)
      if (parallelOnly && idle < 2) return
      const lanes = Math.max(1, Math.min(idle, credentials.length))
      if (credentials.length === 0 || inFlight + lanes > capacity) return
      const groups = Array.from({ length: lanes }, (_, lane) => credentials.filter((_, i) => i % lanes === lane))
      inFlight += lanes
      try {
        await Promise.all(groups.map((group) => runJob(piscina, { ...request, input: group }, timeoutMs, 'prove').catch(() => undefined)))
      } finally {
        inFlight -= lanes
      }
    },
    destroy: () => piscina.destroy(),
  }
}

/** One job: its port answers the worker's calls; its timer starts when a worker starts it. */
async function runJob(piscina: Piscina, { input, publicUrl, ...rest }: PoolRequest, timeoutMs: number, mode: VerifyTask['mode'] = 'verify'): Promise<VerificationResult> {
  const table = new FunctionTable()
  const { port1, port2 } = new MessageChannel()
  const abort = new AbortController()
  let timer: NodeJS.Timeout | undefined
  table.serve(port1, () => { timer = setTimeout(() => abort.abort(), timeoutMs) })
  const task: VerifyTask = { mode, input, options: table.export(rest) as Record<string, unknown>, token: table.token, publicUrl, port: port2 }
  try {
    return (await piscina.run(task, { transferList: [port2], signal: abort.signal })) as VerificationResult
  } catch (error) {
    if (abort.signal.aborted) return timedOut(timeoutMs)
    const message = (error as Error)?.message ?? String(error)
    if (message === 'Task queue is at limit' || message.startsWith('No task queue available')) throw busyError()
    // A worker that died (out of memory, a crash in a library): a result, never a crash of the page.
    logger().error({ err: error }, 'verification worker failed')
    return crashed(message)
  } finally {
    clearTimeout(timer)
    port1.close()
  }
}
