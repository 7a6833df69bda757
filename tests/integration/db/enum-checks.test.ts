import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql, type Kysely } from 'kysely'
import { Migrator, type MigrationProvider } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { dialectOf, migrateToLatest, openPostgres, openSqlite, type Db } from '@/db/client'
import { ENUM_COLUMNS } from '@/db/enums'
import { migrations } from '@/db/migrations'
import { adminQuery, databaseUrl, testPostgresServer } from '../../factories/databases'

// Migration 2026_12_08_1500_enum_checks (decision 037), on SQLite and, with TEST_DATABASE_URL, on
// PostgreSQL: the database refuses a value outside an enum-like column's list; a database written
// by the previous release migrates with every row, index and foreign key; a database holding an
// unknown value refuses to migrate and says where.

const provider: MigrationProvider = { getMigrations: async () => migrations }
const BEFORE = '2026_12_08_1400_large_data_indexes'
const at = '2026-12-01T10:00:00.000Z'
const later = '2027-06-01T10:00:00.000Z'
const server = testPostgresServer()

/** A new empty database of the dialect, and how to get rid of it. */
async function newDatabase(dialect: 'sqlite' | 'postgres'): Promise<{ db: Db; drop: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'tremplin-enum-checks-'))
    const db = openSqlite(join(dir, 'tremplin.sqlite'))
    return { db, drop: async () => { await db.destroy(); rmSync(dir, { recursive: true, force: true }) } }
  }
  const name = `tremplin_enum_${process.pid}_${Math.random().toString(36).slice(2, 8)}`
  await adminQuery(server!, `CREATE DATABASE ${name}`)
  const db = openPostgres(databaseUrl(server!, name), { max: 1 })
  return { db, drop: async () => { await db.destroy(); await adminQuery(server!, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) } }
}

async function migrateTo(db: Db, name: string) {
  const { error } = await new Migrator({ db, provider }).migrateTo(name)
  if (error) throw error
}

/**
 * One row of every kind the previous release wrote, each enum-like column holding a value of its
 * list, with foreign keys pointing at every table the migration rebuilds on SQLite.
 */
async function writeWorld(any: Kysely<any>) {
  const ins = (table: string, values: Record<string, unknown>) => any.insertInto(table).values(values).execute()
  await ins('organisations', { id: 'o1', slug: 'ml', name: 'Mission Locale', kind: 'youth_support', region: 'Bretagne', did: 'did:web:ml', created_at: at, status: 'approved', approved_at: at, approved_by: 'cli' })
  await ins('organisations', { id: 'o2', slug: 'boulangerie', name: 'Boulangerie', kind: 'employer', region: null, did: 'did:key:z6MkEmp', created_at: at, status: 'pending' })
  await ins('organisation_events', { id: 'e1', organisation_id: 'o1', action: 'key_rotated', actor: 'cli', reason: null, at })
  await ins('organisation_dids', { did: 'did:web:ml', organisation_id: 'o1', method: 'web', created_at: at })
  await ins('organisation_keys', { kid: 'k1', organisation_id: 'o1', did: 'did:web:ml', fragment: 'key-1', created_at: at })
  await ins('users', { id: 'u1', username: 'sam', display_name: 'Sam', role: 'youth', organisation_id: 'o1', did: 'did:key:z6MkSam', locale: 'fr', created_at: at })
  await ins('users', { id: 'u2', username: 'lea', display_name: 'Léa', role: 'counsellor', organisation_id: 'o1', locale: 'fr', created_at: at })
  await ins('users', { id: 'u3', username: 'rec', display_name: 'Rec', role: 'recruiter', organisation_id: 'o2', locale: 'en', created_at: at })
  await ins('sessions', { id: 's1', token_hash: 'th1', user_id: 'u1', created_at: at, expires_at: later, last_seen_at: at })
  await ins('account_links', { id: 'l1', token_hash: 'lh1', purpose: 'invitation', organisation_id: 'o2', role: 'recruiter', created_by: 'u2', created_at: at, expires_at: later })
  await ins('credentials', {
    id: 'urn:uuid:c1', issuer_organisation_id: 'o1', issued_by_user_id: 'u2', holder_user_id: 'u1', subject_did: 'did:key:z6MkSam', template_id: 'skill-badge',
    format: 'di', document: '{"a":1}', title: 'Accueil', valid_from: at, created_at: at, evidence_photo: Buffer.from('89504e47', 'hex'), evidence_photo_type: 'image/png',
    language: 'fr', origin: 'issued', issuer_did: 'did:web:ml', verification_method: 'did:web:ml#key-1',
  })
  await ins('credentials', {
    id: 'urn:uuid:c2', holder_user_id: 'u1', subject_did: 'did:key:z6MkSam', template_id: 'imported', format: 'jwt', document: 'e30.e30.sig', title: 'Import',
    valid_from: at, created_at: at, origin: 'imported', imported_at: at, issuer_did: 'did:web:else', remote_status: 'active', remote_status_checked_at: at,
  })
  await ins('taxonomy_concepts', { uri: 'esco:s1', kind: 'skill', framework: 'ESCO', code: null })
  await ins('taxonomy_labels', { uri: 'esco:s1', lang: 'fr', label: 'accueillir', alt_labels: '', search_text: 'accueillir' })
  await ins('status_lists', { id: 'sl1', organisation_id: 'o1', purpose: 'revocation', list_number: 1, size: 131072, bits: Buffer.alloc(16, 1), version: 3, created_at: at, updated_at: at })
  await ins('status_entries', { list_id: 'sl1', status_index: 42, credential_id: 'urn:uuid:c1' })
  await ins('credential_status', { credential_id: 'urn:uuid:c1', revoked_at: at, revoked_reason: 'erreur', revoked_by: 'u2', updated_at: at })
  await ins('profiles', { user_id: 'u1', region: 'Bretagne', availability: 'soon', languages: '[]', updated_at: at })
  await ins('experiences', { id: 'x1', user_id: 'u1', kind: 'informal', title: 'Garde', started_on: '2025-01', created_at: at, updated_at: at })
  await ins('credential_experiences', { credential_id: 'urn:uuid:c1', experience_id: 'x1' })
  await ins('shares', { id: 'sh1', holder_user_id: 'u1', token_hash: 'sh', label: 'CV', about: '', created_at: at, expires_at: later })
  await ins('share_credentials', { share_id: 'sh1', credential_id: 'urn:uuid:c1', position: 0 })
  await ins('share_sections', { share_id: 'sh1', section: 'goals' })
  await ins('pilot_actions', { id: 'p1', organisation_id: 'o1', name: 'Été', starts_on: '2026-06-01', ends_on: '2026-09-01', created_by: 'u2', created_at: at })
  await ins('pilot_members', { pilot_id: 'p1', user_id: 'u1', role: 'youth', added_at: at })
  await ins('bulk_batches', { id: 'b1', organisation_id: 'o1', pilot_id: 'p1', template_id: 'skill-badge', format: 'jwt', source: 'csv', file_name: 'a.csv', status: 'done', total_rows: 1, encoding: 'windows-1252', delimiter: '\t', created_by: 'u2', created_at: at })
  await ins('bulk_rows', { batch_id: 'b1', row_number: 1, holder_user_id: 'u1', claims: '{}', status: 'issued', credential_id: 'urn:uuid:c1', issued_at: at })
  await ins('skill_stories', { id: 'st1', youth_user_id: 'u1', skill_label: 'Accueil', attester_user_id: 'u2', attester_organisation_id: 'o1', status: 'attested', credential_id: 'urn:uuid:c1', evidence_level: 'witnessed', created_at: at, updated_at: at })
  await ins('credential_skills', { credential_id: 'urn:uuid:c1', skill_uri: 'esco:s1', label: 'accueillir', evidence_level: 'assessed', skill_level: 'autonomous' })
  await ins('directory_entries', { user_id: 'u1', handle: '7K3P', opted_in_at: at })
  await ins('contact_requests', { id: 'cr1', youth_user_id: 'u1', recruiter_user_id: 'u3', recruiter_organisation_id: 'o2', message: 'Bonjour', status: 'accepted', created_at: at })
  await ins('contact_messages', { id: 'm1', contact_id: 'cr1', sender_user_id: 'u3', body: 'Bonjour', created_at: at })
  await ins('reports', { id: 'r1', reporter_user_id: 'u1', recruiter_user_id: 'u3', contact_id: 'cr1', reason: 'not_a_job', created_at: at })
  await ins('consent_events', { id: 'ce1', user_id: 'u1', kind: 'contact_accepted', detail: '{"contact":"cr1"}', at })
  await ins('credential_offers', { id: 'of1', credential_id: 'urn:uuid:c2', user_id: 'u1', organisation_id: 'o2', created_at: at })
  await ins('notifications', { id: 'n1', user_id: 'u1', actor_user_id: 'u3', kind: 'contact_request', params: '{}', link: '/contacts', created_at: at })
}

/** Every row of every table, in a stable order. */
async function snapshotRows(db: Db) {
  const tables = (await db.introspection.getTables()).map((t) => t.name).filter((n) => !n.startsWith('kysely_')).sort()
  const out: Record<string, unknown[]> = {}
  for (const table of tables) {
    const rows = await (db as Kysely<any>).selectFrom(table).selectAll().execute()
    out[table] = rows.map((r) => JSON.stringify(r)).sort()
  }
  return out
}

/** Indexes, triggers and foreign keys as the database itself describes them. */
async function snapshotSchema(db: Db) {
  if (dialectOf(db) === 'sqlite') {
    const { rows: objects } = await sql<{ type: string; name: string; tbl_name: string; sql: string | null }>`select type, name, tbl_name, sql from sqlite_master where type in ('index', 'trigger') order by name`.execute(db)
    const tables = (await db.introspection.getTables()).map((t) => t.name).sort()
    const foreignKeys: Record<string, unknown[]> = {}
    for (const t of tables) foreignKeys[t] = (await sql`select * from pragma_foreign_key_list(${t})`.execute(db)).rows
    return { objects, foreignKeys }
  }
  const { rows: objects } = await sql`select indexname, indexdef from pg_indexes where schemaname = 'public' order by indexname`.execute(db)
  const { rows: foreignKeys } = await sql`select conrelid::regclass::text as t, conname, pg_get_constraintdef(oid) as def from pg_constraint where contype = 'f' order by 1, 2`.execute(db)
  return { objects, foreignKeys }
}

const dialects = ['sqlite', ...(server ? ['postgres'] as const : [])] as const

describe.each(dialects)('enum CHECK constraints (%s)', (dialect) => {
  let db: Db
  let drop: () => Promise<void>

  beforeEach(async () => {
    ({ db, drop } = await newDatabase(dialect))
    await migrateTo(db, BEFORE)
  })
  afterEach(async () => drop())

  it('an older database migrates and keeps its rows, indexes and foreign keys', async () => {
    await writeWorld(db)
    const rows = await snapshotRows(db)
    const schema = await snapshotSchema(db)

    expect(await migrateToLatest(db)).toEqual(['2026_12_08_1500_enum_checks'])

    expect(await snapshotRows(db)).toEqual(rows)
    expect(await snapshotSchema(db)).toEqual(schema)
    if (dialect === 'sqlite') {
      expect((await sql<{ foreign_keys: number }>`PRAGMA foreign_keys`.execute(db)).rows[0]!.foreign_keys).toBe(1)
      expect((await sql`PRAGMA foreign_key_check`.execute(db)).rows).toEqual([])
      expect((await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(db)).rows).toEqual([{ integrity_check: 'ok' }])
    }
    // The foreign keys to the rebuilt tables still act: refused orphans, cascades.
    await expect(db.insertInto('sessions').values({ id: 's2', token_hash: 'th2', user_id: 'nobody', created_at: at, expires_at: later, last_seen_at: at }).execute()).rejects.toThrow(/foreign key/i)
    await expect(db.insertInto('status_entries').values({ list_id: 'no-list', status_index: 1, credential_id: 'urn:uuid:c1' }).execute()).rejects.toThrow(/foreign key/i)
    await db.deleteFrom('contact_messages').execute()
    await db.deleteFrom('contact_requests').where('id', '=', 'cr1').execute()
    expect(await db.selectFrom('reports').select('contact_id').execute()).toEqual([{ contact_id: null }])
  })

  it('refuses, in the database, a value outside each enum-like column’s list', async () => {
    await writeWorld(db)
    await migrateToLatest(db)
    const any = db as Kysely<any>
    for (const [table, columns] of Object.entries(ENUM_COLUMNS)) {
      for (const column of Object.keys(columns)) {
        await expect(any.updateTable(table).set({ [column]: 'not-in-the-list' }).execute(), `${table}.${column}`).rejects.toThrow(new RegExp(`${table}_${column}_check`))
      }
    }
    await expect(any.insertInto('organisations').values({ id: 'o9', slug: 'x', name: 'X', kind: 'association', did: 'did:key:x', created_at: at }).execute()).rejects.toThrow(/organisations_kind_check/)
    await expect(any.insertInto('users').values({ id: 'u9', username: 'root', display_name: 'Root', role: 'superuser', locale: 'fr', created_at: at }).execute()).rejects.toThrow(/users_role_check/)
    // The values of the lists and NULL in a nullable column are accepted.
    await db.insertInto('users').values({ id: 'u9', username: 'tutor', display_name: 'T', role: 'tutor', organisation_id: 'o2', locale: 'fr', created_at: at }).execute()
    await db.updateTable('profiles').set({ availability: null }).execute()
    await db.updateTable('credentials').set({ remote_status: null, evidence_photo_type: null }).execute()
    await db.updateTable('bulk_batches').set({ delimiter: ';' }).execute()
    expect(await db.selectFrom('bulk_batches').select('delimiter').execute()).toEqual([{ delimiter: ';' }])
  })

  it('migrating down takes the constraints off and keeps the rows, indexes and foreign keys', async () => {
    await writeWorld(db)
    const rows = await snapshotRows(db)
    const schema = await snapshotSchema(db)
    await migrateToLatest(db)
    const { error } = await new Migrator({ db, provider }).migrateDown()
    if (error) throw error
    expect(await snapshotRows(db)).toEqual(rows)
    expect(await snapshotSchema(db)).toEqual(schema)
    await (db as Kysely<any>).updateTable('users').set({ role: 'superuser' }).where('id', '=', 'u3').execute()
  })

  it('refuses to migrate a database holding an unknown value, naming table, column and values, and changes nothing', async () => {
    await writeWorld(db)
    const any = db as Kysely<any>
    await any.updateTable('users').set({ role: 'superuser' }).where('id', 'in', ['u2', 'u3']).execute()
    await any.updateTable('bulk_batches').set({ delimiter: '|' }).execute()
    const rows = await snapshotRows(db)

    const failure = await migrateToLatest(db).then(() => undefined, (e: Error) => e)
    expect(failure?.message).toMatch(/users\.role: "superuser" \(2 rows\); allowed: youth, counsellor, tutor, recruiter, admin/)
    expect(failure?.message).toMatch(/bulk_batches\.delimiter: "\|" \(1 row\)/)
    expect(failure?.message).not.toMatch(/organisations\./)

    expect(await snapshotRows(db)).toEqual(rows)
    const applied = await (db as Kysely<any>).selectFrom('kysely_migration').select('name').execute()
    expect(applied.map((r) => r.name)).not.toContain('2026_12_08_1500_enum_checks')
    // No constraint was added: the unknown values can still be written.
    await any.updateTable('organisations').set({ kind: 'association' }).where('id', '=', 'o2').execute()
  })
})
