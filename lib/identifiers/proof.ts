import { isObject, parseInput, toArray } from '@/lib/credentials/verify/input'
import type { Check, VerificationResult } from '@/lib/credentials/verify/result'

// Reading and judging the presentation that proves control of an identifier (decision 021).
// Only the presentation's own checks count: its signature, that its signer is its holder and the
// DID being linked, and that it answers our challenge for our domain. Credentials it may carry
// are neither judged nor kept: the presentation is a proof of control, not an import.

export type LinkRefusal =
  | 'LINK_RATE_LIMITED'
  | 'LINK_CHALLENGE_UNKNOWN'
  | 'LINK_CHALLENGE_EXPIRED'
  | 'LINK_CHALLENGE_USED'
  | 'LINK_CHALLENGE_MISMATCH'
  | 'LINK_DOMAIN_MISMATCH'
  | 'LINK_EMPTY'
  | 'LINK_TOO_LARGE'
  | 'LINK_NOT_PRESENTATION'
  | 'LINK_PROOF_INVALID'
  | 'LINK_WRONG_SIGNER'
  | 'LINK_OWN_IDENTIFIER'
  | 'LINK_ALREADY_LINKED'
  | 'LINK_TAKEN'

/**
 * The challenge a presentation says it answers (Data Integrity: its proof's `challenge`; VP-JWT:
 * `nonce`), read before any verification to find which of ours it is. Undefined when the input
 * is not a presentation (null) or names no challenge.
 */
export function presentedChallenge(text: string): { presentation: boolean; challenge?: string } {
  const parsed = parseInput(text)
  if (!parsed.ok || parsed.kind !== 'presentation') return { presentation: false }
  const value = parsed.format === 'di'
    ? toArray<unknown>(parsed.document.proof).find(isObject)?.challenge
    : parsed.payload.nonce
  return { presentation: true, ...(typeof value === 'string' && value !== '' ? { challenge: value } : {}) }
}

const check = (result: VerificationResult, id: Check['id']) => result.checks.find((c) => c.id === id)

/**
 * Whether the verified presentation proves control of `did`: signed (proof passed), by its holder
 * (holder passed), that holder being `did`, for our challenge and domain (challenge passed), and no
 * other check of the presentation itself failed (a VP-JWT's own validity).
 */
export function judgeLinkProof(result: VerificationResult, did: string): LinkRefusal | undefined {
  if (result.kind !== 'presentation') return 'LINK_NOT_PRESENTATION'
  if (check(result, 'proof')?.status !== 'passed') return 'LINK_PROOF_INVALID'
  const challenge = check(result, 'challenge')
  if (challenge?.status !== 'passed') return challenge?.code.startsWith('DOMAIN_') ? 'LINK_DOMAIN_MISMATCH' : 'LINK_CHALLENGE_MISMATCH'
  const holder = check(result, 'holder')
  if (holder?.status !== 'passed' || holder.details?.holder !== did) return 'LINK_WRONG_SIGNER'
  if (result.checks.some((c) => c.status === 'failed')) return 'LINK_PROOF_INVALID'
  return undefined
}

/** Who signed, as the verification says (for the message of a wrong signer), if it says. */
export function signerOf(result: VerificationResult): string | undefined {
  const holder = check(result, 'holder')
  const who = holder?.details?.signer ?? holder?.details?.holder
  return typeof who === 'string' ? who : undefined
}
