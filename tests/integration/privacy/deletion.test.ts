import { sql } from 'kysely'
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest'
import { getCheck } from '@/lib/credentials/verify/result'
import { authenticate, createUser } from '@/lib/auth/service'
import { issueForOrganisation } from '@/lib/issuing/service'
import { createShare } from '@/lib/portfolio/service'
import { findSessionUser, SESSION_COOKIE } from '@/lib/auth/sessions'
import { listIssuedCredentials } from '@/lib/issuing/queries'
import { findShareByTokenOrThrow } from '@/lib/portfolio/service'
import { deleteAccount } from '@/lib/privacy/service'
import { setRuntime } from '@/lib/runtime'
import { changeIssuedCredentialStatus } from '@/lib/status/staff'
import { verifyOnInstance } from '@/lib/verification/service'
import { createTestRuntime } from '../../factories/runtime'
import { cookieJar, outcome, signInAs } from '../../helpers/next-mocks'
import { sessionUser } from '../issuer/_world'
import { form } from '../wallet/fixtures'
import { ALICE_PASSWORD, createPrivacyWorld } from './_world'

vi.mock('next/headers', async () => (await import('../../helpers/next-mocks')).nextHeaders)
vi.mock('next/cache', async () => (await import('../../helpers/next-mocks')).nextCache)

const { deleteAccountAction } = await import('@/app/(youth)/privacy/actions')

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
let w: Awaited<ReturnType<typeof createPrivacyWorld>>

beforeAll(async () => {
  rt = await createTestRuntime()
  setRuntime(rt)
  w = await createPrivacyWorld(rt)
})
afterAll(() => rt.cleanup())
beforeEach(() => cookieJar.clear())

const count = async (query: { execute(): Promise<unknown[]> }) => (await query.execute()).length
const aliceUserRows = () => count(rt.db.selectFrom('users').select('id').where((eb) => eb.or([eb('id', '=', w.alice.id), eb('username', '=', 'alice'), eb('did', '=', w.alice.did)])))

describe('deleteAccountAction refuses', () => {
  test('other roles and visitors', async () => {
    for (const user of [w.counsellor, w.recruiter]) {
      await signInAs(rt, user.id)
      expect(await outcome(() => deleteAccountAction(undefined, form({ username: 'claire', password: 'x' })))).toBe('forbidden')
    }
    cookieJar.clear()
    expect(await outcome(() => deleteAccountAction(undefined, form({ username: 'alice', password: ALICE_PASSWORD })))).toBe('redirect:/sign-in')
    await expect(deleteAccount(rt, { id: w.counsellor.id, role: 'counsellor' }, { username: 'claire', password: 'x' })).rejects.toMatchObject({ code: 'FORBIDDEN' })
    expect(await aliceUserRows()).toBe(1)
  })

  test('without the right username and password, keeping the username typed', async () => {
    await signInAs(rt, w.alice.id)
    expect(await deleteAccountAction(undefined, form({ username: '', password: '' }))).toEqual({ ok: false, fieldErrors: { username: ['usernameRequired'], password: ['passwordRequired'] }, values: { username: '' } })
    expect(await deleteAccountAction(undefined, form({ username: 'alicia', password: ALICE_PASSWORD }))).toEqual({ ok: false, fieldErrors: { username: ['usernameMismatch'] }, values: { username: 'alicia' } })
    expect(await deleteAccountAction(undefined, form({ username: 'alice', password: 'not-her-password' }))).toEqual({ ok: false, fieldErrors: { password: ['wrongPassword'] }, values: { username: 'alice' } })
    expect(await aliceUserRows()).toBe(1)
  })

  test('someone else’s account: only the signed-in person can be deleted', async () => {
    await signInAs(rt, w.mallory.id)
    expect(await deleteAccountAction(undefined, form({ username: 'alice', password: ALICE_PASSWORD }))).toMatchObject({ fieldErrors: { username: ['usernameMismatch'] } })
    expect(await aliceUserRows()).toBe(1)
  })
})

describe('one transaction', () => {
  test('a failure half-way leaves everything in place, the key included', async () => {
    const bob = await createUser(rt, { role: 'youth', username: 'bob', displayName: 'Bob', password: 'bob-password-123' })
    const share = await createShare(rt, { id: bob.id, role: 'youth' }, { credentialIds: [await bobCredential(bob.id, bob.did!)], about: '', label: 'B', expiresInDays: 7 })
    // A row that refers to Bob without cascading makes the last step (deleting the user) fail.
    await rt.db.insertInto('pilot_actions').values({ id: 'blocker', organisation_id: w.org.id, name: 'x', region: null, starts_on: '2026-01-01', ends_on: '2026-02-01', created_by: bob.id, created_at: new Date().toISOString() }).execute()
    await expect(deleteAccount(rt, { id: bob.id, role: 'youth' }, { username: 'bob', password: 'bob-password-123' })).rejects.toThrow()
    expect(await count(rt.db.selectFrom('users').select('id').where('id', '=', bob.id))).toBe(1)
    expect(await count(rt.db.selectFrom('shares').select('id').where('id', '=', share.id))).toBe(1)
    expect(await count(rt.db.selectFrom('keys').select('kid').where('did', '=', bob.did!))).toBe(1)
    await expect(rt.agent.didManagerGet({ did: bob.did! })).resolves.toMatchObject({ did: bob.did })
    await rt.db.deleteFrom('pilot_actions').where('id', '=', 'blocker').execute()
  })
})

async function bobCredential(userId: string, did: string): Promise<string> {
  const issued = await issueForOrganisation(rt, { organisation: w.org, templateId: 'skill-badge', subjectDid: did, claims: w.claims.teamwork, format: 'di' })
  await rt.db.updateTable('credentials').set({ holder_user_id: userId }).where('id', '=', issued.id).execute()
  return issued.id
}

const ISSUER_RECORDS = ['credentials', 'bulk_rows']

describe('deleting Alice’s account', () => {
  let sessionToken: string
  let privateKeysBefore: number
  let kids: string[]

  beforeAll(async () => {
    privateKeysBefore = await count(rt.db.selectFrom('private_keys').select('alias'))
    kids = (await rt.db.selectFrom('keys').select('kid').where('did', '=', w.alice.did).execute()).map((k) => k.kid)
    expect(kids).toHaveLength(1)
    sessionToken = await signInAs(rt, w.alice.id)
    expect(await outcome(() => deleteAccountAction(undefined, form({ username: ' Alice ', password: ALICE_PASSWORD })))).toBe('redirect:/account-deleted')
  })

  test('signs her out: the cookie is gone, the session no longer works, signing in fails', async () => {
    expect(cookieJar.has(SESSION_COOKIE)).toBe(false)
    expect(await findSessionUser(rt, sessionToken)).toBeUndefined()
    await expect(authenticate(rt, 'alice', ALICE_PASSWORD)).rejects.toMatchObject({ code: 'UNAUTHORIZED' })
    await expect(authenticate(rt, 'alice@example.org', ALICE_PASSWORD)).rejects.toMatchObject({ code: 'UNAUTHORIZED' })
  })

  test('her share links are gone', async () => {
    await expect(findShareByTokenOrThrow(rt, w.share.token)).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  test('nothing of her remains in the tables that held her', async () => {
    const id = w.alice.id
    expect(await aliceUserRows()).toBe(0)
    expect(await count(rt.db.selectFrom('profiles').select('user_id').where('user_id', '=', id))).toBe(0)
    expect(await count(rt.db.selectFrom('profile_goals').select('id').where('user_id', '=', id))).toBe(0)
    expect(await count(rt.db.selectFrom('experiences').select('id').where('user_id', '=', id))).toBe(0)
    expect(await count(rt.db.selectFrom('credential_experiences').select('credential_id').where('experience_id', '=', w.experienceId))).toBe(0)
    expect(await count(rt.db.selectFrom('shares').select('id').where((eb) => eb.or([eb('holder_user_id', '=', id), eb('id', '=', w.share.id)])))).toBe(0)
    expect(await count(rt.db.selectFrom('share_credentials').select('share_id').where('share_id', '=', w.share.id))).toBe(0)
    expect(await count(rt.db.selectFrom('share_sections').select('share_id').where('share_id', '=', w.share.id))).toBe(0)
    expect(await count(rt.db.selectFrom('sessions').select('id').where('user_id', '=', id))).toBe(0)
    expect(await count(rt.db.selectFrom('account_links').select('id').where((eb) => eb.or([eb('user_id', '=', id), eb('email', '=', 'alice@example.org')])))).toBe(0)
    expect(await count(rt.db.selectFrom('pilot_members').select('pilot_id').where('user_id', '=', id))).toBe(0)
    expect(await count(rt.db.selectFrom('rate_limits').select('key').where((eb) => eb.or([eb('key', 'like', '%alice%'), eb('key', 'like', `%${id}%`)])))).toBe(0)
    expect(await count(rt.db.selectFrom('credentials').select('id').where('holder_user_id', '=', id))).toBe(0)
    expect(await count(rt.db.selectFrom('credentials').select('id').where('id', '=', w.importedId))).toBe(0)
    expect(await count(rt.db.selectFrom('credentials').select('id').where('evidence_photo', 'is not', null).where('subject_did', '=', w.alice.did))).toBe(0)
    expect(await count(rt.db.selectFrom('credentials').select('id').where('hidden_at', 'is not', null).where('subject_did', '=', w.alice.did))).toBe(0)
    expect(await count(rt.db.selectFrom('bulk_rows').select('row_number').where('holder_user_id', '=', id))).toBe(0)
  })

  test('her linked identifiers go, with their proofs and her open challenges: the other DID counts for nobody', async () => {
    expect(await count(rt.db.selectFrom('linked_identifiers').select('did').where((eb) => eb.or([eb('user_id', '=', w.alice.id), eb('did', '=', w.linkedDid)])))).toBe(0)
    expect(await count(rt.db.selectFrom('link_challenges').select('id').where('user_id', '=', w.alice.id))).toBe(0)
    expect(await count(rt.db.selectFrom('rate_limits').select('key').where('key', '=', `link:${w.alice.id}`))).toBe(0)
  })

  test('the network goes too: stories, directory entry, contacts and messages, blocks, her consent log, her self-declared credential', async () => {
    const id = w.alice.id
    expect(await count(rt.db.selectFrom('skill_stories').select('id').where((eb) => eb.or([eb('youth_user_id', '=', id), eb('id', '=', w.storyId)])))).toBe(0)
    expect(await count(rt.db.selectFrom('directory_entries').select('handle').where((eb) => eb.or([eb('user_id', '=', id), eb('handle', '=', 'A1B2')])))).toBe(0)
    expect(await count(rt.db.selectFrom('contact_requests').select('id').where((eb) => eb.or([eb('youth_user_id', '=', id), eb('id', 'in', [w.contactId, w.blockedContactId])])))).toBe(0)
    expect(await count(rt.db.selectFrom('contact_messages').select('id').where((eb) => eb.or([eb('sender_user_id', '=', id), eb('contact_id', 'in', [w.contactId, w.blockedContactId])])))).toBe(0)
    expect(await count(rt.db.selectFrom('blocks').select('created_at').where('youth_user_id', '=', id))).toBe(0)
    expect(await count(rt.db.selectFrom('consent_events').select('id').where('user_id', '=', id))).toBe(0)
    expect(await count(rt.db.selectFrom('credentials').select('id').where('id', '=', w.selfDeclaredId))).toBe(0)
    expect(await count(rt.db.selectFrom('credential_skills').select('skill_uri').where('credential_id', '=', w.selfDeclaredId))).toBe(0)
  })

  test('her report stays for the admins, about the recruiter, without her', async () => {
    expect(await rt.db.selectFrom('reports').select(['reporter_user_id', 'recruiter_user_id', 'contact_id', 'reason', 'details']).where('id', '=', w.reportId).execute())
      .toEqual([{ reporter_user_id: null, recruiter_user_id: w.paul.id, contact_id: null, reason: 'spam', details: 'Trois messages par jour.' }])
  })

  test('one consent event records that an account was deleted, naming nobody', async () => {
    const rows = await rt.db.selectFrom('consent_events').selectAll().where('kind', '=', 'account_deleted').execute()
    expect(rows).toEqual([expect.objectContaining({ user_id: null, detail: null })])
  })

  test('no table holds a row naming her: her id, e-mail or username (her DID only in the issuers’ records of what they issued)', async () => {
    // Kysely's introspection (SQLite or PostgreSQL), without its own migration tables.
    const tables = (await rt.db.introspection.getTables()).map((t) => t.name)
    // Every table of db/schema's Database exists and is walked (a new table cannot be forgotten here).
    expect(tables).toEqual(expect.arrayContaining(['skill_stories', 'credential_skills', 'directory_entries', 'contact_requests', 'contact_messages', 'blocks', 'reports', 'consent_events', 'users', 'credentials', 'sessions', 'rate_limits', 'linked_identifiers', 'link_challenges']))
    const found: string[] = []
    for (const table of tables) {
      const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(rt.db)).rows
      for (const row of rows) {
        const text = JSON.stringify(row, (_, v) => (v instanceof Uint8Array || (v && v.type === 'Buffer') ? '[bytes]' : v))
        // The DID stays where an organisation keeps its record of what it issued (the signed documents name it).
        const needles = [w.alice.id, 'alice@example.org', '"alice"', ...(ISSUER_RECORDS.includes(table) ? [] : [w.alice.did])]
        for (const needle of needles) if (text.includes(needle)) found.push(`${table}: ${needle} in ${text.slice(0, 200)}`)
      }
    }
    expect(found).toEqual([])
  })

  test('Mallory’s contact with the same recruiter is untouched', async () => {
    expect(await count(rt.db.selectFrom('contact_requests').select('id').where('id', '=', w.malloryContactId).where('status', '=', 'accepted'))).toBe(1)
    expect(await count(rt.db.selectFrom('contact_messages').select('id').where('contact_id', '=', w.malloryContactId))).toBe(1)
    expect(await count(rt.db.selectFrom('consent_events').select('id').where('user_id', '=', w.mallory.id))).toBe(1)
  })

  test('her holder key is erased from the agent’s stores: nobody can sign as her any more', async () => {
    expect(await count(rt.db.selectFrom('dids').select('did').where('did', '=', w.alice.did))).toBe(0)
    expect(await count(rt.db.selectFrom('keys').select('kid').where((eb) => eb.or([eb('did', '=', w.alice.did), eb('kid', 'in', kids)])))).toBe(0)
    expect(await count(rt.db.selectFrom('private_keys').select('alias').where('alias', 'in', kids))).toBe(0)
    expect(await count(rt.db.selectFrom('private_keys').select('alias'))).toBe(privateKeysBefore - 1)
    await expect(rt.agent.didManagerGet({ did: w.alice.did })).rejects.toThrow()
    await expect(rt.agent.keyManagerSign({ keyRef: kids[0]!, data: 'x', algorithm: 'EdDSA', encoding: 'utf-8' })).rejects.toThrow()
  })

  test('the issuer keeps its issued credentials, without her name; the bulk row stays, unlinked', async () => {
    const staff = await sessionUser(rt, w.counsellor.id)
    const page = await listIssuedCredentials(rt, staff)
    for (const c of [w.badge, w.jwtBadge, w.work]) {
      expect(page.items.find((i) => i.id === c.id)).toMatchObject({ holderName: null })
    }
    const rows = await rt.db.selectFrom('credentials').select(['id', 'document', 'subject_did', 'holder_user_id']).where('id', 'in', [w.badge.id, w.work.id]).execute()
    expect(rows).toHaveLength(2)
    expect(rows.find((r) => r.id === w.badge.id)!.document).toBe(w.badge.document)
    expect(await rt.db.selectFrom('bulk_rows').select(['holder_user_id', 'credential_id', 'status']).where('batch_id', '=', w.batchId).execute())
      .toEqual([{ holder_user_id: null, credential_id: w.work.id, status: 'issued' }])
    expect(await count(rt.db.selectFrom('status_entries').select('credential_id').where('credential_id', '=', w.badge.id))).toBe(2)
  })

  test('the issuer can still revoke a credential, and a verification then says it is revoked', async () => {
    const staff = await sessionUser(rt, w.counsellor.id)
    await changeIssuedCredentialStatus(rt, staff, { credentialId: w.badge.id, action: 'revoke', reason: 'Délivrée par erreur' })
    expect(getCheck(await verifyOnInstance(rt, { input: w.badge.document }), 'status')).toMatchObject({ status: 'failed', code: 'STATUS_REVOKED' })
  })

  test('Mallory is untouched', async () => {
    expect(await count(rt.db.selectFrom('users').select('id').where('id', '=', w.mallory.id))).toBe(1)
    expect(await count(rt.db.selectFrom('credentials').select('id').where('holder_user_id', '=', w.mallory.id).where('evidence_photo', 'is not', null))).toBe(1)
    expect(await count(rt.db.selectFrom('keys').select('kid').where('did', '=', w.mallory.did))).toBe(1)
    await expect(rt.agent.didManagerGet({ did: w.mallory.did })).resolves.toMatchObject({ did: w.mallory.did })
  })

  test('a second attempt finds no account', async () => {
    await expect(deleteAccount(rt, { id: w.alice.id, role: 'youth' }, { username: 'alice', password: ALICE_PASSWORD })).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})
