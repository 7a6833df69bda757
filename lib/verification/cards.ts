import { isObject, parseInput, toArray } from '@/lib/credentials/verify/input'
import type { VerificationResult } from '@/lib/credentials/verify/result'
import { toCard, type CredentialCardDto } from '@/lib/wallet/cards'

// What the verified document says, as readable cards: one per credential (the credential itself,
// or each credential inside a presentation, in the order the verifier reports them). Content
// that cannot be read as a card is left out (null), never a crash.

export interface VerifiedContent {
  cards: (CredentialCardDto | null)[]
  /** Per card: the issuer organisation as this instance knows it (issuer check passed), or null. */
  knownIssuers: (string | null)[]
}

export function contentOf(text: string, result: VerificationResult, now: Date): VerifiedContent {
  const parsed = parseInput(text)
  if (!parsed.ok) return { cards: [], knownIssuers: [] }
  const documents: unknown[] = parsed.kind === 'credential'
    ? [parsed.format === 'di' ? parsed.document : parsed.jwt]
    : toArray(parsed.format === 'di' ? parsed.document.verifiableCredential : (isObject(parsed.payload.vp) ? parsed.payload.vp.verifiableCredential : undefined))
  const perCredential = parsed.kind === 'credential' ? [result] : (result.credentials ?? [])
  return {
    cards: documents.map((d) => readCard(d, now)),
    knownIssuers: documents.map((_, i) => {
      const issuer = perCredential[i]?.checks.find((c) => c.id === 'issuer')
      return issuer?.status === 'passed' && typeof issuer.details?.name === 'string' ? issuer.details.name : null
    }),
  }
}

function readCard(document: unknown, now: Date): CredentialCardDto | null {
  if (!isObject(document) && typeof document !== 'string') return null
  try {
    return toCard({ document: document as string | Record<string, unknown> }, now)
  } catch {
    return null
  }
}
