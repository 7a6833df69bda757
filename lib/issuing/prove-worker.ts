import * as vc from '@digitalbazaar/vc'
import type { MessagePort } from 'node:worker_threads'
import { documentLoader } from '@/lib/credentials/document-loader'
import { signingSuite } from '@/lib/credentials/suites'
import type { Ed25519Signer } from '@/lib/dids/signer'

// The worker side of the issuing pool (loaded by prove-worker-entry.mjs): the CPU of a Data
// Integrity proof — JSON-LD expansion and RDFC-1.0 canonicalisation of the credential and of the
// proof options — runs here; the signature is asked of the main thread over the task's port. No
// key is ever here: only the bytes to sign come in, only the proved credential goes back.

export interface ProveTask {
  credential: Record<string, unknown>
  verificationMethod: string
  /** ISO date: the proof's `created` and vc's `now`, as on the main thread. */
  now: string
  port: MessagePort
}

type Reply = { id: number; signature?: Uint8Array; error?: string }

function remoteSigner(port: MessagePort, id: string): Ed25519Signer {
  const waiting = new Map<number, { resolve: (s: Uint8Array) => void; reject: (e: Error) => void }>()
  let next = 0
  port.on('message', ({ id: n, signature, error }: Reply) => {
    const w = waiting.get(n)
    waiting.delete(n)
    if (signature) w?.resolve(new Uint8Array(signature))
    else w?.reject(new Error(`signing failed: ${error ?? 'no signature'}`))
  })
  return {
    id,
    algorithm: 'Ed25519',
    sign: ({ data }) => new Promise((resolve, reject) => {
      const n = next++
      waiting.set(n, { resolve, reject })
      port.postMessage({ id: n, data })
    }),
  }
}

export default async function runProveTask(task: ProveTask): Promise<Record<string, unknown>> {
  const now = new Date(task.now)
  try {
    return await vc.issue({ credential: task.credential, suite: signingSuite(remoteSigner(task.port, task.verificationMethod), now), documentLoader, now })
  } finally {
    task.port.close()
  }
}
