import type { Check, VerificationResult } from '@/lib/credentials/verify/result'

// The `issuer` check as people read it on a card (docs/decisions/009): a plain DTO, safe for a
// client component. Every place that shows a verified credential (recruiter view, wallet,
// /verify) turns the check into one of these and renders it with app/_components/issuer-standing.

export type IssuerStandingDto =
  /** An approved organisation of this instance. */
  | { standing: 'platform'; name: string; kind: string | null; region: string | null; approvedSince: string | null }
  /** An issuer listed in an external registry the admin loaded. */
  | { standing: 'external'; name: string; registry: string; url: string | null; location: string | null }
  /** An organisation of this instance whose trust the platform withdrew. */
  | { standing: 'suspended'; name: string; since: string | null }
  /** An organisation of this instance still waiting for approval. */
  | { standing: 'pending'; name: string }
  /** Issued by its own subject (a young person's self-declared skill): nobody vouches for it. */
  | { standing: 'self'; name: string | null }
  /** A valid signature by someone the registry does not know. */
  | { standing: 'unknown' }
  /** The signature did not verify (or no issuer): who issued it is not established. */
  | { standing: 'unproven' }

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null)

export function issuerStandingOf(check: Check | undefined): IssuerStandingDto {
  const d = check?.details ?? {}
  const name = text(d.name)
  switch (check?.code) {
    case 'ISSUER_KNOWN':
      return name ? { standing: 'platform', name, kind: text(d.kind), region: text(d.region), approvedSince: text(d.approvedSince) } : { standing: 'unknown' }
    case 'ISSUER_KNOWN_EXTERNAL':
      return name ? { standing: 'external', name, registry: text(d.registryName) ?? '', url: text(d.url), location: text(d.location) } : { standing: 'unknown' }
    case 'ISSUER_SUSPENDED':
      return { standing: 'suspended', name: name ?? '', since: text(d.since) }
    case 'ISSUER_NOT_APPROVED':
      return { standing: 'pending', name: name ?? '' }
    case 'ISSUER_SELF':
      return { standing: 'self', name }
    case 'ISSUER_UNKNOWN':
      return { standing: 'unknown' }
    default:
      return { standing: 'unproven' }
  }
}

/** The issuer standing of a credential's verification result (its `issuer` check). */
export function issuerStandingOfResult(result: VerificationResult | undefined): IssuerStandingDto {
  return issuerStandingOf(result?.checks.find((c) => c.id === 'issuer'))
}

/** The registry's name for the issuer whenever the registry has one (known, external, suspended, pending), else null (never a self-issuer's own name). */
export function registryIssuerName(standing: IssuerStandingDto | undefined): string | null {
  return standing && standing.standing !== 'self' && 'name' in standing && standing.name ? standing.name : null
}
