import { describe, expect, test } from 'vitest'
import { checkIssuer, type KnownIssuer } from '@/lib/credentials/verify/checks'
import { issuerStandingOf } from '@/lib/verification/issuer-standing'

// The `issuer` check's registry semantics (docs/decisions/009), against a lookup table: one case
// per standing, and how a card reads each result.

const DIDS = {
  approved: 'did:web:tremplin.test:orgs:ml',
  oldKey: 'did:key:z6MkOld',
  pending: 'did:key:z6MkPending',
  suspended: 'did:web:tremplin.test:orgs:gone',
  external: 'did:key:z6MkExternal',
  legacy: 'did:key:z6MkLegacy',
  stranger: 'did:key:z6MkStranger',
}
const ML = { registry: 'platform', status: 'approved', name: 'Mission Locale', kind: 'youth_support', region: 'Hauts-de-France', organisation: 'ml', approvedSince: '2026-01-05T10:00:00.000Z', suspendedSince: null } as const
const TABLE: Record<string, KnownIssuer> = {
  [DIDS.approved]: ML,
  [DIDS.oldKey]: ML,
  [DIDS.pending]: { registry: 'platform', status: 'pending', name: 'Club Sportif', kind: 'training', region: null, organisation: 'club', approvedSince: null },
  [DIDS.suspended]: { registry: 'platform', status: 'suspended', name: 'Gone Ltd', kind: 'employer', region: 'Nord', organisation: 'gone', approvedSince: '2025-01-01T00:00:00.000Z', suspendedSince: '2026-06-01T08:00:00.000Z' },
  [DIDS.external]: { registry: 'external', registryName: 'DCC Sandbox Registry', name: 'Public Test Issuer', url: 'https://dcconsortium.org', location: 'Everywhere' },
  // A lookup written before the registry: no status means approved.
  [DIDS.legacy]: { name: 'Old Style Org', kind: 'employer', region: null },
}
const lookup = async (did: string) => TABLE[did]

describe('checkIssuer', () => {
  test('an approved organisation, by any of its DIDs: passed ISSUER_KNOWN with name, kind, region and since when', async () => {
    for (const did of [DIDS.approved, DIDS.oldKey]) {
      expect(await checkIssuer(did, lookup)).toEqual({
        id: 'issuer', status: 'passed', code: 'ISSUER_KNOWN', message: expect.stringContaining('Mission Locale'),
        details: { did, registry: 'platform', name: 'Mission Locale', kind: 'youth_support', region: 'Hauts-de-France', approvedSince: '2026-01-05T10:00:00.000Z' },
      })
    }
  })

  test('an issuer of an external registry: passed ISSUER_KNOWN_EXTERNAL, labelled with the registry', async () => {
    expect(await checkIssuer(DIDS.external, lookup)).toMatchObject({
      status: 'passed', code: 'ISSUER_KNOWN_EXTERNAL',
      details: { did: DIDS.external, registry: 'external', registryName: 'DCC Sandbox Registry', name: 'Public Test Issuer', url: 'https://dcconsortium.org', location: 'Everywhere' },
    })
  })

  test('a suspended organisation: FAILED ISSUER_SUSPENDED with since when (the platform withdrew its trust)', async () => {
    expect(await checkIssuer(DIDS.suspended, lookup)).toMatchObject({ status: 'failed', code: 'ISSUER_SUSPENDED', details: { name: 'Gone Ltd', since: '2026-06-01T08:00:00.000Z' } })
  })

  test('a pending organisation: unchecked ISSUER_NOT_APPROVED', async () => {
    expect(await checkIssuer(DIDS.pending, lookup)).toMatchObject({ status: 'unchecked', code: 'ISSUER_NOT_APPROVED', details: { name: 'Club Sportif' } })
  })

  test('anyone else, or no lookup at all: unchecked ISSUER_UNKNOWN; no issuer: failed ISSUER_MISSING', async () => {
    expect(await checkIssuer(DIDS.stranger, lookup)).toMatchObject({ status: 'unchecked', code: 'ISSUER_UNKNOWN', details: { did: DIDS.stranger } })
    expect(await checkIssuer(DIDS.approved)).toMatchObject({ status: 'unchecked', code: 'ISSUER_UNKNOWN' })
    expect(await checkIssuer(undefined, lookup)).toMatchObject({ status: 'failed', code: 'ISSUER_MISSING' })
  })

  test('a lookup returning the pre-registry shape { name, kind, region } reads as an approved organisation', async () => {
    expect(await checkIssuer(DIDS.legacy, lookup)).toMatchObject({ status: 'passed', code: 'ISSUER_KNOWN', details: { name: 'Old Style Org', approvedSince: null } })
  })
})

describe('issuerStandingOf (how a card reads the issuer check)', () => {
  test.each([
    [DIDS.approved, { standing: 'platform', name: 'Mission Locale', kind: 'youth_support', region: 'Hauts-de-France', approvedSince: '2026-01-05T10:00:00.000Z' }],
    [DIDS.external, { standing: 'external', name: 'Public Test Issuer', registry: 'DCC Sandbox Registry', url: 'https://dcconsortium.org', location: 'Everywhere' }],
    [DIDS.suspended, { standing: 'suspended', name: 'Gone Ltd', since: '2026-06-01T08:00:00.000Z' }],
    [DIDS.pending, { standing: 'pending', name: 'Club Sportif' }],
    [DIDS.stranger, { standing: 'unknown' }],
  ])('%s', async (did, standing) => {
    expect(issuerStandingOf(await checkIssuer(did, lookup))).toEqual(standing)
  })

  test('a check that could not establish the issuer (bad signature) is "unproven", never known', () => {
    expect(issuerStandingOf({ id: 'issuer', status: 'unchecked', code: 'ISSUER_NOT_PROVEN', message: '', details: { did: DIDS.approved, name: 'Mission Locale' } })).toEqual({ standing: 'unproven' })
    expect(issuerStandingOf(undefined)).toEqual({ standing: 'unproven' })
  })
})
