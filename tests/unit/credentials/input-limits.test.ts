import { describe, expect, test } from 'vitest'
import { verify } from '@/lib/credentials/verify'
import { MAX_INPUT_BYTES, MAX_JSON_DEPTH } from '@/lib/credentials/verify/input'
import { getCheck, type VerificationResult } from '@/lib/credentials/verify/result'

// Untrusted input gets a failed result with a stable code: never a throw, never a hang.

const NOW = new Date('2026-11-20T10:00:00Z')
const b64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url')
const JWT_HEADER = b64url(JSON.stringify({ alg: 'EdDSA', typ: 'JWT' }))

/** Looks like a credential to anything that only reads `@context` and `type`. */
const credentialShell = (extra: Record<string, unknown> = {}) => ({
  '@context': ['https://www.w3.org/ns/credentials/v2'],
  type: ['VerifiableCredential'],
  issuer: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
  validFrom: '2026-01-01T00:00:00Z',
  credentialSubject: { id: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK' },
  ...extra,
})

/** A value nested `depth` levels deep, built without recursion. */
function nested(depth: number): unknown {
  let value: unknown = 'bottom'
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value }
  return value
}

async function expectInputFailure(input: unknown, code: string) {
  const result: VerificationResult = await verify({ input, now: NOW })
  expect(getCheck(result, 'input')).toMatchObject({ status: 'failed', code })
  expect(result.verified).toBe(false)
  return result
}

describe('verify on input that is not a credential', () => {
  test.each([
    ['text that is not JSON', 'this is not a credential {'],
    ['JSON with a trailing comma', '{"type": ["VerifiableCredential"],}'],
  ])('fails the input check with INPUT_NOT_JSON and kind "unknown" for %s', async (_, input) => {
    const result = await expectInputFailure(input, 'INPUT_NOT_JSON')
    expect(result.kind).toBe('unknown')
  })

  test.each([
    ['a JSON number (text)', '42'],
    ['a JSON number (value)', 42],
    ['a JSON array (text)', '[{"type":["VerifiableCredential"]}]'],
    ['a JSON array (value)', [credentialShell()]],
    ['null', null],
    ['an object without a VC type', { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['Person'], name: 'Alice' }],
    ['an object without any type (text)', '{"name":"Alice"}'],
  ])('fails the input check with NOT_A_CREDENTIAL for %s', async (_, input) => {
    const result = await expectInputFailure(input, 'NOT_A_CREDENTIAL')
    expect(result.kind).toBe('unknown')
  })

  test.each([
    ['an empty string', ''],
    ['only whitespace', ' \n\t '],
  ])('fails the input check with INPUT_EMPTY for %s', async (_, input) => {
    await expectInputFailure(input, 'INPUT_EMPTY')
  })
})

describe('verify on a credential without a proof', () => {
  test.each([
    ['as a value', credentialShell()],
    ['as JSON text', JSON.stringify(credentialShell())],
    ['with "proof": null', credentialShell({ proof: null })],
    ['with "proof": []', credentialShell({ proof: [] })],
  ])('fails the proof check with PROOF_MISSING (%s)', async (_, input) => {
    const result = await verify({ input, now: NOW })
    expect(result.kind).toBe('credential')
    expect(getCheck(result, 'proof')).toMatchObject({ status: 'failed', code: 'PROOF_MISSING' })
    expect(result.verified).toBe(false)
  })
})

describe('verify on oversized input', () => {
  test('fails the input check with INPUT_TOO_LARGE for an 11 MB string body', async () => {
    const body = JSON.stringify(credentialShell({ name: 'x'.repeat(11 * 1024 * 1024) }))
    expect(Buffer.byteLength(body)).toBeGreaterThan(MAX_INPUT_BYTES)
    await expectInputFailure(body, 'INPUT_TOO_LARGE')
  })

  test('fails the input check with INPUT_TOO_LARGE for an 11 MB string that is not even JSON', async () => {
    await expectInputFailure('{'.repeat(11 * 1024 * 1024), 'INPUT_TOO_LARGE')
  })

  test('fails the input check with INPUT_TOO_LARGE for a parsed credential with too many values', async () => {
    const manyValues = Array.from({ length: 60_000 }, (_, i) => i)
    await expectInputFailure(credentialShell({ evidence: manyValues }), 'INPUT_TOO_LARGE')
  })
})

describe('verify on deeply nested input', () => {
  test('fails the input check with INPUT_TOO_DEEP for JSON text nested 10,000 deep', async () => {
    await expectInputFailure('['.repeat(10_000) + ']'.repeat(10_000), 'INPUT_TOO_DEEP')
  })

  test('fails the input check with INPUT_TOO_DEEP for a credential whose subject is nested 10,000 deep (value)', async () => {
    await expectInputFailure(credentialShell({ credentialSubject: nested(10_000) }), 'INPUT_TOO_DEEP')
  })

  test('fails the input check with INPUT_TOO_DEEP for a credential whose subject is nested 10,000 deep (text)', async () => {
    const text = JSON.stringify(credentialShell({ credentialSubject: '@@' })).replace('"@@"', '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000))
    await expectInputFailure(text, 'INPUT_TOO_DEEP')
  })

  test('accepts nesting up to the limit (the depth check is not a blanket refusal)', async () => {
    const result = await verify({ input: credentialShell({ credentialSubject: nested(MAX_JSON_DEPTH - 4) }), now: NOW })
    expect(getCheck(result, 'input')).toBeUndefined()
    expect(result.kind).toBe('credential')
  })

  test('brackets inside strings do not count as nesting', async () => {
    const result = await verify({ input: JSON.stringify(credentialShell({ name: '['.repeat(10_000) })), now: NOW })
    expect(getCheck(result, 'input')).toBeUndefined()
    expect(getCheck(result, 'proof')).toMatchObject({ status: 'failed', code: 'PROOF_MISSING' })
  })
})

describe('verify on malformed JWTs', () => {
  test.each([
    ['a payload that is not JSON', b64url('not json at all')],
    ['a payload that is a JSON string', b64url('"just a string"')],
    ['a payload that is a JSON array', b64url('[1,2,3]')],
  ])('fails the input check with JWT_MALFORMED for %s', async (_, payload) => {
    await expectInputFailure(`${JWT_HEADER}.${payload}.c2lnbmF0dXJl`, 'JWT_MALFORMED')
  })

  test('fails the input check with INPUT_TOO_DEEP for a JWT payload nested 10,000 deep', async () => {
    const payload = b64url(`{"vc":${'['.repeat(10_000)}${']'.repeat(10_000)}}`)
    await expectInputFailure(`${JWT_HEADER}.${payload}.c2lnbmF0dXJl`, 'INPUT_TOO_DEEP')
  })

  test('fails the input check with NOT_A_CREDENTIAL for a JWT without vc or vp', async () => {
    await expectInputFailure(`${JWT_HEADER}.${b64url('{"sub":"alice"}')}.c2lnbmF0dXJl`, 'NOT_A_CREDENTIAL')
  })
})
