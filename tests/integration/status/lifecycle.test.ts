import { gunzipSync } from 'node:zlib'
import { afterAll, describe, expect, test, vi } from 'vitest'
import { getCheck } from '@/lib/credentials/verify/result'
import { AppError } from '@/lib/errors'
import { issueForOrganisation } from '@/lib/issuing/service'
import { setRuntime } from '@/lib/runtime'
import { MIN_LIST_SIZE } from '@/lib/credentials/bitstring'
import { serveStatusList } from '@/lib/status/http'
import { getStatusListCredential } from '@/lib/status/list-credential'
import { changeCredentialStatus, readCredentialBits } from '@/lib/status/service'
import { verifyOnInstance } from '@/lib/verification/service'
import { createTestRuntime, TEST_PUBLIC_URL } from '../../factories/runtime'
import { createWorld } from '../../factories/world'
import { refuseInserts } from '../../helpers/refuse-writes'

const rt = await createTestRuntime()
const { org, alice } = await createWorld(rt)
afterAll(() => rt.cleanup())

const claims = { skill: { name: 'Travailler en équipe' }, level: 'practising', criteria: 'A tenu le stand de la fête de quartier avec trois autres bénévoles.' }
const issue = (format: 'di' | 'jwt' = 'di') => issueForOrganisation(rt, { organisation: org, templateId: 'skill-badge', subjectDid: alice.did, claims, format })
const statusOf = async (document: string) => getCheck(await verifyOnInstance(rt, { input: document }), 'status')
type Entry = { id: string; type: string; statusPurpose: string; statusListIndex: string; statusListCredential: string }
const entriesOf = (credential: Record<string, unknown>) => credential.credentialStatus as Entry[]

describe('issuing', () => {
  test.each(['di', 'jwt'] as const)('a %s credential carries a revocation and a suspension BitstringStatusListEntry (W3C §2.1)', async (format) => {
    const issued = await issue(format)
    const view = format === 'di' ? issued.credential : (issued.credential as { credentialStatus?: unknown })
    const entries = entriesOf(view as Record<string, unknown>)
    expect(entries.map((e) => e.statusPurpose)).toEqual(['revocation', 'suspension'])
    for (const e of entries) {
      expect(e.type).toBe('BitstringStatusListEntry')
      expect(e.statusListIndex).toMatch(/^(0|[1-9][0-9]*)$/)
      expect(Number(e.statusListIndex)).toBeLessThan(MIN_LIST_SIZE)
      expect(e.statusListCredential).toBe(`${TEST_PUBLIC_URL}/status/ml-test/${e.statusPurpose}/1`)
      expect(e.id).toBe(`${e.statusListCredential}#${e.statusListIndex}`)
    }
    if (format === 'jwt') {
      const payload = JSON.parse(Buffer.from(issued.document.split('.')[1]!, 'base64url').toString('utf8'))
      expect(payload.vc.credentialStatus).toEqual(entries)
    }
    const rows = await rt.db.selectFrom('status_entries').selectAll().where('credential_id', '=', issued.id).execute()
    expect(rows.map((r) => r.status_index).sort()).toEqual(entries.map((e) => Number(e.statusListIndex)).sort())
  })

  test('indexes are random and never reused within a list', async () => {
    const indexes = new Set<string>()
    for (let i = 0; i < 12; i++) indexes.add(entriesOf((await issue()).credential)[0]!.statusListIndex)
    expect(indexes.size).toBe(12)
    const dup = await rt.db.selectFrom('status_entries').select('list_id').groupBy(['list_id', 'status_index']).having((eb) => eb.fn.countAll(), '>', 1).execute()
    expect(dup).toEqual([])
  })

  test('the credential row and its status entries are written together: when the entries fail, no credential is stored', async () => {
    const count = async () => Number((await rt.db.selectFrom('credentials').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
    const before = await count()
    const allow = await refuseInserts(rt.db, 'status_entries', 'entries refused')
    try {
      await expect(issue()).rejects.toThrow(/entries refused/)
    } finally {
      await allow()
    }
    expect(await count()).toBe(before)
    // …and issuing works again afterwards.
    await issue()
    expect(await count()).toBe(before + 1)
  })
})

describe('revocation and suspension', () => {
  test.each(['di', 'jwt'] as const)('issue → verify passes (STATUS_VALID); revoke → the next verify fails on status (STATUS_REVOKED, since when, why)', async (format) => {
    const issued = await issue(format)
    const fresh = await verifyOnInstance(rt, { input: issued.document })
    expect(fresh.verified).toBe(true)
    expect(getCheck(fresh, 'status')).toMatchObject({ status: 'passed', code: 'STATUS_VALID' })
    const change = await changeCredentialStatus(rt, { credentialId: issued.id, action: 'revoke', reason: 'Erreur de saisie', by: 'test' })
    expect(change).toMatchObject({ changed: true, revokedAt: expect.any(String) })
    const after = await verifyOnInstance(rt, { input: issued.document })
    expect(after.verified).toBe(false)
    expect(getCheck(after, 'status')).toMatchObject({
      status: 'failed', code: 'STATUS_REVOKED', details: { statusPurpose: 'revocation', since: change.revokedAt, reason: 'Erreur de saisie', listIssuerMatches: true },
    })
  })

  test('this instance’s own lists are read from its database, never over HTTP to itself', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch')
    try {
      const issued = await issue()
      expect(await statusOf(issued.document)).toMatchObject({ status: 'passed', code: 'STATUS_VALID' })
      expect(fetch).not.toHaveBeenCalled()
    } finally {
      fetch.mockRestore()
    }
  })

  test('revocation is final: revoke again is a no-op; suspend and unsuspend are refused with a clear error', async () => {
    const issued = await issue()
    await changeCredentialStatus(rt, { credentialId: issued.id, action: 'revoke', by: 'test' })
    expect(await changeCredentialStatus(rt, { credentialId: issued.id, action: 'revoke', by: 'test' })).toMatchObject({ changed: false })
    for (const action of ['unsuspend', 'suspend'] as const) {
      const err = await changeCredentialStatus(rt, { credentialId: issued.id, action, by: 'test' }).catch((e) => e)
      expect(err).toBeInstanceOf(AppError)
      expect(err).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('revocation is final') })
    }
    expect(await readCredentialBits(rt, issued.id)).toEqual({ revocation: true, suspension: false })
  })

  test('suspend → failed (STATUS_SUSPENDED); unsuspend → passed again; repeated calls are no-ops', async () => {
    const issued = await issue()
    await changeCredentialStatus(rt, { credentialId: issued.id, action: 'suspend', reason: 'Vérification en cours', by: 'test' })
    expect(await changeCredentialStatus(rt, { credentialId: issued.id, action: 'suspend', by: 'test' })).toMatchObject({ changed: false })
    expect(await statusOf(issued.document)).toMatchObject({ status: 'failed', code: 'STATUS_SUSPENDED', details: { reason: 'Vérification en cours' } })
    expect(await changeCredentialStatus(rt, { credentialId: issued.id, action: 'unsuspend', by: 'test' })).toMatchObject({ changed: true, suspendedAt: null })
    expect(await statusOf(issued.document)).toMatchObject({ status: 'passed', code: 'STATUS_VALID' })
    expect(await changeCredentialStatus(rt, { credentialId: issued.id, action: 'unsuspend', by: 'test' })).toMatchObject({ changed: false })
  })

  test('an unknown credential id is NOT_FOUND', async () => {
    await expect(changeCredentialStatus(rt, { credentialId: 'urn:uuid:nope', action: 'revoke', by: 'test' })).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  test('the facts record who, when and why', async () => {
    const issued = await issue()
    const at = new Date(Date.now() + 60_000)
    await changeCredentialStatus(rt, { credentialId: issued.id, action: 'revoke', reason: 'Doublon', by: 'user-42', now: at })
    expect(await rt.db.selectFrom('credential_status').selectAll().where('credential_id', '=', issued.id).executeTakeFirst()).toMatchObject({
      revoked_at: at.toISOString(), revoked_reason: 'Doublon', revoked_by: 'user-42', suspended_at: null,
    })
  })
})

describe('the served status list credential (W3C Bitstring Status List §2.2)', () => {
  const url = `${TEST_PUBLIC_URL}/status/ml-test/revocation/1`
  const get = (headers: Record<string, string> = {}, params = { org: 'ml-test', purpose: 'revocation', n: '1' }) =>
    serveStatusList(rt, params, new Request(url, { headers }))

  test('is a signed BitstringStatusListCredential whose encodedList is multibase base64url GZIP of ≥ 131,072 bits, and shows a revoked bit', async () => {
    const issued = await issue()
    await changeCredentialStatus(rt, { credentialId: issued.id, action: 'revoke', by: 'test' })
    const res = await get()
    expect(res.status).toBe(200)
    const list = await res.json()
    expect(list).toMatchObject({
      '@context': ['https://www.w3.org/ns/credentials/v2'], id: url, type: ['VerifiableCredential', 'BitstringStatusListCredential'], issuer: org.did,
      credentialSubject: { type: 'BitstringStatusList', statusPurpose: 'revocation' }, proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022' },
    })
    const validFor = Date.parse(list.validUntil) - Date.parse(list.validFrom)
    expect(validFor).toBeGreaterThan(0)
    expect(validFor).toBeLessThanOrEqual(24 * 3600 * 1000)
    const encoded: string = list.credentialSubject.encodedList
    expect(encoded[0]).toBe('u')
    expect(encoded.slice(1)).toMatch(/^[A-Za-z0-9_-]+$/)
    const raw = Buffer.from(encoded.slice(1), 'base64url')
    expect([raw[0], raw[1]]).toEqual([0x1f, 0x8b]) // GZIP magic
    const bits = gunzipSync(raw)
    expect(bits.length * 8).toBeGreaterThanOrEqual(MIN_LIST_SIZE)
    const index = Number(entriesOf(issued.credential)[0]!.statusListIndex)
    expect((bits[index >> 3]! >> (7 - (index % 8))) & 1).toBe(1) // bit 0 = leftmost
  })

  test('has an ETag, a short Cache-Control, answers 304 to If-None-Match, and changes ETag when the list changes', async () => {
    const first = await get()
    const etag = first.headers.get('etag')!
    expect(etag).toMatch(/^".+"$/)
    expect(first.headers.get('cache-control')).toBe('public, max-age=60')
    const again = await get({ 'if-none-match': etag })
    expect(again.status).toBe(304)
    expect(again.headers.get('etag')).toBe(etag)
    await changeCredentialStatus(rt, { credentialId: (await issue()).id, action: 'revoke', by: 'test' })
    const changed = await get({ 'if-none-match': etag })
    expect(changed.status).toBe(200)
    expect(changed.headers.get('etag')).not.toBe(etag)
  })

  test('the route handler at /status/<org>/<purpose>/<n> serves it with the same headers', async () => {
    setRuntime(rt)
    const { GET } = await import('@/app/status/[org]/[purpose]/[n]/route')
    const ctx = (n: string) => ({ params: Promise.resolve({ org: 'ml-test', purpose: 'suspension', n }) })
    const res = await GET(new Request(`${TEST_PUBLIC_URL}/status/ml-test/suspension/1`), ctx('1'))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/vc+ld+json')
    expect(res.headers.get('cache-control')).toBe('public, max-age=60')
    expect((await res.json()).credentialSubject.statusPurpose).toBe('suspension')
    const cached = await GET(new Request(`${TEST_PUBLIC_URL}/status/ml-test/suspension/1`, { headers: { 'if-none-match': res.headers.get('etag')! } }), ctx('1'))
    expect(cached.status).toBe(304)
    expect((await GET(new Request(`${TEST_PUBLIC_URL}/status/ml-test/suspension/2`), ctx('2'))).status).toBe(404)
  })

  test('is cached per version: the same signed document until the list changes', async () => {
    const a = await getStatusListCredential(rt, { orgSlug: 'ml-test', purpose: 'suspension', listNumber: 1 })
    const b = await getStatusListCredential(rt, { orgSlug: 'ml-test', purpose: 'suspension', listNumber: 1 })
    expect(b!.credential).toBe(a!.credential)
  })

  test.each([
    [{ org: 'nobody', purpose: 'revocation', n: '1' }], [{ org: 'ml-test', purpose: 'message', n: '1' }],
    [{ org: 'ml-test', purpose: 'revocation', n: '99' }], [{ org: 'ml-test', purpose: 'revocation', n: '01' }],
  ])('%o is 404', async (params) => {
    expect((await get({}, params)).status).toBe(404)
  })
})
