import { checkSubject } from '@/lib/credentials/verify'
import { failed, isVerified, unchecked, type Check, type VerificationResult } from '@/lib/credentials/verify/result'

// What an import keeps, refuses, or keeps with a warning, from the verification of each
// credential (docs/decisions/011-importing-credentials.md). The rule of thumb: refuse what cannot
// be a credential of this person's at all (not a credential, a signature that does not verify or
// cannot be checked, a malformed one, one its issuer withdrew for good, one already in the
// wallet); keep, with a warning the young person sees, what a recruiter will see too (unknown
// issuer, status not checked, expired or not yet valid, suspended, issued to another identifier).

export type RefusalReason = 'notCredential' | 'signature' | 'invalid' | 'revoked' | 'failedCheck' | 'duplicate'
export type ImportWarning = 'unknownIssuer' | 'statusUnchecked' | 'suspended' | 'expired' | 'notYetValid' | 'otherIdentifier' | 'noSubject'

export interface Judgement {
  reason?: RefusalReason
  warnings: ImportWarning[]
}

const check = (result: VerificationResult, id: Check['id']) => result.checks.find((c) => c.id === id)

/**
 * The verdict on one verified credential, before the duplicate test (which needs the wallet).
 * Any failed check this policy does not name refuses the credential: nothing unknown gets in.
 */
export function judgeImport(result: VerificationResult): Judgement {
  if (result.kind !== 'credential' || check(result, 'input')) return { reason: 'notCredential', warnings: [] }
  if (check(result, 'proof')?.status !== 'passed') return { reason: 'signature', warnings: [] }
  const validity = check(result, 'validity')
  const status = check(result, 'status')
  if (check(result, 'schema')?.status === 'failed' || validity?.code === 'DATE_INVALID') return { reason: 'invalid', warnings: [] }
  if (status?.status === 'failed' && status.code === 'STATUS_REVOKED') return { reason: 'revoked', warnings: [] }
  const tolerated = new Set(['EXPIRED', 'NOT_YET_VALID', 'STATUS_SUSPENDED'])
  if (result.checks.some((c) => c.status === 'failed' && !tolerated.has(c.code))) return { reason: 'failedCheck', warnings: [] }
  return { warnings: warningsOf(result) }
}

function warningsOf(result: VerificationResult): ImportWarning[] {
  const warnings: ImportWarning[] = []
  const holder = check(result, 'holder')
  if (holder?.code === 'SUBJECT_OTHER_IDENTIFIER') warnings.push('otherIdentifier')
  if (holder?.code === 'SUBJECT_NOT_IDENTIFIED') warnings.push('noSubject')
  if (check(result, 'issuer')?.status !== 'passed') warnings.push('unknownIssuer')
  const validity = check(result, 'validity')?.code
  if (validity === 'EXPIRED') warnings.push('expired')
  if (validity === 'NOT_YET_VALID') warnings.push('notYetValid')
  const status = check(result, 'status')
  if (status?.code === 'STATUS_SUSPENDED') warnings.push('suspended')
  else if (status?.status !== 'passed') warnings.push('statusUnchecked')
  return warnings
}

/**
 * The credential's result with a `holder` check against the wallet's own identifier and the
 * identifiers the young person linked (decision 021), right after the proof.
 */
export function withWalletHolder(result: VerificationResult, subjects: unknown[], holderDid: string, linked: readonly string[] = []): VerificationResult {
  if (result.kind !== 'credential' || check(result, 'input')) return result
  const [first, ...rest] = result.checks
  const checks = [...(first ? [first] : []), walletHolderCheck(subjects, holderDid, linked), ...rest]
  return { ...result, checks, verified: isVerified(checks) }
}

/**
 * In a wallet, a credential issued to the young person's DID or to a linked one passes (the
 * engine's checkSubject: SUBJECT_IS_HOLDER, SUBJECT_LINKED); one naming no subject is unchecked
 * (SUBJECT_NOT_IDENTIFIED). One issued to another, unlinked identifier is `unchecked`
 * SUBJECT_OTHER_IDENTIFIER here, not failed: nobody is being told it is theirs — the wallet is
 * their own view, and the card offers to prove it. Presented to anyone, it is kept out of the
 * signed presentation (lib/portfolio/binding.ts), where it would fail SUBJECT_NOT_HOLDER.
 */
export function walletHolderCheck(subjects: unknown[], holderDid: string, linked: readonly string[] = []): Check {
  const other = subjects.find((s): s is string => typeof s === 'string' && s !== holderDid && !linked.includes(s))
  if (!other) return checkSubject(subjects, holderDid, { linked })
  return unchecked('holder', 'SUBJECT_OTHER_IDENTIFIER', `Issued to ${other}, held by ${holderDid}, who has not proven that this identifier is theirs`, { subject: other, holder: holderDid })
}

/** A result for an entry the verifier never saw (refused before: e.g. a presentation inside a list). */
export function notACredential(message: string): VerificationResult {
  return { verified: false, kind: 'unknown', checks: [failed('input', 'NOT_A_CREDENTIAL', message)] }
}
