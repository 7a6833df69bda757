import type { VerificationResult } from '@/lib/credentials/verify/result'
import type { CredentialCardDto } from '@/lib/wallet/cards'
import { subjectIdsOf } from '@/lib/wallet/cards'

// Which shared credentials go into the signed presentation, and how the portfolio counts them
// (issue 10 §1, docs/decisions/021). The presentation carries only credentials BOUND to the young
// person: every subject is their holder DID or an identifier they proved to control (a link). A
// credential issued to another, unlinked identifier — or to none — is shown on its own, verified
// as a credential, labelled "cannot be confirmed as theirs", and never counted with the proven ones:
// putting it in the presentation would make the whole presentation fail (holder binding fails
// closed), and presenting it as theirs is exactly what the young person has not proven.

export interface Split<R> {
  /** Signed in the presentation, in the share's order. */
  bound: R[]
  /** Shown apart, in the share's order. */
  apart: R[]
}

/** Splits the shared rows by binding. A document whose subjects cannot be read goes apart. */
export function splitByBinding<R extends { document: string; format: string }>(rows: R[], holderDid: string, linked: readonly string[]): Split<R> {
  const mine = new Set([holderDid, ...linked])
  const split: Split<R> = { bound: [], apart: [] }
  for (const row of rows) (isBound(row, mine) ? split.bound : split.apart).push(row)
  return split
}

function isBound(row: { document: string; format: string }, mine: Set<string>): boolean {
  try {
    const subjects = subjectIdsOf(row)
    return subjects.length > 0 && subjects.every((s) => s !== undefined && mine.has(s))
  } catch {
    return false
  }
}

export interface PortfolioCounts {
  /** In the presentation, verified, bound (holder passed), and vouched for by someone else. */
  proven: number
  /** In the presentation, verified, in the young person's own words (self-declared). */
  selfDeclared: number
  /** Shown apart: genuine (verified as a credential) but issued to another identifier, or to none. */
  otherIdentifier: number
  /** Anything that did not verify, in the presentation or apart. */
  notVerified: number
}

const holderPassed = (r: VerificationResult | undefined) => r?.checks.some((c) => c.id === 'holder' && c.status === 'passed') ?? false

/** The headline's figures: each card counted once, the proven ones never mixed with the others. */
export function countPortfolio(bound: { cards: CredentialCardDto[]; results: (VerificationResult | undefined)[] }, apart: { results: VerificationResult[] }): PortfolioCounts {
  const counts: PortfolioCounts = { proven: 0, selfDeclared: 0, otherIdentifier: 0, notVerified: 0 }
  bound.cards.forEach((card, i) => {
    const r = bound.results[i]
    if (!r?.verified || !holderPassed(r)) counts.notVerified++
    else if (card.evidenceLevel === 'self_declared') counts.selfDeclared++
    else counts.proven++
  })
  for (const r of apart.results) {
    if (r.verified) counts.otherIdentifier++
    else counts.notVerified++
  }
  return counts
}

export type HeadlinePart = { key: 'proven' | 'selfDeclared' | 'otherIdentifier' | 'notVerified'; count: number }

/**
 * The headline's parts, in order (`portfolio.view.headline.<key>`): the proven ones always, then
 * what is not proven as theirs, each apart ("4 skills proven as Inès’s; 1 genuine badge issued to
 * another identifier").
 */
export function headlineParts(counts: PortfolioCounts): HeadlinePart[] {
  const rest = (['selfDeclared', 'otherIdentifier', 'notVerified'] as const).map((key) => ({ key, count: counts[key] })).filter((p) => p.count > 0)
  return [{ key: 'proven', count: counts.proven }, ...rest]
}
