import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { MessageChannel } from 'node:worker_threads'
import { Piscina } from 'piscina'
import type { DataIntegrityProver } from '@/lib/credentials/issue'
import type { Ed25519Signer } from '@/lib/dids/signer'
import type { ProveTask } from './prove-worker'
import { logger } from '@/lib/log'

// Bulk issuing on other cores (issue 11), opt-in: most of a badge's cost is the JSON-LD expansion
// and canonicalisation inside its Data Integrity proof, not the signature. Worker threads make the
// proofs; the signature is made here, by the key manager, when a worker sends the bytes to sign
// (the private key never leaves this thread). With workers, this thread makes no proof itself: a
// long proof here would keep a worker waiting for its signature. Measured on the shared 2-core
// machine (issue 11, 4 runs of 1,000 badges), two workers were no faster than the main thread
// alone (medians 9.3 s both), so it is off unless ISSUE_WORKERS says how many (lib/env.ts);
// `npm run bench` (section e) measures both ways.

/** A thread left idle this long exits (a bulk chunk keeps it busy; the next batch starts it again). */
const IDLE_MS = 30_000

let pool: Piscina | undefined
let broken = false

function entry(): string {
  return process.env.ISSUE_WORKER_ENTRY ?? join(process.cwd(), 'lib', 'issuing', 'prove-worker-entry.mjs')
}

/** A proof takes milliseconds: one not back after this long means a stuck worker (made here instead). */
const PROOF_TIMEOUT_MS = 15_000

/** Aborts what the pool is doing when one of its threads fails (a task would otherwise wait forever). */
let failed = new AbortController()

function piscina(size: number): Piscina {
  if (pool) return pool
  failed = new AbortController()
  const fail = failed
  pool = new Piscina({
    filename: entry(),
    minThreads: 0,
    maxThreads: size,
    concurrentTasksPerWorker: 1,
    // The task waits on its port for signatures: the worker keeps a live event loop.
    atomics: 'disabled',
    idleTimeout: IDLE_MS,
    resourceLimits: { maxOldGenerationSizeMb: 512 },
  })
  pool.on('error', (e: Error) => fail.abort(e))
  return pool
}

/** Answers the worker's signing requests with `signer` (the key manager's), on this thread. */
function answerSignatures(port: MessageChannel['port1'], signer: Ed25519Signer) {
  port.on('message', async ({ id, data }: { id: number; data: Uint8Array }) => {
    try {
      port.postMessage({ id, signature: await signer.sign({ data: new Uint8Array(data) }) })
    } catch (e) {
      port.postMessage({ id, error: (e as Error).message })
    }
  })
}

/**
 * Proof lanes for one bulk group: one per proof worker. None when there are none, or after the
 * pool failed once in this process: the proofs are then made on this thread.
 */
export function proofWorkers(count: number): DataIntegrityProver[] {
  if (count <= 0 || broken) return []
  // A pool of another size (a test, the bench) is replaced when it is next used.
  if (pool && pool.options.maxThreads !== count) void closeProofWorkers()
  return Array.from({ length: count }, () => (args: Parameters<DataIntegrityProver>[0]) => proveInWorker(args, count))
}

async function proveInWorker({ credential, signer, now }: Parameters<DataIntegrityProver>[0], size: number): ReturnType<DataIntegrityProver> {
  if (broken) return undefined
  if (!existsSync(/*turbopackIgnore: true*/ entry())) return giveUp(new Error(`no worker entry at ${entry()}`))
  const { port1, port2 } = new MessageChannel()
  answerSignatures(port1, signer)
  try {
    const task: ProveTask = { credential, verificationMethod: signer.id, now: now.toISOString(), port: port2 as ProveTask['port'] }
    const running = piscina(size)
    const signal = AbortSignal.any([failed.signal, AbortSignal.timeout(PROOF_TIMEOUT_MS)])
    return (await running.run(task, { transferList: [port2] as never, signal })) as Record<string, unknown>
  } catch (e) {
    return giveUp(e)
  } finally {
    port1.close()
  }
}

/** A thread that cannot start, dies or sticks: this proof and the next ones are made on the main thread. */
function giveUp(e: unknown): undefined {
  if (!broken) logger().error({ err: e }, 'issuing: proofs on the main thread from now on')
  broken = true
  return undefined
}

/** Lets the pool be tried again (tests that broke it on purpose). */
export function resetProofWorkers(): void {
  broken = false
}

/** Stops the pool's threads (scripts and tests that end). */
export async function closeProofWorkers(): Promise<void> {
  const p = pool
  pool = undefined
  await p?.destroy()
}
