import type { MessagePort } from 'node:worker_threads'
import { localSchemaResolver } from '@/lib/credentials/schemas'
import { proveCredentials, verify, type VerificationResult, type VerifyOptions } from '@/lib/credentials/verify'
import { MemoryVerificationCache, tieredCache } from '@/lib/credentials/canonical/cache'
import { offlineDidResolver, type DidResolver } from '@/lib/dids/resolver'
import { functionClient } from './rpc'

// The worker side of the verification pool (loaded by worker-entry.mjs). It runs the whole
// verify() — JSON-LD expansion, canonicalisation, signatures: the CPU — and asks the main thread,
// over the task's port, for everything that needs the database or the network (docs/decisions/018).

export interface VerifyTask {
  /** 'verify' (default): verify `input` whole. 'prove': check only the proofs of the credentials in `input` (an array), filling the cache (decision 022). */
  mode?: 'verify' | 'prove'
  /** The document as the caller gave it; never walked for function markers. */
  input: unknown
  /** Every other option of verify(), functions replaced by markers of `token`'s table. */
  options: Record<string, unknown>
  token: string
  publicUrl: string
  port: MessagePort
}

/**
 * did:key is resolved here (it is computed from the key, no I/O); any other DID is asked of the
 * main thread's resolver (this instance's did:web from its database, other hosts under the rules
 * of lib/status/remote.ts).
 */
function withLocalDidKey(remote: DidResolver | undefined): DidResolver | undefined {
  if (!remote) return undefined
  return {
    resolve: (didUrl, options) => (didUrl.startsWith('did:key:') ? offlineDidResolver.resolve(didUrl, options) : remote.resolve(didUrl, options)),
  }
}

/** This worker's own copy of what it learnt from the main thread's cache (decision 022): no round trip the next time. */
const near = new MemoryVerificationCache({ datasetBytes: 16 * 1024 * 1024, proofs: 10_000 })

export default async function runVerifyTask(task: VerifyTask): Promise<VerificationResult | undefined> {
  const { revive } = functionClient(task.port, task.token)
  task.port.postMessage({ type: 'start' })
  try {
    const revived = revive(task.options) as Omit<VerifyOptions, 'input'>
    const options = { ...revived, cache: revived.cache ? tieredCache(near, revived.cache) : undefined }
    if (task.mode === 'prove') {
      const credentials = Array.isArray(task.input) ? task.input : []
      await proveCredentials({ ...options, credentials, resolveDid: withLocalDidKey(options.resolveDid) })
      return undefined
    }
    return await verify({
      ...options,
      input: task.input,
      resolveDid: withLocalDidKey(options.resolveDid),
      // Pure: the schemas this instance holds, from PUBLIC_URL (never fetched).
      resolveSchema: localSchemaResolver(task.publicUrl),
    })
  } finally {
    task.port.close()
  }
}
