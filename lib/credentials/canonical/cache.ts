import { LRUCache } from 'lru-cache'
import type { Check } from '../verify/result'

// What verification may remember, because it cannot change (docs/decisions/022):
// - a credential's RDF dataset, by the hash of its JSON (bundled contexts only);
// - a credential's PROOF verdict, by the hash of its JSON together with its signers' DID documents
//   as resolved at that moment: a rotated, retired or removed key changes the document, so the
//   entry no longer applies. Only passed verdicts are kept (a failure is recomputed).
// Everything that can change — validity dates, status, issuer standing, holder binding — is
// evaluated at every verification and never cached.

export interface CachedProof {
  check: Check
  signer?: string
}

/**
 * The process-wide cache, held by the main thread. Verification workers reach it through the
 * pool's function calls (lib/verification/rpc.ts), hence results that may be promises.
 */
export interface VerificationCache {
  dataset(hash: string): string | undefined | Promise<string | undefined>
  rememberDataset(hash: string, nquads: string): void | Promise<void>
  proof(key: string): CachedProof | undefined | Promise<CachedProof | undefined>
  rememberProof(key: string, value: CachedProof): void | Promise<void>
}

export interface CacheLimits {
  /** Bytes of N-Quads text (about 10 KB per Open Badge). */
  datasetBytes: number
  /** Proof verdicts (under 1 KB each). */
  proofs: number
}

export const DEFAULT_CACHE_LIMITS: Readonly<CacheLimits> = Object.freeze({ datasetBytes: 32 * 1024 * 1024, proofs: 20_000 })

export class MemoryVerificationCache implements VerificationCache {
  private readonly datasets: LRUCache<string, string>
  private readonly proofs: LRUCache<string, CachedProof>
  /** Content hash → whether some proof verdict about it is kept (a cheap "seen before?" for the pool). */
  private readonly proven: LRUCache<string, true>

  constructor(limits: Partial<CacheLimits> = {}) {
    const { datasetBytes, proofs } = { ...DEFAULT_CACHE_LIMITS, ...limits }
    this.datasets = new LRUCache({ maxSize: datasetBytes, sizeCalculation: (v) => Math.max(1, v.length * 2) })
    this.proofs = new LRUCache({ max: proofs })
    this.proven = new LRUCache({ max: proofs })
  }

  dataset(hash: string) {
    return this.datasets.get(hash)
  }

  rememberDataset(hash: string, nquads: string) {
    if (typeof hash === 'string' && typeof nquads === 'string') this.datasets.set(hash, nquads)
  }

  // Verdicts go in and come out as copies: a caller that changed a check it was given could not
  // change what the next verification is told.
  proof(key: string) {
    const known = this.proofs.get(key)
    return known === undefined ? undefined : structuredClone(known)
  }

  rememberProof(key: string, value: CachedProof) {
    if (typeof key !== 'string' || value?.check?.status !== 'passed') return
    this.proofs.set(key, structuredClone(value))
    this.proven.set(key.split(':')[0]!, true)
  }

  /** Whether a passed proof verdict about this content was kept (whatever the key material). */
  hasProven(hash: string): boolean {
    return this.proven.has(hash)
  }

  clear() {
    this.datasets.clear()
    this.proofs.clear()
    this.proven.clear()
  }
}

/**
 * `near` in front of `far` (a worker's own memory in front of the main thread's cache, reached by a
 * message round trip): what `far` knows is kept in `near` too. Both hold only what cannot change,
 * so a copy never goes stale.
 */
export function tieredCache(near: MemoryVerificationCache, far: VerificationCache): VerificationCache {
  async function read<T>(known: T | undefined, fetch: () => T | undefined | Promise<T | undefined>, keep: (value: T) => void): Promise<T | undefined> {
    if (known !== undefined) return known
    const found = await fetch()
    if (found !== undefined) keep(found)
    return found
  }
  return {
    dataset: (hash) => read(near.dataset(hash), () => far.dataset(hash), (v) => near.rememberDataset(hash, v)),
    proof: (key) => read(near.proof(key), () => far.proof(key), (v) => near.rememberProof(key, v)),
    async rememberDataset(hash, nquads) {
      near.rememberDataset(hash, nquads)
      await far.rememberDataset(hash, nquads)
    },
    async rememberProof(key, value) {
      near.rememberProof(key, value)
      await far.rememberProof(key, value)
    },
  }
}

const ref = globalThis as unknown as { __tremplinVerificationCache?: MemoryVerificationCache }

/** The cache of this process (Next may load this module more than once). */
export function processVerificationCache(): MemoryVerificationCache {
  return (ref.__tremplinVerificationCache ??= new MemoryVerificationCache())
}
