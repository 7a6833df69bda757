import { describe, expect, test } from 'vitest'
import { VC_V1_CONTEXT, VC_V2_CONTEXT, VC_EXAMPLES_V2_CONTEXT } from '@/lib/credentials/contexts'
import { isCompactJwt, notAnObject } from '@/lib/credentials/verify/input'
import { credentialModelCheck, presentationModelCheck, presentationProblems } from '@/lib/credentials/verify/model'

// The verifier's data-model verdicts (VCDM 2.0, and 1.1 where it applies), one table per kind of
// document: each broken rule gives the `schema` check failed with its stable code; the same
// document without the fault passes. The rules are the issuer's own (lib/credentials/data-model.ts).

const credential = (extra: Record<string, unknown> = {}, drop: string[] = []) => {
  const c: Record<string, unknown> = {
    '@context': [VC_V2_CONTEXT, VC_EXAMPLES_V2_CONTEXT], type: ['VerifiableCredential'], issuer: 'did:example:issuer',
    validFrom: '2026-01-01T00:00:00Z', credentialSubject: { id: 'did:example:subject', name: 'Alice' }, ...extra,
  }
  for (const key of drop) delete c[key]
  return c
}
const presentation = (extra: Record<string, unknown> = {}) => ({ '@context': [VC_V2_CONTEXT], type: ['VerifiablePresentation'], ...extra })

describe('credentialModelCheck: the W3C data model of a credential', () => {
  test('a conforming 2.0 credential, and a conforming 1.1 one, pass (no check)', () => {
    expect(credentialModelCheck(credential())).toBeUndefined()
    expect(credentialModelCheck(credential({ '@context': [VC_V1_CONTEXT], issuanceDate: '2026-01-01T00:00:00Z' }, ['validFrom']))).toBeUndefined()
    expect(credentialModelCheck(credential({
      id: 'urn:uuid:5b7e0c1a-7d3c-4a55-9a0f-2e6b8d9c1a00', name: { '@value': 'Diplôme', '@language': 'fr', '@direction': 'ltr' },
      description: [{ '@value': 'A degree', '@language': 'en' }, 'Un diplôme'], issuer: { id: 'did:example:issuer', name: 'École' },
      credentialSchema: [{ id: 'https://example.org/schema.json', type: 'JsonSchema' }], refreshService: { type: 'ManualRefreshService2018', id: 'https://example.org/refresh' },
      termsOfUse: { type: 'IssuerPolicy' }, evidence: [{ type: ['Evidence'] }], credentialStatus: { type: 'BitstringStatusListEntry' },
      relatedResource: [{ id: 'https://example.org/a', digestSRI: 'sha384-x' }, { id: 'https://example.org/b', digestMultibase: 'uX' }],
      validUntil: '2027-01-01T00:00:00-05:00',
    }))).toBeUndefined()
  })

  test.each([
    ['credentialSchema without id', { credentialSchema: { type: 'JsonSchema' } }, 'ID_MISSING', '/credentialSchema/id'],
    ['credentialSchema without type', { credentialSchema: { id: 'https://example.org/schema.json' } }, 'OBJECT_TYPE_MISSING', '/credentialSchema/type'],
    ['credentialSchema with a number for id', { credentialSchema: { id: 123, type: 'JsonSchema' } }, 'ID_NOT_URL', '/credentialSchema/id'],
    ['credentialSchema with a non-URL id', { credentialSchema: { id: 'schema.json', type: 'JsonSchema' } }, 'ID_NOT_URL', '/credentialSchema/id'],
    ['refreshService without type', { refreshService: { id: 'https://example.org/refresh' } }, 'OBJECT_TYPE_MISSING', '/refreshService/type'],
    ['termsOfUse without type', { termsOfUse: [{ id: 'https://example.org/policy' }] }, 'OBJECT_TYPE_MISSING', '/termsOfUse/0/type'],
    ['evidence without type', { evidence: { id: 'https://example.org/evidence' } }, 'OBJECT_TYPE_MISSING', '/evidence/type'],
    ['credentialStatus without type', { credentialStatus: { id: 'https://example.org/status#1' } }, 'OBJECT_TYPE_MISSING', '/credentialStatus/type'],
    ['credentialStatus with two ids', { credentialStatus: { id: ['https://example.org/1', 'https://example.org/2'], type: 'X' } }, 'ID_NOT_URL', '/credentialStatus/id'],
    ['an id that is not a URL', { id: 'not a url' }, 'ID_NOT_URL', '/id'],
    ['two ids', { id: ['urn:uuid:1', 'urn:uuid:2'] }, 'ID_NOT_URL', '/id'],
    ['a subject id that is not a URL', { credentialSubject: { id: 'alice' } }, 'ID_NOT_URL', '/credentialSubject/id'],
    ['a name that is a number', { name: 42 }, 'NAME_INVALID', '/name'],
    ['a name language object with another key', { name: { '@value': 'x', '@language': 'en', extra: 1 } }, 'NAME_INVALID', '/name'],
    ['a description without @value', { description: { '@language': 'en' } }, 'NAME_INVALID', '/description'],
    ['an issuer name that is an object', { issuer: { id: 'did:example:issuer', name: { en: 'School' } } }, 'NAME_INVALID', '/issuer/name'],
    ['an issuer description with extra keys', { issuer: { id: 'did:example:issuer', description: { '@value': 'x', '@foo': 'y' } } }, 'NAME_INVALID', '/issuer/description'],
    ['validFrom without time zone', { validFrom: '2026-01-01T00:00:00' }, 'DATE_INVALID', '/validFrom'],
    ['validUntil as a date only', { validUntil: '2027-01-01' }, 'DATE_INVALID', '/validUntil'],
    ['validUntil before validFrom', { validFrom: '2026-06-01T00:00:00Z', validUntil: '2026-01-01T00:00:00Z' }, 'DATE_ORDER', '/validUntil'],
    ['relatedResource as a list of strings', { relatedResource: ['https://example.org/a'] }, 'RELATED_RESOURCE_INVALID', '/relatedResource/0'],
    ['relatedResource without id', { relatedResource: [{ digestSRI: 'sha384-x' }] }, 'ID_NOT_URL', '/relatedResource/0/id'],
    ['relatedResource without digest', { relatedResource: { id: 'https://example.org/a' } }, 'RELATED_RESOURCE_NO_DIGEST', '/relatedResource'],
    ['relatedResource ids repeated', { relatedResource: [{ id: 'https://example.org/a', digestSRI: 'sha384-x' }, { id: 'https://example.org/a', digestMultibase: 'uX' }] }, 'RELATED_RESOURCE_REPEATED', '/relatedResource/1/id'],
    ['the first context is not the base context', { '@context': [VC_EXAMPLES_V2_CONTEXT, VC_V2_CONTEXT] }, 'CONTEXT_BASE_MISSING', '/@context/0'],
    ['no VerifiableCredential type', { type: ['ExampleCredential'] }, 'TYPE_NOT_CREDENTIAL', '/type'],
  ])('%s: schema failed with %s at %s', (_, extra, code, path) => {
    const check = credentialModelCheck(credential(extra))
    expect(check).toMatchObject({ id: 'schema', status: 'failed', code })
    expect(check!.details!.problems).toContainEqual(expect.objectContaining({ code, path }))
  })

  test('what the data model does not say is still the library’s rule (DATA_MODEL_INVALID): a proof without type', () => {
    expect(credentialModelCheck(credential({ proof: { proofValue: 'z' } }))).toMatchObject({ status: 'failed', code: 'DATA_MODEL_INVALID' })
  })
})

describe('presentationModelCheck: the W3C data model of a presentation', () => {
  test.each([
    ['a 2.0 presentation with no holder', presentation()],
    ['a holder URL', presentation({ holder: 'did:example:holder' })],
    ['a holder object with an id', presentation({ holder: { id: 'did:example:holder', name: 'Alice' } })],
    ['an id URL', presentation({ id: 'urn:uuid:9c9a36f8-518f-4976-a934-6649502d0008' })],
    ['terms after the base context', presentation({ '@context': [VC_V2_CONTEXT, { Example: 'https://example.org/#Example' }], type: ['VerifiablePresentation', 'Example'] })],
    ['a 1.1 presentation', presentation({ '@context': [VC_V1_CONTEXT] })],
  ])('%s passes', (_, vp) => {
    expect(presentationModelCheck(vp)).toBeUndefined()
  })

  test.each([
    ['the examples context first, then the base context', presentation({ '@context': [VC_EXAMPLES_V2_CONTEXT, VC_V2_CONTEXT] }), 'CONTEXT_BASE_MISSING'],
    ['only the examples context', presentation({ '@context': [VC_EXAMPLES_V2_CONTEXT] }), 'CONTEXT_BASE_MISSING'],
    ['an inline context first', presentation({ '@context': [{ Example: 'https://example.org/#Example' }, VC_V2_CONTEXT] }), 'CONTEXT_BASE_MISSING'],
    ['no @context', { type: ['VerifiablePresentation'] }, 'CONTEXT_MISSING'],
    ['the 2.0 base context as a string, not a list', presentation({ '@context': VC_V2_CONTEXT }), 'CONTEXT_NOT_ORDERED_SET'],
    ['a number among the contexts', presentation({ '@context': [VC_V2_CONTEXT, 123192875] }), 'CONTEXT_INVALID'],
    ['a context that is not a URL', presentation({ '@context': [VC_V2_CONTEXT, 'https ://not-a-url/contexts/example/v1'] }), 'CONTEXT_INVALID'],
    ['no VerifiablePresentation type', presentation({ type: ['CredentialManagerPresentation'] }), 'TYPE_NOT_PRESENTATION'],
    ['an id that is not a URL', presentation({ id: 'presentation 1' }), 'ID_NOT_URL'],
    ['a holder that is not a URL', presentation({ holder: 'z6MkpJySvETLnxhQG9DzEdmKJtysBDjuuTeDfUj1uNNCUqcj' }), 'HOLDER_NOT_URL'],
    ['a holder object without id', presentation({ holder: { name: 'Acme' } }), 'HOLDER_NOT_URL'],
    ['termsOfUse without type', presentation({ termsOfUse: { id: 'https://example.org/policy' } }), 'OBJECT_TYPE_MISSING'],
  ])('%s: schema failed with %s', (_, vp, code) => {
    expect(presentationModelCheck(vp as Record<string, unknown>)).toMatchObject({ id: 'schema', status: 'failed', code })
    expect(presentationProblems(vp as Record<string, unknown>)[0]!.code).toBe(code)
  })
})

describe('a credential where a credential is expected: an object, or a compact JWT', () => {
  const jwt = 'eyJhbGciOiJFZERTQSJ9.eyJ2YyI6e319.c2ln'
  test('objects and compact JWTs pass; JSON text, URLs, numbers and lists fail with INPUT_NOT_OBJECT', () => {
    expect(notAnObject({ type: ['VerifiableCredential'] }, 'x')).toBeUndefined()
    expect(notAnObject(jwt, 'x')).toBeUndefined()
    expect(isCompactJwt(` ${jwt}\n`)).toBe(true)
    for (const bad of [JSON.stringify(credential()), 'https://example.org/credential/1', 42, [credential()], null]) {
      expect(notAnObject(bad, 'A credential')).toMatchObject({ id: 'input', status: 'failed', code: 'INPUT_NOT_OBJECT' })
    }
  })
})
