import { describe, expect, test } from 'vitest'
import type { Check, VerificationResult } from '@/lib/credentials/verify/result'
import { countPortfolio, headlineParts, splitByBinding } from '@/lib/portfolio/binding'
import type { CredentialCardDto } from '@/lib/wallet/cards'

// Which shared credentials are signed as the young person's, and how the headline counts them
// (decision 021): bound = every subject is their DID or a linked one; everything else goes apart.

const ME = 'did:key:z6MkMe'
const LINKED = 'did:key:z6MkLinked'
const OTHER = 'did:key:z6MkOther'
const row = (id: string, subject: unknown) => ({
  id, format: 'di',
  document: JSON.stringify({ '@context': [], type: ['VerifiableCredential'], issuer: 'did:web:x', credentialSubject: subject }),
})

describe('splitByBinding', () => {
  test('keeps the share’s order; only credentials whose every subject is the holder or a linked DID are bound', () => {
    const rows = [
      row('mine', { id: ME }), row('other', { id: OTHER }), row('linked', { id: LINKED }), row('none', { name: 'x' }),
      row('mixed', [{ id: ME }, { id: OTHER }]), row('both', [{ id: ME }, { id: LINKED }]), { id: 'garbage', format: 'di', document: 'not json' },
    ]
    const { bound, apart } = splitByBinding(rows, ME, [LINKED])
    expect(bound.map((r) => r.id)).toEqual(['mine', 'linked', 'both'])
    expect(apart.map((r) => r.id)).toEqual(['other', 'none', 'mixed', 'garbage'])
    expect(splitByBinding(rows, ME, []).bound.map((r) => r.id)).toEqual(['mine'])
  })
})

describe('countPortfolio', () => {
  const check = (id: Check['id'], status: Check['status']): Check => ({ id, status, code: 'X', message: 'x' })
  const res = (verified: boolean, holder?: Check['status']): VerificationResult =>
    ({ verified, kind: 'credential', checks: [check('proof', verified ? 'passed' : 'failed'), ...(holder ? [check('holder', holder)] : [])] })
  const card = (evidenceLevel: CredentialCardDto['evidenceLevel']) => ({ evidenceLevel }) as CredentialCardDto

  test('proven = in the presentation, verified, bound, vouched by someone else; the rest counted apart, once each', () => {
    const counts = countPortfolio(
      { cards: [card('assessed'), card('witnessed'), card('self_declared'), card(null), card('assessed')], results: [res(true, 'passed'), res(true, 'passed'), res(true, 'passed'), res(false, 'passed'), res(true, 'unchecked')] },
      { results: [res(true), res(false)] },
    )
    expect(counts).toEqual({ proven: 2, selfDeclared: 1, otherIdentifier: 1, notVerified: 3 })
  })

  test('the headline always says how many are proven, then only the figures that are not zero', () => {
    expect(headlineParts({ proven: 0, selfDeclared: 0, otherIdentifier: 1, notVerified: 0 })).toEqual([{ key: 'proven', count: 0 }, { key: 'otherIdentifier', count: 1 }])
    expect(headlineParts({ proven: 4, selfDeclared: 2, otherIdentifier: 1, notVerified: 1 }).map((p) => p.key)).toEqual(['proven', 'selfDeclared', 'otherIdentifier', 'notVerified'])
  })
})
