import { describe, expect, test } from 'vitest'
import { checkDocument } from '@/lib/dids/resolver'
import { didWebDocumentUrl, didWebOf, keyNumber, organisationDidWeb } from '@/lib/dids/web'

// did:web names and URLs (W3C CCG did:web §3.2/3.3), and the checks on another host's document.
describe('did:web names', () => {
  test.each([
    ['https://tremplin.test', 'did:web:tremplin.test:orgs:ml', 'https://tremplin.test/orgs/ml/did.json'],
    ['http://localhost:3000', 'did:web:localhost%3A3000:orgs:ml', 'https://localhost:3000/orgs/ml/did.json'],
    ['https://example.org/tremplin/', 'did:web:example.org:tremplin:orgs:ml', 'https://example.org/tremplin/orgs/ml/did.json'],
    ['https://Example.ORG:8443/a/b', 'did:web:example.org%3A8443:a:b:orgs:ml', 'https://example.org:8443/a/b/orgs/ml/did.json'],
  ])('PUBLIC_URL %s → %s, served at %s', (publicUrl, did, url) => {
    expect(organisationDidWeb(publicUrl, 'ml')).toBe(did)
    expect(didWebDocumentUrl(did)).toBe(url)
  })

  test('a did:web without a path lives at /.well-known/did.json', () => {
    expect(didWebOf('https://issuer.example')).toBe('did:web:issuer.example')
    expect(didWebDocumentUrl('did:web:issuer.example')).toBe('https://issuer.example/.well-known/did.json')
  })

  test.each([
    'did:key:z6Mk', 'did:web:', 'did:web:user%40host.example', 'did:web:host.example:..:secret', 'did:web:host.example::x',
    'did:web:host.example%2Fevil', 'did:web:.example', 'did:web:host.example:a%2Fb', 'did:web:host.example:a%3Fq',
  ])('refuses %s', (did) => {
    expect(() => didWebDocumentUrl(did)).toThrow(TypeError)
  })

  test('refuses a did:web longer than 2048 characters', () => {
    expect(() => didWebDocumentUrl(`did:web:host.example:${'a'.repeat(2100)}`)).toThrow(/longer than 2048/)
  })

  test('key numbers come only from key-N fragments', () => {
    expect([keyNumber('key-1'), keyNumber('key-12'), keyNumber('key-0'), keyNumber('key-01'), keyNumber('z6Mk'), keyNumber(undefined)]).toEqual([1, 12, undefined, undefined, undefined, undefined])
  })
})

describe('another host’s DID document', () => {
  const did = 'did:web:issuer.example'
  test('accepted only for the DID asked for; relative ids made absolute', () => {
    const doc = { id: did, verificationMethod: [{ id: '#key-1', type: 'Multikey', controller: did, publicKeyMultibase: 'z6Mk' }], assertionMethod: ['#key-1'], authentication: [`${did}#key-1`] }
    expect(checkDocument(doc, did)).toMatchObject({
      verificationMethod: [{ id: `${did}#key-1` }], assertionMethod: [`${did}#key-1`], authentication: [`${did}#key-1`],
    })
  })

  test.each([
    [null, /not a DID document/], [[], /not a DID document/], ['x', /not a DID document/],
    [{ id: 'did:web:other.example' }, /is for did:web:other\.example, not for did:web:issuer\.example/],
    [{}, /is for no DID/],
    [{ id: did, verificationMethod: 'oops' }, /unreadable verificationMethod/],
    [{ id: did, assertionMethod: Array.from({ length: 101 }, (_, i) => `#k${i}`) }, /unreadable assertionMethod/],
  ])('refuses %j', (doc, reason) => {
    expect(checkDocument(doc, did)).toMatch(reason)
  })
})
