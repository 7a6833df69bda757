import { describe, expect, test } from 'vitest'
import { parseRegistryFile } from '@/lib/registry/parse'
import { MAX_REGISTRY_ENTRIES } from '@/lib/registry/schemas'

// The DCC issuer-registry file format (digitalcredentials/sandbox-registry registry.json): a
// `meta` block and a `registry` object mapping DIDs to { name, url?, location? }.
const DCC_SAMPLE = {
  meta: { created: '2022-10-27T17:57:31+00:00', updated: '2025-03-12T16:20:00+00:00' },
  registry: {
    'did:web:digitalcredentials.github.io:dcc-did-web': { name: 'DCC did:web test', location: 'Cambridge, MA, USA', url: 'https://digitalcredentials.mit.edu' },
    'did:key:z6MknNQD1WHLGGraFi6zcbGevuAgkVfdyCdtZnQTGWVVvR5Q': { name: 'Public Test Issuer', location: 'Everywhere', url: 'https://dcconsortium.org' },
    'did:web:www.credly.com:api:v1:obi:v3:issuers:ede32dcc-9168-4563-9352-8725936d5231': { name: 'Credly Test OBv3 PM' },
  },
}

const registry = (entries: Record<string, unknown>) => JSON.stringify({ meta: {}, registry: entries })

describe('parseRegistryFile', () => {
  test('reads a DCC registry: every DID with its name, and url and location when given', () => {
    const parsed = parseRegistryFile(JSON.stringify(DCC_SAMPLE))
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    expect(parsed.meta).toEqual(DCC_SAMPLE.meta)
    expect(parsed.entries).toEqual([
      { did: 'did:web:digitalcredentials.github.io:dcc-did-web', name: 'DCC did:web test', location: 'Cambridge, MA, USA', url: 'https://digitalcredentials.mit.edu' },
      { did: 'did:key:z6MknNQD1WHLGGraFi6zcbGevuAgkVfdyCdtZnQTGWVVvR5Q', name: 'Public Test Issuer', location: 'Everywhere', url: 'https://dcconsortium.org' },
      { did: 'did:web:www.credly.com:api:v1:obi:v3:issuers:ede32dcc-9168-4563-9352-8725936d5231', name: 'Credly Test OBv3 PM', url: undefined, location: undefined },
    ])
  })

  test('a file without meta is still a registry; empty url and location are "not given"', () => {
    const parsed = parseRegistryFile(JSON.stringify({ registry: { 'did:key:z6MkA': { name: ' Club ', url: '', location: '  ' } } }))
    expect(parsed).toMatchObject({ ok: true, entries: [{ did: 'did:key:z6MkA', name: 'Club', url: undefined, location: undefined }] })
  })

  test.each([
    ['an empty file', '   ', [{ path: '', message: 'empty' }]],
    ['text that is not JSON (the DCC sandbox file once lacked a comma)', '{ "registry": { "did:key:z6MkA": { "name": "A" } "did:key:z6MkB": {} } }', [{ path: '', message: 'notJson' }]],
    ['JSON without a registry object', JSON.stringify({ entries: {} }), [{ path: '/registry', message: 'notRegistry' }]],
    ['a registry that is an array', JSON.stringify({ registry: [] }), [{ path: '/registry', message: 'notRegistry' }]],
    ['an empty registry', registry({}), [{ path: '/registry', message: 'noEntries' }]],
    ['a key that is not a DID', registry({ 'https://issuer.example': { name: 'A' } }), [{ path: '/registry/https:~1~1issuer.example', message: 'invalidDid' }]],
    ['a DID with a fragment', registry({ 'did:key:z6MkA#key-1': { name: 'A' } }), [{ path: '/registry/did:key:z6MkA#key-1', message: 'invalidDid' }]],
    ['an entry without a name', registry({ 'did:key:z6MkA': { url: 'https://a.example' } }), [{ path: '/registry/did:key:z6MkA/name', message: 'nameMissing' }]],
    ['an entry that is not an object', registry({ 'did:key:z6MkA': 'Club' }), [{ path: '/registry/did:key:z6MkA', message: 'entryNotObject' }]],
    ['a url that is not a web address', registry({ 'did:key:z6MkA': { name: 'A', url: 'javascript:alert(1)' } }), [{ path: '/registry/did:key:z6MkA/url', message: 'invalidUrl' }]],
    ['a name over 200 characters', registry({ 'did:key:z6MkA': { name: 'x'.repeat(201) } }), [{ path: '/registry/did:key:z6MkA/name', message: 'tooLong:200' }]],
  ])('refuses %s, saying where and why', (_, text, errors) => {
    expect(parseRegistryFile(text)).toEqual({ ok: false, errors })
  })

  test('lists every bad entry (up to 20) and keeps none of a file with any problem', () => {
    const entries: Record<string, unknown> = { 'did:key:z6MkGood': { name: 'Good' } }
    for (let i = 0; i < 25; i++) entries[`not-a-did-${i}`] = { name: `Bad ${i}` }
    const parsed = parseRegistryFile(registry(entries))
    expect(parsed.ok).toBe(false)
    if (parsed.ok) return
    expect(parsed.errors).toHaveLength(20)
    expect(parsed.errors.every((e) => e.message === 'invalidDid')).toBe(true)
  })

  test(`refuses more than ${MAX_REGISTRY_ENTRIES} entries, and a file over 1 MB, before reading the entries`, () => {
    const many: Record<string, unknown> = {}
    for (let i = 0; i <= MAX_REGISTRY_ENTRIES; i++) many[`did:key:z6Mk${i}`] = { name: 'n' }
    expect(parseRegistryFile(registry(many))).toEqual({ ok: false, errors: [{ path: '/registry', message: `tooManyEntries:${MAX_REGISTRY_ENTRIES}` }] })
    const big = registry({ 'did:key:z6MkA': { name: 'A', location: 'x'.repeat(1024 * 1024) } })
    expect(parseRegistryFile(big)).toEqual({ ok: false, errors: [{ path: '', message: 'tooLarge:1' }] })
  })

  test(`accepts exactly ${MAX_REGISTRY_ENTRIES} entries`, () => {
    const many: Record<string, unknown> = {}
    for (let i = 0; i < MAX_REGISTRY_ENTRIES; i++) many[`did:key:z6Mk${i}`] = { name: 'n' }
    const parsed = parseRegistryFile(registry(many))
    expect(parsed.ok && parsed.entries.length).toBe(MAX_REGISTRY_ENTRIES)
  })
})
