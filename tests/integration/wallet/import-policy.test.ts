import { describe, expect, test } from 'vitest'
import type { Check, VerificationResult } from '@/lib/credentials/verify/result'
import { judgeImport, walletHolderCheck } from '@/lib/wallet/import-policy'

// The import policy of decision 011 on results the pipeline can give, check by check.

const c = (id: Check['id'], status: Check['status'], code: string): Check => ({ id, status, code, message: code })
const GOOD: Check[] = [
  c('proof', 'passed', 'PROOF_VALID'), c('holder', 'passed', 'SUBJECT_IS_HOLDER'), c('validity', 'passed', 'IN_VALIDITY_PERIOD'),
  c('schema', 'unchecked', 'SCHEMA_NONE'), c('status', 'passed', 'STATUS_VALID'), c('issuer', 'passed', 'ISSUER_KNOWN'),
]
/** GOOD with some checks replaced. */
const result = (...replace: Check[]): VerificationResult => {
  const checks = GOOD.map((g) => replace.find((r) => r.id === g.id) ?? g)
  return { verified: checks.every((k) => k.status !== 'failed'), kind: 'credential', format: 'di', checks }
}

describe('judgeImport', () => {
  test('a credential every check passes is kept without a warning, issued to a linked identifier too', () => {
    expect(judgeImport(result())).toEqual({ warnings: [] })
    expect(judgeImport(result(c('holder', 'passed', 'SUBJECT_LINKED')))).toEqual({ warnings: [] })
  })

  test.each([
    ['a proof that failed', c('proof', 'failed', 'PROOF_INVALID'), 'signature'],
    ['a proof that could not be checked', c('proof', 'unchecked', 'PROOF_NOT_CHECKED'), 'signature'],
    ['a data model violation', c('schema', 'failed', 'DATA_MODEL_INVALID'), 'invalid'],
    ['one of our schemas not matched', c('schema', 'failed', 'SCHEMA_INVALID'), 'invalid'],
    ['a malformed date', c('validity', 'failed', 'DATE_INVALID'), 'invalid'],
    ['a revocation', c('status', 'failed', 'STATUS_REVOKED'), 'revoked'],
    ['a failure this policy does not know', c('issuer', 'failed', 'ISSUER_SOMETHING_NEW'), 'failedCheck'],
  ])('%s refuses it', (_, check, reason) => {
    expect(judgeImport(result(check))).toEqual({ reason, warnings: [] })
  })

  test('what is not a credential is refused: a presentation, an input failure', () => {
    expect(judgeImport({ verified: false, kind: 'presentation', checks: [] })).toEqual({ reason: 'notCredential', warnings: [] })
    expect(judgeImport({ verified: false, kind: 'credential', format: 'jwt', checks: [c('input', 'failed', 'JWT_MALFORMED')] })).toEqual({ reason: 'notCredential', warnings: [] })
  })

  test.each([
    ['an unknown issuer', c('issuer', 'unchecked', 'ISSUER_UNKNOWN'), ['unknownIssuer']],
    ['a status no list vouches for', c('status', 'unchecked', 'STATUS_LIST_ISSUER_MISMATCH'), ['statusUnchecked']],
    ['a suspension', c('status', 'failed', 'STATUS_SUSPENDED'), ['suspended']],
    ['an expiry', c('validity', 'failed', 'EXPIRED'), ['expired']],
    ['a credential not valid yet', c('validity', 'failed', 'NOT_YET_VALID'), ['notYetValid']],
    ['another identifier', c('holder', 'unchecked', 'SUBJECT_OTHER_IDENTIFIER'), ['otherIdentifier']],
    ['no subject at all', c('holder', 'unchecked', 'SUBJECT_NOT_IDENTIFIED'), ['noSubject']],
  ])('%s keeps it with a warning', (_, check, warnings) => {
    expect(judgeImport(result(check))).toEqual({ warnings })
  })
})

describe('walletHolderCheck (decision 021)', () => {
  const ME = 'did:key:z6MkMe'
  const OTHER = 'did:key:z6MkOther'
  test.each([
    ['issued to the wallet’s DID', [ME], [], 'passed', 'SUBJECT_IS_HOLDER'],
    ['issued to a linked DID', [OTHER], [OTHER], 'passed', 'SUBJECT_LINKED'],
    ['issued to another, unlinked DID: not proven theirs yet, nobody is told it is', [OTHER], [], 'unchecked', 'SUBJECT_OTHER_IDENTIFIER'],
    ['one subject linked, another not', [OTHER, 'did:key:z6MkThird'], [OTHER], 'unchecked', 'SUBJECT_OTHER_IDENTIFIER'],
    ['issued to no one', [undefined], [OTHER], 'unchecked', 'SUBJECT_NOT_IDENTIFIED'],
  ])('%s → %s %s', (_, subjects, linked, status, code) => {
    expect(walletHolderCheck(subjects, ME, linked)).toMatchObject({ id: 'holder', status, code })
  })
})
