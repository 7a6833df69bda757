import { randomBytes } from 'node:crypto'
import { processVerificationCache } from '@/lib/credentials/canonical/cache'
import { createPresentation, type Presentation } from '@/lib/credentials/present'
import type { Check, CheckStatus, VerificationResult } from '@/lib/credentials/verify/result'
import type { Runtime } from '@/lib/runtime'
import { verifyOnInstance } from '@/lib/verification/service'

// Presenting shared credentials with the holder's key. One presentation cannot carry both
// formats here: a Data Integrity VP carries JSON credentials only (lib/credentials/present.ts),
// and did-jwt-vc refuses, at signing AND at verifying, a VP-JWT whose embedded credential lacks
// the VCDM 1.1 context — every Data Integrity credential of ours is VCDM 2.0. So a portfolio is
// presented as at most two presentations, one per format, bound to the same challenge and domain.

export interface SharedDocument {
  id: string
  format: string
  document: string
}

export interface PresentationPart extends Presentation {
  /** The credential ids in this presentation, in its order. */
  credentialIds: string[]
}

/** A fresh nonce for one view: 128 random bits. */
export const newChallenge = () => randomBytes(16).toString('base64url')

/** Signs one presentation per format present (Data Integrity first). */
export async function presentCredentials(rt: Pick<Runtime, 'agent'>, options: { holderDid: string; credentials: SharedDocument[]; challenge: string; domain: string; now?: Date }): Promise<PresentationPart[]> {
  const parts: PresentationPart[] = []
  for (const format of ['di', 'jwt'] as const) {
    const subset = options.credentials.filter((c) => (c.format === 'jwt' ? 'jwt' : 'di') === format)
    if (subset.length === 0) continue
    const presentation = await createPresentation({
      agent: rt.agent,
      holderDid: options.holderDid,
      credentials: subset.map((c) => (format === 'jwt' ? c.document.trim() : (JSON.parse(c.document) as Record<string, unknown>))),
      challenge: options.challenge,
      domain: options.domain,
      format,
      now: options.now,
      cache: processVerificationCache(),
    })
    parts.push({ ...presentation, credentialIds: subset.map((c) => c.id) })
  }
  return parts
}

/**
 * Verifies every part with the expected challenge and domain, as any verifier would, and merges
 * the results into one presentation result whose `credentials` follow `order`.
 */
export async function verifyParts(rt: Pick<Runtime, 'env' | 'db'>, parts: PresentationPart[], expected: { challenge: string; domain: string; now?: Date }, order: string[]): Promise<VerificationResult> {
  // A Data Integrity part is handed over as the object just signed (the same JSON): its credentials can then be proved in parallel.
  const results = await Promise.all(parts.map((p) => verifyOnInstance(rt, { input: p.format === 'di' ? p.presentation : p.document, challenge: expected.challenge, domain: expected.domain, now: expected.now })))
  const byId = new Map<string, VerificationResult>()
  parts.forEach((p, i) => p.credentialIds.forEach((id, j) => {
    const r = results[i]!.credentials?.[j]
    if (r) byId.set(id, r)
  }))
  const credentials = order.map((id) => byId.get(id) ?? { verified: false, kind: 'unknown' as const, checks: [] })
  return {
    verified: results.length > 0 && results.every((r) => r.verified) && credentials.every((c) => c.verified),
    kind: 'presentation',
    ...(results.length === 1 ? { format: results[0]!.format } : {}),
    checks: mergeChecks(results.map((r) => r.checks)),
    credentials,
  }
}

const SEVERITY: Record<CheckStatus, number> = { passed: 0, unchecked: 1, failed: 2 }

/** Per check id, the worst outcome across the presentations (failed > unchecked > passed). */
export function mergeChecks(lists: Check[][]): Check[] {
  const merged = new Map<string, Check>()
  for (const list of lists) {
    for (const check of list) {
      const seen = merged.get(check.id)
      if (!seen || SEVERITY[check.status] > SEVERITY[seen.status]) merged.set(check.id, check)
    }
  }
  return [...merged.values()]
}
