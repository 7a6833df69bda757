import { describe, expect, test } from 'vitest'
import type { Check, VerificationResult } from '@/lib/credentials/verify/result'
import { cardVerdict } from '@/lib/verification/card-verdict'
import { summarise } from '@/lib/portfolio/view'

// The one rule for a card's mark (issue 12): "valid" only when the card's OWN checks passed.

const check = (id: Check['id'], status: Check['status'], code = 'X'): Check => ({ id, status, code, message: code })
const GOOD: Check[] = [
  check('proof', 'passed', 'PROOF_VALID'), check('validity', 'passed', 'IN_VALIDITY_PERIOD'), check('schema', 'passed'),
  check('status', 'passed', 'STATUS_VALID'), check('issuer', 'passed', 'ISSUER_KNOWN'),
]
const result = (checks: Check[], verified = true): VerificationResult => ({ verified, kind: 'credential', checks })
const swap = (id: Check['id'], replacement: Check | null) => {
  const checks = GOOD.filter((c) => c.id !== id)
  return replacement ? [...checks, replacement] : checks
}

describe('cardVerdict', () => {
  test('every own check passed, an organisation vouches: valid', () => {
    expect(cardVerdict({ result: result(GOOD) })).toEqual({ kind: 'valid' })
  })

  test.each([
    ['a broken signature (tampered), said alone', swap('proof', check('proof', 'failed', 'PROOF_INVALID')), 'failed', ['tampered']],
    ['no proof check at all', swap('proof', null), 'unchecked', ['proofUnchecked']],
    ['revoked', swap('status', check('status', 'failed', 'STATUS_REVOKED')), 'failed', ['revoked']],
    ['suspended', swap('status', check('status', 'failed', 'STATUS_SUSPENDED')), 'failed', ['suspended']],
    ['a status list that could not be read', swap('status', check('status', 'unchecked', 'STATUS_LIST_UNAVAILABLE')), 'unchecked', ['statusUnknown']],
    ['no status at all', swap('status', null), 'unchecked', ['statusUnknown']],
    ['expired', swap('validity', check('validity', 'failed', 'EXPIRED')), 'failed', ['expired']],
    ['not yet valid', swap('validity', check('validity', 'failed', 'NOT_YET_VALID')), 'failed', ['notYetValid']],
    ['an issuer no registry knows', swap('issuer', check('issuer', 'unchecked', 'ISSUER_UNKNOWN')), 'unchecked', ['issuerUnknown']],
    ['a suspended issuer', swap('issuer', check('issuer', 'failed', 'ISSUER_SUSPENDED')), 'failed', ['issuerSuspended']],
    ['an issuer not approved yet', swap('issuer', check('issuer', 'unchecked', 'ISSUER_NOT_APPROVED')), 'unchecked', ['issuerPending']],
    ['a failed holder check', [...GOOD, check('holder', 'failed', 'SUBJECT_NOT_HOLDER')], 'failed', ['notTheirs']],
    ['a failed structure check', swap('schema', check('schema', 'failed', 'SCHEMA_INVALID')), 'failed', ['other']],
  ] as const)('%s: not valid', (_, checks, severity, problems) => {
    expect(cardVerdict({ result: result([...checks], false) })).toEqual({ kind: 'notValid', severity, problems })
  })

  test('a tampered card is never valid, whatever the other checks or the page say', () => {
    const tampered = result([check('proof', 'failed', 'PROOF_INVALID'), ...GOOD.filter((c) => c.id !== 'proof')], true)
    expect(cardVerdict({ result: tampered }).kind).toBe('notValid')
    expect(cardVerdict({ result: tampered, needsHolder: true }).kind).toBe('notValid')
  })

  test('in a presentation, the card counts only with its own holder check passed', () => {
    expect(cardVerdict({ result: result(GOOD), needsHolder: true })).toEqual({ kind: 'notValid', severity: 'unchecked', problems: ['notTheirs'] })
    expect(cardVerdict({ result: result([...GOOD, check('holder', 'unchecked', 'HOLDER_NOT_PROVEN')]), needsHolder: true }).kind).toBe('notValid')
    expect(cardVerdict({ result: result([...GOOD, check('holder', 'passed', 'SUBJECT_IS_HOLDER')]), needsHolder: true })).toEqual({ kind: 'valid' })
  })

  test('shown apart from a portfolio: genuine, but never valid as theirs', () => {
    expect(cardVerdict({ result: result(GOOD), apart: true })).toEqual({ kind: 'notValid', severity: 'unchecked', problems: ['notConfirmedTheirs'] })
  })

  test('their own words: authentic and unchanged, no issuer list needed; tampered ones are not', () => {
    const self = swap('issuer', check('issuer', 'unchecked', 'ISSUER_SELF')).filter((c) => c.id !== 'status').concat(check('status', 'unchecked', 'STATUS_NONE'))
    expect(cardVerdict({ result: result(self) })).toEqual({ kind: 'ownWords' })
    const broken = self.map((c) => (c.id === 'proof' ? check('proof', 'failed', 'PROOF_INVALID') : c))
    expect(cardVerdict({ result: result(broken, false) })).toEqual({ kind: 'notValid', severity: 'failed', problems: ['tampered'] })
  })

  test('a preview is not signed; a list that does not verify claims only its dates', () => {
    expect(cardVerdict('preview')).toEqual({ kind: 'preview' })
    expect(cardVerdict({ notVerifiedHere: 'valid' })).toEqual({ kind: 'notChecked', status: 'valid' })
    expect(cardVerdict({ notVerifiedHere: 'revoked' })).toEqual({ kind: 'notChecked', status: 'revoked' })
  })

  test('no result at all: not valid', () => {
    expect(cardVerdict({ result: undefined }).kind).toBe('notValid')
  })
})

describe('the recruiter’s summary', () => {
  test('counts the valid cards of those vouched for by someone else; their own words apart', () => {
    expect(summarise([{ kind: 'valid' }, { kind: 'valid' }, { kind: 'ownWords' }, { kind: 'notValid', severity: 'failed', problems: ['tampered'] }]))
      .toEqual({ proven: 2, shown: 3, ownWords: 1 })
    expect(summarise([])).toEqual({ proven: 0, shown: 0, ownWords: 0 })
  })
})
