import type { Check, VerificationResult } from '@/lib/credentials/verify/result'
import type { CardStatus } from '@/lib/wallet/cards'

// The one rule for what a credential's card may say about itself (issue 12, point 1): "valid" only
// when the card's OWN checks passed — its signature, its status (not revoked or suspended), its
// dates, its issuer (an organisation the registry vouches for) and, for a card inside a
// presentation or a portfolio, that it is the presenter's. The banner of a page may say
// "not verified" while a card says "valid", or the other way round: each card answers for itself,
// and nothing else decides a card's mark. `unchecked` never counts as passed.

/** What did not check out on a card, each said in plain words by the UI (`portfolio.verdict.problems.<problem>`). */
export type CardProblem =
  | 'unreadable' // the document could not be read as a credential
  | 'tampered' // the signature does not match: changed since it was signed, or signed by someone else
  | 'proofUnchecked' // the signature could not be checked
  | 'revoked' | 'suspended' // the issuer's own status list says so
  | 'statusUnknown' // nobody can tell whether the issuer withdrew it
  | 'expired' | 'notYetValid' | 'datesUnchecked'
  | 'issuerUnknown' // an authentic signature by someone no registry knows
  | 'issuerSuspended' // the platform no longer vouches for the issuer
  | 'issuerPending' // an organisation not approved yet
  | 'issuerUnproven' // who issued it is not established
  | 'notTheirs' // in a presentation: not shown to belong to the person presenting it
  | 'notConfirmedTheirs' // shown apart (issued to another identifier, or to none)
  | 'other' // another check failed (e.g. the credential's structure)

export type CardVerdict =
  /** Every own check passed, and an organisation vouches for it. */
  | { kind: 'valid' }
  /** Authentic and unchanged, written about themself by the person: nobody vouches for it. */
  | { kind: 'ownWords' }
  /** Something failed (`failed`) or could not be checked (`unchecked`): the problems, most serious first. */
  | { kind: 'notValid'; severity: 'failed' | 'unchecked'; problems: CardProblem[] }
  /** Not signed yet (the issuer's preview). */
  | { kind: 'preview' }
  /** Shown without a verification (a wallet's list): only the facts the card itself carries (dates, status recorded here). */
  | { kind: 'notChecked'; status: CardStatus }

export type CardVerdictInput =
  /** The issuer's preview: nothing is signed yet. */
  | 'preview'
  /** A list that does not verify (the wallet's): only what the card says of its own dates and recorded status. */
  | { notVerifiedHere: CardStatus }
  | {
    /** The card's OWN verification result (a presentation's `credentials[i]`, never the presentation's). */
    result: VerificationResult | undefined
    /** Inside a presentation or a portfolio: the card counts only when its own holder check passed. */
    needsHolder?: boolean
    /** Shown apart from a portfolio's proven credentials: never valid as theirs. */
    apart?: boolean
  }

const ISSUER: Record<string, CardProblem> = {
  ISSUER_UNKNOWN: 'issuerUnknown', ISSUER_SUSPENDED: 'issuerSuspended', ISSUER_NOT_APPROVED: 'issuerPending',
}

/** The verdict a card shows, from its own verification result. Pure; the only place this rule lives. */
export function cardVerdict(input: CardVerdictInput): CardVerdict {
  if (input === 'preview') return { kind: 'preview' }
  if ('notVerifiedHere' in input) return { kind: 'notChecked', status: input.notVerifiedHere }
  const { result, needsHolder = false, apart = false } = input
  if (!result) return { kind: 'notValid', severity: 'unchecked', problems: ['proofUnchecked'] }
  const find = (id: Check['id']) => result.checks.find((c) => c.id === id)
  const found: { problem: CardProblem; failed: boolean }[] = []
  const add = (problem: CardProblem, check: Check | undefined) => found.push({ problem, failed: check?.status === 'failed' })

  const read = find('input')
  if (read?.status === 'failed') add('unreadable', read)
  const proof = find('proof')
  if (proof?.status !== 'passed') add(proof?.status === 'failed' ? 'tampered' : 'proofUnchecked', proof)

  const issuer = find('issuer')
  const self = issuer?.code === 'ISSUER_SELF'
  if (!self && issuer?.status !== 'passed') add(ISSUER[issuer?.code ?? ''] ?? 'issuerUnproven', issuer)

  const status = find('status')
  if (status?.status !== 'passed') {
    const problem = status?.code === 'STATUS_REVOKED' ? 'revoked' : status?.code === 'STATUS_SUSPENDED' ? 'suspended' : 'statusUnknown'
    // Their own words need no issuer's list: the person who wrote them vouches for nothing more than their signature.
    if (!(self && status?.status !== 'failed')) add(problem, status)
  }

  const validity = find('validity')
  if (validity?.status !== 'passed') add(validity?.code === 'EXPIRED' ? 'expired' : validity?.code === 'NOT_YET_VALID' ? 'notYetValid' : 'datesUnchecked', validity)

  if (apart) found.push({ problem: 'notConfirmedTheirs', failed: false })
  const holder = find('holder')
  if (!apart && (holder?.status === 'failed' || (needsHolder && holder?.status !== 'passed'))) add('notTheirs', holder)

  const known = new Set(['input', 'proof', 'issuer', 'status', 'validity', 'holder'])
  if (result.checks.some((c) => !known.has(c.id) && c.status === 'failed')) found.push({ problem: 'other', failed: true })

  if (found.length === 0) return self ? { kind: 'ownWords' } : { kind: 'valid' }
  // A broken signature or an unreadable document makes everything else moot: that alone is said.
  const first = found.find((f) => f.problem === 'unreadable' || f.problem === 'tampered')
  const problems = first ? [first.problem] : [...new Set(found.map((f) => f.problem))]
  return { kind: 'notValid', severity: found.some((f) => f.failed) ? 'failed' : 'unchecked', problems }
}

/** A verdict the reader may rely on as proven by an organisation (the recruiter's count). */
export const isProven = (v: CardVerdict) => v.kind === 'valid'
