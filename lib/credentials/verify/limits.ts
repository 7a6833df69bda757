import type { DIDResolutionResult } from 'did-resolver'
import type { DidResolver } from '@/lib/dids/resolver'
import { unchecked, type Check } from './result'

/** Caps on the work one verification may cause (docs/decisions/016-bounded-verification.md). */
export interface VerifyLimits {
  /** Credentials one presentation may carry; beyond, the presentation is refused before any proof. */
  maxCredentials: number
  /** `credentialStatus` entries one credential may have; beyond, its status is not read. */
  maxStatusEntries: number
  /** Distinct hosts (did:web and status lists together) one verification may ask documents of. */
  maxRemoteHosts: number
  /** Distinct documents (DID documents and status lists) one verification may obtain. */
  maxRemoteDocuments: number
}

export const DEFAULT_VERIFY_LIMITS: Readonly<VerifyLimits> = Object.freeze({
  maxCredentials: 50,
  maxStatusEntries: 4,
  maxRemoteHosts: 8,
  maxRemoteDocuments: 32,
})

export interface Refusal {
  code: 'REMOTE_HOST_LIMIT' | 'REMOTE_DOCUMENT_LIMIT' | 'REMOTE_BUSY'
  message: string
}

/** Thrown by a budgeted status list resolver: the list was not asked for. */
export class BudgetRefusal extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message)
    this.name = 'BudgetRefusal'
  }
}

/**
 * The remote work of ONE verification: each DID resolved once, each host and document counted,
 * and what was refused remembered so that a failed proof can say "not checked: limit" instead
 * of "invalid".
 */
export class RequestBudget {
  private readonly hosts = new Set<string>()
  private documents = 0
  /** DID → why it was not resolved (a limit, or a busy server), for the proofs that needed it. */
  readonly refusedDids = new Map<string, Refusal>()

  constructor(readonly limits: VerifyLimits) {}

  /** Counts one more document from `host`; returns the refusal when a cap is reached. */
  admit(host: string): Refusal | undefined {
    const { maxRemoteHosts, maxRemoteDocuments } = this.limits
    if (!this.hosts.has(host) && this.hosts.size >= maxRemoteHosts) {
      return { code: 'REMOTE_HOST_LIMIT', message: `not obtained: one verification asks at most ${maxRemoteHosts} hosts (limit maxRemoteHosts)` }
    }
    if (this.documents >= maxRemoteDocuments) {
      return { code: 'REMOTE_DOCUMENT_LIMIT', message: `not obtained: one verification obtains at most ${maxRemoteDocuments} documents (limit maxRemoteDocuments)` }
    }
    this.hosts.add(host)
    this.documents++
    return undefined
  }

  /** A proof that did not pass because its signer's DID was refused becomes `unchecked` with that reason. */
  explain(proof: Check, signerDids: (string | undefined)[]): Check {
    if (proof.status === 'passed') return proof
    const did = signerDids.find((d) => d && this.refusedDids.has(d.split('#')[0]!))
    if (!did) return proof
    const { code, message } = this.refusedDids.get(did.split('#')[0]!)!
    return unchecked('proof', code, `The signature was not checked: the signer’s DID document was ${message}`, { did: did.split('#')[0] })
  }
}

/** The host a DID's document lives on (did:web), or undefined for DIDs resolved offline (did:key). */
export function didHost(did: string): string | undefined {
  const m = /^did:web:([^:#?/]+)/.exec(did)
  if (!m) return undefined
  try {
    return decodeURIComponent(m[1]!).toLowerCase()
  } catch {
    return m[1]!.toLowerCase()
  }
}

const refused = (r: Refusal): DIDResolutionResult => ({ didResolutionMetadata: { error: r.code, message: r.message }, didDocument: null, didDocumentMetadata: {} })

/** A resolver for one verification: each DID resolved at most once, remote ones within the budget. */
export function budgetedResolver(base: DidResolver, budget: RequestBudget): DidResolver {
  const memo = new Map<string, Promise<DIDResolutionResult>>()
  const resolveOnce = async (did: string): Promise<DIDResolutionResult> => {
    const host = didHost(did)
    const refusal = host ? budget.admit(host) : undefined
    if (refusal) {
      budget.refusedDids.set(did, refusal)
      return refused(refusal)
    }
    const result = await base.resolve(did)
    if (result.didResolutionMetadata?.error === 'REMOTE_BUSY') budget.refusedDids.set(did, { code: 'REMOTE_BUSY', message: 'not obtained: this server is busy fetching other documents, try again in a moment' })
    return result
  }
  return {
    resolve(didUrl: string) {
      const did = didUrl.split('#')[0]!
      let pending = memo.get(did)
      if (!pending) memo.set(did, (pending = resolveOnce(did)))
      return pending.then((r) => structuredClone(r))
    },
  }
}

/** Signer DIDs a Data Integrity document's proofs name (their verification methods). */
export function proofSigners(document: Record<string, unknown>): string[] {
  const proofs = Array.isArray(document.proof) ? document.proof : [document.proof]
  return proofs.map((p) => (p && typeof p === 'object' ? (p as { verificationMethod?: unknown }).verificationMethod : undefined)).filter((v): v is string => typeof v === 'string')
}

type StatusListResolverLike<R> = (url: string, options?: { now?: Date }) => Promise<R>

/** A status list resolver for one verification: each list's host counted against the budget before it is asked. */
export function budgetedStatusLists<R>(resolve: StatusListResolverLike<R>, budget: RequestBudget): StatusListResolverLike<R> {
  return async (url, options) => {
    let host: string | undefined
    try {
      host = new URL(url).hostname.toLowerCase()
    } catch {
      host = undefined
    }
    const refusal = host ? budget.admit(host) : undefined
    if (refusal) throw new BudgetRefusal(refusal)
    return resolve(url, options)
  }
}
