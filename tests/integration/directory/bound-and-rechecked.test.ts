import * as vc from '@digitalbazaar/vc'
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createUser } from '@/lib/auth/service'
import { VC_V2_CONTEXT } from '@/lib/credentials/contexts'
import { documentLoader } from '@/lib/credentials/document-loader'
import { signingSuite } from '@/lib/credentials/suites'
import { recheckImportedStatuses } from '@/lib/directory/recheck'
import { parseSearch } from '@/lib/directory/schemas'
import { optIn, searchDirectory } from '@/lib/directory/service'
import { createDidKey, ed25519Signer, getDidKeys, type DidKeys } from '@/lib/dids/signer'
import { insertCredential } from '@/lib/issuing/repository'
import { emptyBits, encodeList, withBit } from '@/lib/credentials/bitstring'
import { remoteStatusListResolver, type Fetch, type Lookup } from '@/lib/status/remote'
import { verifyOnInstance } from '@/lib/verification/service'
import { importCredentials } from '@/lib/wallet/import'
import { createTestRuntime } from '../../factories/runtime'
import { addCredential, createDirectoryWorld, DCC_ISSUER, type DirectoryWorld } from './_world'

// What the recruiters' directory counts (decision 020): only credentials bound to the young person
// (their DID or one they linked), a self-issued one only as self-declared, and an imported one
// only while a re-check of its remote status list — on a schedule, through the remote fetch rules
// (here an injected transport) — says it is neither revoked nor suspended.

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
let w: DirectoryWorld
let ines: { id: string; did: string }
let foreign: DidKeys
const NOW = new Date()
const at = (hours: number) => new Date(NOW.getTime() + hours * 3_600_000)
const OTHER_DID = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK'
const SKILL_OTHER = 'http://data.europa.eu/esco/skill/test-other-identifier'
const SKILL_SELF = 'http://data.europa.eu/esco/skill/test-self-assessed'
const SKILL_RETIRED = 'http://data.europa.eu/esco/skill/test-retired-key'
const SKILL_IMPORTED_NOW = 'http://data.europa.eu/esco/skill/test-imported-now'
const SKILL_REMOTE = 'http://data.europa.eu/esco/skill/test-remote-status'
const LIST_URL = 'https://lists.example/status/revocation/1'
const INDEX = 4242

const recruiter = () => ({ id: w.recruiter.id, role: 'recruiter' })
/** The skills the directory shows for Inès when searching for `skill` (undefined: she is not found). */
async function found(skill: string, evidence = 'any', now = NOW) {
  const r = await searchDirectory(rt, recruiter(), parseSearch({ skill, evidence }), 'fr', now)
  return r.results[0]?.skills.find((s) => s.uri === skill)
}

// The remote host: serves the status list credential it currently holds, counting fetches.
let servedList: Record<string, unknown> | undefined
let answering = true
const calls: string[] = []
const fetch: Fetch = async (url) => {
  calls.push(url)
  if (!answering) throw new Error('connection refused')
  return url === LIST_URL && servedList ? Response.json(servedList) : new Response('not here', { status: 404 })
}
const lookup: Lookup = async () => [{ address: '93.184.216.34', family: 4 }]
const remote = { fetch, lookup }

async function signList(revoked: boolean) {
  const unsigned = {
    '@context': [VC_V2_CONTEXT], id: LIST_URL, type: ['VerifiableCredential', 'BitstringStatusListCredential'], issuer: foreign.did,
    validFrom: at(-24).toISOString(), validUntil: at(24 * 30).toISOString(),
    credentialSubject: { id: `${LIST_URL}#list`, type: 'BitstringStatusList', statusPurpose: 'revocation', encodedList: encodeList(withBit(emptyBits(), INDEX, revoked)) },
  }
  return vc.issue({ credential: unsigned, suite: signingSuite(ed25519Signer(rt.agent, foreign), at(-24)), documentLoader, now: at(-24) }) as Promise<Record<string, unknown>>
}

/** A badge from another platform, issued to Inès's DID, with a status entry on that platform's list. */
async function remoteBadge(skill = SKILL_REMOTE) {
  const id = `urn:uuid:${randomUUID()}`
  const credential = {
    '@context': [VC_V2_CONTEXT, 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id, type: ['VerifiableCredential', 'OpenBadgeCredential'], name: 'Animer un atelier',
    issuer: { id: foreign.did, type: ['Profile'], name: 'Plateforme Ailleurs' }, validFrom: at(-48).toISOString(),
    credentialSubject: {
      id: ines.did, type: ['AchievementSubject'],
      achievement: { id: `urn:uuid:${randomUUID()}`, type: ['Achievement'], name: 'Animer un atelier', criteria: { narrative: 'A animé trois ateliers.' },
        alignment: [{ type: ['Alignment'], targetUrl: skill, targetName: 'Animer un atelier', targetType: 'ext:ESCOSkill' }] },
    },
    credentialStatus: { id: `${LIST_URL}#${INDEX}`, type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: String(INDEX), statusListCredential: LIST_URL },
  }
  return { id, signed: await vc.issue({ credential, suite: signingSuite(ed25519Signer(rt.agent, foreign), at(-48)), documentLoader, now: at(-48) }) as Record<string, unknown> }
}

/** That badge stored as the import leaves it, never re-checked yet. */
async function importRemoteBadge(): Promise<string> {
  const { id, signed } = await remoteBadge()
  await insertCredential(rt.db, {
    id, issuer_organisation_id: null, issued_by_user_id: null, holder_user_id: ines.id, subject_did: ines.did, template_id: 'skill-badge', format: 'di',
    document: JSON.stringify(signed), title: 'Animer un atelier', valid_from: at(-48).toISOString(), valid_until: null, created_at: at(-1).toISOString(),
    language: 'fr', origin: 'imported', imported_at: at(-1).toISOString(), issuer_did: foreign.did,
  })
  return id
}

beforeAll(async () => {
  rt = await createTestRuntime()
  w = await createDirectoryWorld(rt)
  const u = await createUser(rt, { role: 'youth', username: 'ines-dir', displayName: 'Inès Introuvable' })
  ines = { id: u.id, did: u.did! }
  await optIn(rt, { id: ines.id, role: 'youth' })
  foreign = await getDidKeys(rt.agent, (await createDidKey(rt.agent, 'foreign-platform')).did)
}, 60_000)
afterAll(() => rt.cleanup())

describe('bound to the young person', () => {
  test('an imported credential issued to another identifier does not count — until she links that identifier', async () => {
    await addCredential(rt, { holder: ines, origin: 'imported', issuer: { did: DCC_ISSUER, name: 'Université Exemple' }, subjectDid: OTHER_DID, level: 'assessed', skills: [{ uri: SKILL_OTHER, label: 'Compétence d’un autre' }] })
    expect(await found(SKILL_OTHER)).toBeUndefined()
    await rt.db.insertInto('linked_identifiers').values({ id: randomUUID(), user_id: ines.id, did: OTHER_DID, presentation: '{}', presentation_hash: 'x', linked_at: NOW.toISOString() }).execute()
    expect(await found(SKILL_OTHER)).toMatchObject({ bestLevel: 'assessed' })
  })

  test('a credential she issued herself, from the other wallet she linked, claiming "assessed", counts only as self-declared', async () => {
    // Issuer (her linked DID) and subject (her DID here) differ: only the directory knows both are hers.
    await addCredential(rt, { holder: ines, origin: 'imported', issuer: { did: OTHER_DID, name: 'Inès' }, level: 'assessed', skills: [{ uri: SKILL_SELF, label: 'Se dire experte' }] })
    const indexed = await rt.db.selectFrom('credential_skills').select('evidence_level').where('skill_uri', '=', SKILL_SELF).executeTakeFirstOrThrow()
    expect(indexed.evidence_level).toBe('assessed')
    expect(await found(SKILL_SELF, 'witnessed')).toBeUndefined()
    expect(await found(SKILL_SELF, 'assessed')).toBeUndefined()
    expect(await found(SKILL_SELF)).toMatchObject({ bestLevel: 'self_declared', sources: [{ level: 'self_declared', issuer: { kind: 'self' } }] })
  })
})

describe('signed with a key its organisation withdrew (retire-key)', () => {
  test('does not count any more', async () => {
    const org = w.missionLocale
    const id = await addCredential(rt, { holder: ines, origin: 'issued', organisation: org, level: 'assessed', skills: [{ uri: SKILL_RETIRED, label: 'Signé avec une clé retirée' }] })
    await rt.db.updateTable('credentials').set({ verification_method: `${org.did}#key-1` }).where('id', '=', id).execute()
    expect(await found(SKILL_RETIRED)).toMatchObject({ bestLevel: 'assessed' })
    await rt.db.updateTable('organisation_keys').set({ retired_at: NOW.toISOString(), retired_reason: 'volée' }).where('did', '=', org.did).where('fragment', '=', 'key-1').execute()
    expect(await found(SKILL_RETIRED)).toBeUndefined()
  })
})

describe('an imported credential’s remote status, re-checked on a schedule', () => {
  let id: string
  test('never re-checked: it does not count yet (and searching fetches nothing)', async () => {
    servedList = await signList(false)
    id = await importRemoteBadge()
    expect(await found(SKILL_REMOTE)).toBeUndefined()
    expect(calls).toEqual([])
  })

  test('the re-check fetches its list through the transport: active, so it counts', async () => {
    const report = await recheckImportedStatuses(rt, { now: NOW, remote })
    expect(calls).toContain(LIST_URL)
    expect(report.outcomes.active).toBeGreaterThanOrEqual(1)
    expect(await rt.db.selectFrom('credentials').select(['remote_status', 'remote_status_checked_at']).where('id', '=', id).executeTakeFirstOrThrow())
      .toEqual({ remote_status: 'active', remote_status_checked_at: NOW.toISOString() })
    expect(await found(SKILL_REMOTE)).toMatchObject({ uri: SKILL_REMOTE })
  })

  test('a run within 6 hours leaves it alone; a host that does not answer leaves the last answer standing', async () => {
    const before = calls.length
    await recheckImportedStatuses(rt, { now: at(1), remote })
    expect(calls.length).toBe(before)
    answering = false
    const report = await recheckImportedStatuses(rt, { now: at(7), remote })
    answering = true
    expect(report.outcomes.unknown).toBeGreaterThanOrEqual(1)
    expect(await found(SKILL_REMOTE, 'any', at(7))).toMatchObject({ uri: SKILL_REMOTE })
  })

  test('its issuer revokes it: after the next re-check it drops out of the directory', async () => {
    servedList = await signList(true)
    const report = await recheckImportedStatuses(rt, { now: at(14), remote })
    expect(report.outcomes.revoked).toBe(1)
    expect(await found(SKILL_REMOTE, 'any', at(14))).toBeUndefined()
  })

  test('a last definitive answer older than 72 hours no longer counts', async () => {
    const fresh = await importRemoteBadge()
    servedList = await signList(false)
    await recheckImportedStatuses(rt, { now: at(20), remote })
    expect((await rt.db.selectFrom('credentials').select('remote_status').where('id', '=', fresh).executeTakeFirstOrThrow()).remote_status).toBe('active')
    expect(await found(SKILL_REMOTE, 'any', at(21))).toMatchObject({ uri: SKILL_REMOTE })
    expect(await found(SKILL_REMOTE, 'any', at(20 + 73))).toBeUndefined()
  })

  test('imported through the wallet: the verification made at import is its first status check, so it counts at once', async () => {
    servedList = await signList(false)
    const { signed } = await remoteBadge(SKILL_IMPORTED_NOW)
    const verify = (input: unknown) => verifyOnInstance(rt, { input, now: NOW }, { remoteStatusLists: remoteStatusListResolver(remote) })
    const imported = await importCredentials(rt, { id: ines.id, role: 'youth' }, JSON.stringify(signed), { now: NOW, verify })
    expect(imported).toMatchObject({ ok: true, items: [{ outcome: 'added' }] })
    expect(await found(SKILL_IMPORTED_NOW)).toMatchObject({ uri: SKILL_IMPORTED_NOW })
  })
})
