import { isObject, parseInput, toArray } from '@/lib/credentials/verify/input'
import type { VerificationResult } from '@/lib/credentials/verify/result'
import { toCard, type CardLifecycle, type CredentialCardDto, type OtherIdentifier } from '@/lib/wallet/cards'
import { cardVerdict, type CardVerdict } from './card-verdict'
import { issuerStandingOfResult, type IssuerStandingDto } from './issuer-standing'

// What the verified document says, as readable cards: one per credential (the credential itself,
// or each credential inside a presentation, in the order the verifier reports them). Content
// that cannot be read as a card is left out (null), never a crash.

export interface VerifiedContent {
  cards: (CredentialCardDto | null)[]
  /** Per card: the issuer organisation as this instance knows it (issuer check passed), or null. */
  knownIssuers: (string | null)[]
  /** Per card: where its issuer stands in the registry of trusted issuers (known, external, suspended, unknown…). */
  issuers: IssuerStandingDto[]
  /** Per card: its own verdict (its own checks only; inside a presentation, its own holder check too). */
  verdicts: CardVerdict[]
}

export function contentOf(text: string, result: VerificationResult, now: Date): VerifiedContent {
  const parsed = parseInput(text)
  if (!parsed.ok) return { cards: [], knownIssuers: [], issuers: [], verdicts: [] }
  const documents: unknown[] = parsed.kind === 'credential'
    ? [parsed.format === 'di' ? parsed.document : parsed.jwt]
    : toArray(parsed.format === 'di' ? parsed.document.verifiableCredential : (isObject(parsed.payload.vp) ? parsed.payload.vp.verifiableCredential : undefined))
  const perCredential = parsed.kind === 'credential' ? [result] : (result.credentials ?? [])
  return {
    cards: documents.map((d, i) => readCard(d, now, lifecycleFromChecks(perCredential[i]?.checks), otherIdentifierFromChecks(perCredential[i]?.checks))),
    knownIssuers: documents.map((_, i) => {
      const issuer = perCredential[i]?.checks.find((c) => c.id === 'issuer')
      return issuer?.status === 'passed' && typeof issuer.details?.name === 'string' ? issuer.details.name : null
    }),
    issuers: documents.map((_, i) => issuerStandingOfResult(perCredential[i])),
    verdicts: documents.map((_, i) => cardVerdict({ result: perCredential[i], needsHolder: parsed.kind !== 'credential' })),
  }
}

function readCard(document: unknown, now: Date, lifecycle: CardLifecycle | null, otherIdentifier: OtherIdentifier | null = null): CredentialCardDto | null {
  if (!isObject(document) && typeof document !== 'string') return null
  try {
    return toCard({ document: document as string | Record<string, unknown>, lifecycle, otherIdentifier }, now)
  } catch {
    return null
  }
}

/**
 * A failed `status` check (revoked or suspended, with since when and why when the issuer is this
 * instance) as the card reads it, so that the card's pill agrees with the checks; else null.
 */
export function lifecycleFromChecks(checks: VerificationResult['checks'] | undefined): CardLifecycle | null {
  const status = checks?.find((c) => c.id === 'status')
  if (status?.status !== 'failed') return null
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null)
  const since = text(status.details?.since)
  const reason = text(status.details?.reason)
  if (status.code === 'STATUS_REVOKED') return { revoked: true, revokedAt: since, revokedReason: reason, suspendedAt: null, suspendedReason: null }
  if (status.code === 'STATUS_SUSPENDED') return { suspended: true, revokedAt: null, revokedReason: null, suspendedAt: since, suspendedReason: reason }
  return null
}

/**
 * A credential's own `holder` check (inside a presentation, or in a wallet) saying it was issued to
 * another identifier than its holder's (linked to the holder, or not), or to none, as the card reads it; else null.
 */
export function otherIdentifierFromChecks(checks: VerificationResult['checks'] | undefined): OtherIdentifier | null {
  const holder = checks?.find((c) => c.id === 'holder')
  const did = typeof holder?.details?.holder === 'string' ? holder.details.holder : undefined
  if (!holder || !did) return null
  const subject = typeof holder.details?.subject === 'string' ? holder.details.subject : undefined
  if ((holder.code === 'SUBJECT_OTHER_IDENTIFIER' || holder.code === 'SUBJECT_NOT_HOLDER') && subject) return { subject, holder: did }
  // Issued to an identifier the holder proved to control (decision 021): theirs, and the card says through which.
  if (holder.code === 'SUBJECT_LINKED' && subject && subject !== did) return { subject, holder: did, binding: 'linked' }
  if (holder.code === 'SUBJECT_NOT_IDENTIFIED') return { subject: null, holder: did }
  return null
}
