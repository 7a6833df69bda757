import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { Migrator, type MigrationProvider } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { migrateToLatest, openSqlite, type Db } from '@/db/client'
import { migrations } from '@/db/migrations'

// The trust migration rebuilds `credentials` on SQLite (a NOT NULL cannot be dropped there):
// a database written before it must come through with every row, link and constraint intact.

const provider: MigrationProvider = { getMigrations: async () => migrations }
const at = '2026-11-01T10:00:00.000Z'

let dir: string
let db: Db

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tremplin-migration-'))
  db = openSqlite(join(dir, 'tremplin.sqlite'))
  const { error } = await new Migrator({ db, provider }).migrateTo('2026_11_27_1500_status_lists')
  if (error) throw error
  // A world as the previous schema held it (raw SQL: today's types no longer describe it).
  const raw = async (text: string) => sql.raw(text).execute(db)
  await raw(`insert into organisations (id, slug, name, kind, region, did, created_at) values ('o1', 'ml', 'Mission Locale', 'youth_support', null, 'did:key:z6MkOld', '${at}')`)
  await raw(`insert into users (id, username, display_name, role, organisation_id, did, locale, created_at) values ('u1', 'sam', 'Sam', 'youth', 'o1', 'did:key:z6MkSam', 'fr', '${at}')`)
  await raw(`insert into credentials (id, issuer_organisation_id, issued_by_user_id, holder_user_id, subject_did, template_id, format, document, title, valid_from, valid_until, created_at, hidden_at, evidence_photo, evidence_photo_type, language)
    values ('urn:uuid:c1', 'o1', null, 'u1', 'did:key:z6MkSam', 'skill-badge', 'di', '{"a":1}', 'Accueil', '${at}', null, '${at}', null, x'89504e47', 'image/png', 'fr')`)
  await raw(`insert into shares (id, holder_user_id, token_hash, label, about, created_at, expires_at, view_count) values ('s1', 'u1', 'h', 'CV', '', '${at}', '2027-01-01T00:00:00.000Z', 2)`)
  await raw(`insert into share_credentials (share_id, credential_id, position) values ('s1', 'urn:uuid:c1', 0)`)
  await raw(`insert into status_lists (id, organisation_id, purpose, list_number, size, bits, version, created_at, updated_at) values ('l1', 'o1', 'revocation', 1, 131072, x'00', 1, '${at}', '${at}')`)
  await raw(`insert into status_entries (list_id, status_index, credential_id) values ('l1', 42, 'urn:uuid:c1')`)
  await raw(`insert into credential_status (credential_id, revoked_at, revoked_reason, revoked_by, updated_at) values ('urn:uuid:c1', '${at}', 'erreur', 'cli', '${at}')`)
})

afterEach(async () => {
  await db.destroy()
  rmSync(dir, { recursive: true, force: true })
})

describe('migration 2026_11_27_1600_trust on an existing database', () => {
  it('keeps every credential with its links, and marks it issued by the organisation’s DID', async () => {
    expect(await migrateToLatest(db)).toContain('2026_11_27_1600_trust')
    const c = await db.selectFrom('credentials').selectAll().executeTakeFirstOrThrow()
    expect(c).toMatchObject({ id: 'urn:uuid:c1', issuer_organisation_id: 'o1', holder_user_id: 'u1', title: 'Accueil', language: 'fr', origin: 'issued', issuer_did: 'did:key:z6MkOld', imported_at: null })
    expect(Buffer.from(c.evidence_photo!).toString('hex')).toBe('89504e47')
    expect(await db.selectFrom('share_credentials').selectAll().execute()).toEqual([{ share_id: 's1', credential_id: 'urn:uuid:c1', position: 0 }])
    expect(await db.selectFrom('status_entries').select('status_index').execute()).toEqual([{ status_index: 42 }])
    expect(await db.selectFrom('credential_status').select('revoked_reason').execute()).toEqual([{ revoked_reason: 'erreur' }])
  })

  it('approves the organisations that existed, and lists the DID they issued under', async () => {
    await migrateToLatest(db)
    expect(await db.selectFrom('organisations').select(['status', 'approved_at', 'approved_by']).executeTakeFirstOrThrow())
      .toEqual({ status: 'approved', approved_at: at, approved_by: 'migration' })
    expect(await db.selectFrom('organisation_dids').selectAll().execute()).toEqual([{ did: 'did:key:z6MkOld', organisation_id: 'o1', method: 'key', created_at: at }])
  })

  it('lets imported credentials have no organisation, and still enforces the foreign keys', async () => {
    await migrateToLatest(db)
    await db.insertInto('credentials').values({
      id: 'urn:uuid:imported', issuer_organisation_id: null, holder_user_id: 'u1', subject_did: 'did:key:z6MkElse', template_id: 'imported', format: 'jwt',
      document: 'e30.e30.sig', title: 'Badge', valid_from: at, created_at: at, origin: 'imported', imported_at: at, issuer_did: 'did:web:example.org',
    }).execute()
    expect(await db.selectFrom('credentials').select('id').where('origin', '=', 'imported').execute()).toHaveLength(1)
    const pragma = await sql<{ foreign_keys: number }>`PRAGMA foreign_keys`.execute(db)
    expect(pragma.rows[0]!.foreign_keys).toBe(1)
    await expect(db.insertInto('share_credentials').values({ share_id: 's1', credential_id: 'urn:uuid:nowhere', position: 1 }).execute()).rejects.toThrow(/FOREIGN KEY/)
    await expect(db.insertInto('credentials').values({
      id: 'urn:uuid:orphan', issuer_organisation_id: 'no-such-org', subject_did: 'did:key:x', template_id: 't', format: 'di', document: '{}', title: 't', valid_from: at, created_at: at,
    }).execute()).rejects.toThrow(/FOREIGN KEY/)
  })

  it('keeps the credentials indexes', async () => {
    await migrateToLatest(db)
    const { rows } = await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'credentials' order by name`.execute(db)
    expect(rows.map((r) => r.name)).toEqual(expect.arrayContaining(['credentials_holder_idx', 'credentials_issuer_idx']))
  })
})
