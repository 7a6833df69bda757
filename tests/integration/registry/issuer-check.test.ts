import teamwork from '@/credentials-schemas/examples/skill-badge/valid/01-teamwork-volunteering.json'
import { afterAll, describe, expect, test } from 'vitest'
import { issueCredential } from '@/lib/credentials/issue'
import { getCheck } from '@/lib/credentials/verify/result'
import { createDidKey } from '@/lib/dids/signer'
import { issueForOrganisation } from '@/lib/issuing/service'
import { approveOrganisation, createOrganisation, getOrganisationOrThrow, reinstateOrganisation, suspendOrganisation } from '@/lib/orgs/service'
import { loadRegistry, removeRegistry } from '@/lib/registry/service'
import { verifyOnInstance } from '@/lib/verification/service'
import { createTestRuntime, TEST_PUBLIC_URL } from '../../factories/runtime'
import { createApprovedOrganisation, createWorld } from '../../factories/world'

// The `issuer` check on this instance, with real signing and a real database: approved, pending,
// suspended then reinstated, an older DID of an organisation, an external registry's issuer, and
// a stranger — each verified end to end through verifyOnInstance (docs/decisions/009).

const rt = await createTestRuntime()
const { org, alice } = await createWorld(rt)
afterAll(() => rt.cleanup())

const verifyDoc = (document: string) => verifyOnInstance(rt, { input: document })
const issuerCheck = async (document: string) => getCheck(await verifyDoc(document), 'issuer')
/** Signs with any DID of this agent, bypassing the issuing service's registry rule (as another instance could). */
const signAs = async (did: string, name: string) =>
  (await issueCredential({ agent: rt.agent, issuer: { did, name }, subjectDid: alice.did, templateId: 'skill-badge', claims: teamwork, publicUrl: TEST_PUBLIC_URL })).document
const registryFile = (entries: Record<string, { name: string; url?: string; location?: string }>) => JSON.stringify({ meta: { created: '2026-11-01T00:00:00Z' }, registry: entries })

describe('the issuer check reads the registry of trusted issuers', () => {
  test('a credential of an approved organisation: passed ISSUER_KNOWN with name, kind, region and approved since', async () => {
    const issued = await issueForOrganisation(rt, { organisation: org, templateId: 'skill-badge', subjectDid: alice.did, claims: teamwork })
    const row = await getOrganisationOrThrow(rt, org.slug)
    const result = await verifyDoc(issued.document)
    expect(result.verified).toBe(true)
    expect(getCheck(result, 'issuer')).toMatchObject({
      status: 'passed', code: 'ISSUER_KNOWN',
      details: { did: row.did, registry: 'platform', name: 'Mission Locale Test', kind: 'youth_support', region: 'Hauts-de-France', approvedSince: row.approved_at },
    })
    expect(row.approved_at).toMatch(/^\d{4}-/)
  })

  test('an organisation is found by ANY DID it issued under: its first did:key after it moved on', async () => {
    const dids = await rt.db.selectFrom('organisation_dids').selectAll().where('organisation_id', '=', org.id).execute()
    const firstKey = dids.find((d) => d.method === 'key')!
    expect(firstKey).toBeDefined()
    expect(await issuerCheck(await signAs(firstKey.did, org.name))).toMatchObject({ status: 'passed', code: 'ISSUER_KNOWN', details: { did: firstKey.did, name: org.name } })
  })

  test('suspended: issuing is refused and every credential it signed FAILS the issuer check (verified: false); reinstated: they pass again', async () => {
    const club = await createApprovedOrganisation(rt, { slug: 'club-suspended', name: 'Club Suspendu', kind: 'training', region: 'Nord' })
    const issued = await issueForOrganisation(rt, { organisation: club, templateId: 'skill-badge', subjectDid: alice.did, claims: teamwork })
    expect((await verifyDoc(issued.document)).verified).toBe(true)

    await suspendOrganisation(rt, club.slug, 'cli', { reason: 'Signalements de badges de complaisance' })
    const suspendedAt = (await getOrganisationOrThrow(rt, club.slug)).suspended_at
    const result = await verifyDoc(issued.document)
    expect(result.verified).toBe(false)
    expect(getCheck(result, 'proof')?.status).toBe('passed')
    expect(getCheck(result, 'issuer')).toMatchObject({ status: 'failed', code: 'ISSUER_SUSPENDED', details: { name: 'Club Suspendu', since: suspendedAt } })
    await expect(issueForOrganisation(rt, { organisation: club, templateId: 'skill-badge', subjectDid: alice.did, claims: teamwork })).rejects.toMatchObject({ code: 'FORBIDDEN' })

    await reinstateOrganisation(rt, club.slug, 'cli')
    const again = await verifyDoc(issued.document)
    expect(again.verified).toBe(true)
    expect(getCheck(again, 'issuer')).toMatchObject({ status: 'passed', code: 'ISSUER_KNOWN' })
    await expect(issueForOrganisation(rt, { organisation: club, templateId: 'skill-badge', subjectDid: alice.did, claims: teamwork })).resolves.toMatchObject({ format: 'di' })
  })

  test('pending: the issuing service refuses; a credential signed with its key anyway is unchecked ISSUER_NOT_APPROVED', async () => {
    const pending = await createOrganisation(rt, { slug: 'club-pending', name: 'Club en attente', kind: 'training' })
    const row = await getOrganisationOrThrow(rt, pending.slug)
    await expect(issueForOrganisation(rt, { organisation: row, templateId: 'skill-badge', subjectDid: alice.did, claims: teamwork })).rejects.toMatchObject({ code: 'FORBIDDEN' })
    expect(await rt.db.selectFrom('credentials').select('id').where('issuer_organisation_id', '=', row.id).execute()).toEqual([])
    expect(await issuerCheck(await signAs(row.did, row.name))).toMatchObject({ status: 'unchecked', code: 'ISSUER_NOT_APPROVED', details: { name: 'Club en attente' } })
  })

  test('a stranger is unknown; once an external registry names it, it is known with the registry’s name; removed, unknown again', async () => {
    const stranger = await createDidKey(rt.agent, 'stranger-university')
    const document = await signAs(stranger.did, 'Université Ailleurs')
    expect(await issuerCheck(document)).toMatchObject({ status: 'unchecked', code: 'ISSUER_UNKNOWN', details: { did: stranger.did } })

    await loadRegistry(rt, 'cli', { name: 'DCC Sandbox Registry', text: registryFile({ [stranger.did]: { name: 'Université Ailleurs (registre)', url: 'https://ailleurs.example', location: 'Lyon' } }) })
    expect(await issuerCheck(document)).toMatchObject({
      status: 'passed', code: 'ISSUER_KNOWN_EXTERNAL',
      details: { registry: 'external', registryName: 'DCC Sandbox Registry', name: 'Université Ailleurs (registre)', url: 'https://ailleurs.example', location: 'Lyon' },
    })

    await removeRegistry(rt, 'cli', 'DCC Sandbox Registry')
    expect(await issuerCheck(document)).toMatchObject({ status: 'unchecked', code: 'ISSUER_UNKNOWN' })
  })

  test('an external registry cannot make a suspended or pending organisation of this instance known', async () => {
    const gone = await createApprovedOrganisation(rt, { slug: 'gone', name: 'Gone', kind: 'employer' })
    const issued = await issueForOrganisation(rt, { organisation: gone, templateId: 'skill-badge', subjectDid: alice.did, claims: teamwork })
    await suspendOrganisation(rt, gone.slug, 'cli', { reason: 'Fermée' })
    const pending = await getOrganisationOrThrow(rt, (await createOrganisation(rt, { slug: 'wait', name: 'Wait', kind: 'employer' })).slug)
    const goneRow = await getOrganisationOrThrow(rt, gone.slug)
    await loadRegistry(rt, 'cli', { name: 'Laundering', text: registryFile({ [goneRow.did]: { name: 'Gone (elsewhere)' }, [pending.did]: { name: 'Wait (elsewhere)' } }) })
    expect(await issuerCheck(issued.document)).toMatchObject({ status: 'failed', code: 'ISSUER_SUSPENDED' })
    expect(await issuerCheck(await signAs(pending.did, pending.name))).toMatchObject({ status: 'unchecked', code: 'ISSUER_NOT_APPROVED' })
    await removeRegistry(rt, 'cli', 'Laundering')
  })

  test('a forged signature is never credited to anyone: ISSUER_NOT_PROVEN', async () => {
    const issued = await issueForOrganisation(rt, { organisation: org, templateId: 'skill-badge', subjectDid: alice.did, claims: teamwork })
    const tampered = JSON.parse(issued.document)
    tampered.credentialSubject.achievement.name = 'Piloter un avion'
    expect(await issuerCheck(JSON.stringify(tampered))).toMatchObject({ status: 'unchecked', code: 'ISSUER_NOT_PROVEN' })
  })
})

describe('approval, suspension and reinstatement are recorded with who and when', () => {
  test('events in order, first approval kept, suspension facts cleared on reinstatement', async () => {
    const created = await createOrganisation(rt, { slug: 'history', name: 'History', kind: 'youth_support' }, 'cli')
    await approveOrganisation(rt, created.slug, 'admin-id-1')
    const approved = await getOrganisationOrThrow(rt, created.slug)
    await suspendOrganisation(rt, created.slug, 'admin-id-2', { reason: 'Contrôle en cours' })
    const suspended = await getOrganisationOrThrow(rt, created.slug)
    expect(suspended).toMatchObject({ status: 'suspended', suspended_by: 'admin-id-2', suspended_reason: 'Contrôle en cours' })
    await reinstateOrganisation(rt, created.slug, 'admin-id-3')
    const back = await getOrganisationOrThrow(rt, created.slug)
    expect(back).toMatchObject({ status: 'approved', approved_at: approved.approved_at, approved_by: 'admin-id-1', suspended_at: null, suspended_by: null, suspended_reason: null })

    // Several events may share a millisecond: compare as a set, and the times as never going back.
    const events = await rt.db.selectFrom('organisation_events').select(['action', 'actor', 'reason', 'at']).where('organisation_id', '=', back.id).execute()
    expect(events.map((e) => [e.action, e.actor, e.reason]).sort()).toEqual([
      ['approved', 'admin-id-1', null], ['registered', 'cli', null], ['reinstated', 'admin-id-3', null], ['suspended', 'admin-id-2', 'Contrôle en cours'],
    ])
    const at = Object.fromEntries(events.map((e) => [e.action, e.at]))
    expect(at.registered! <= at.approved! && at.approved! <= at.suspended! && at.suspended! <= at.reinstated!).toBe(true)
  })

  test('refusals: approving an approved one, suspending a pending one, reinstating an approved one, suspending without a reason', async () => {
    const o = await createOrganisation(rt, { slug: 'refusals', name: 'Refusals', kind: 'employer' })
    await expect(suspendOrganisation(rt, o.slug, 'cli', { reason: 'Trop tôt' })).rejects.toMatchObject({ code: 'CONFLICT' })
    await approveOrganisation(rt, o.slug, 'cli')
    await expect(approveOrganisation(rt, o.slug, 'cli')).rejects.toMatchObject({ code: 'CONFLICT' })
    await expect(reinstateOrganisation(rt, o.slug, 'cli')).rejects.toMatchObject({ code: 'CONFLICT' })
    await expect(suspendOrganisation(rt, o.slug, 'cli', { reason: ' ' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' })
    expect((await getOrganisationOrThrow(rt, o.slug)).status).toBe('approved')
  })
})
