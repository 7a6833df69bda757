import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { Migrator, type MigrationProvider } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { migrateToLatest, openSqlite, type Db } from '@/db/client'
import { migrations } from '@/db/migrations'

// The network migration indexes the skills of the credentials stored before it (the directory
// searches that index): JSON and VC-JWT documents alike, nothing for unreadable ones, no evidence
// level (none was stated before).

const provider: MigrationProvider = { getMigrations: async () => migrations }
const at = '2026-11-01T10:00:00.000Z'
const ESCO = 'http://data.europa.eu/esco/skill/'

function credentialWith(alignment: unknown[]) {
  return { '@context': [], type: ['VerifiableCredential', 'OpenBadgeCredential'], credentialSubject: { id: 'did:key:z6MkSam', achievement: { name: 'Accueil', alignment } } }
}
const jwtOf = (vc: unknown) => `eyJhbGciOiJFZERTQSJ9.${Buffer.from(JSON.stringify({ vc, sub: 'did:key:z6MkSam' })).toString('base64url')}.c2ln`

let dir: string
let db: Db

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tremplin-migration-'))
  db = openSqlite(join(dir, 'tremplin.sqlite'))
  const { error } = await new Migrator({ db, provider }).migrateTo('2026_11_27_1700_path_pilots')
  if (error) throw error
  const raw = async (text: string) => sql.raw(text).execute(db)
  await raw(`insert into organisations (id, slug, name, kind, region, did, created_at, status) values ('o1', 'ml', 'Mission Locale', 'youth_support', null, 'did:key:z6MkOrg', '${at}', 'approved')`)
  const insert = (id: string, format: 'di' | 'jwt', document: string) => db.insertInto('credentials').values({
    id, issuer_organisation_id: 'o1', subject_did: 'did:key:z6MkSam', template_id: 'skill-badge', format, document, title: 't', valid_from: at, created_at: at,
  }).execute()
  await insert('urn:uuid:di', 'di', JSON.stringify(credentialWith([
    { targetName: 'accueillir des clients', targetUrl: `${ESCO}a1` },
    { targetName: 'accueillir des clients (bis)', targetUrl: `${ESCO}a1` },
    { targetName: 'travailler en équipe', targetUrl: `${ESCO}b2` },
    { targetName: 'no url' },
  ])))
  await insert('urn:uuid:jwt', 'jwt', jwtOf(credentialWith([{ targetName: 'cuisiner', targetUrl: `${ESCO}c3` }])))
  await insert('urn:uuid:none', 'di', JSON.stringify(credentialWith([])))
  await insert('urn:uuid:broken', 'jwt', 'not-a-jwt')
})

afterEach(async () => {
  await db.destroy()
  rmSync(dir, { recursive: true, force: true })
})

describe('migration 2026_11_27_1800_network on an existing database', () => {
  it('indexes each stored credential’s aligned skills once, from JSON and JWT documents, with no evidence level', async () => {
    expect(await migrateToLatest(db)).toContain('2026_11_27_1800_network')
    const rows = await db.selectFrom('credential_skills').selectAll().orderBy('credential_id').orderBy('skill_uri').execute()
    expect(rows).toEqual([
      { credential_id: 'urn:uuid:di', skill_uri: `${ESCO}a1`, label: 'accueillir des clients', evidence_level: null, skill_level: null },
      { credential_id: 'urn:uuid:di', skill_uri: `${ESCO}b2`, label: 'travailler en équipe', evidence_level: null, skill_level: null },
      { credential_id: 'urn:uuid:jwt', skill_uri: `${ESCO}c3`, label: 'cuisiner', evidence_level: null, skill_level: null },
    ])
  })

  it('drops a credential’s skills with it', async () => {
    await migrateToLatest(db)
    await db.deleteFrom('credentials').where('id', '=', 'urn:uuid:di').execute()
    expect(await db.selectFrom('credential_skills').select('credential_id').execute()).toEqual([{ credential_id: 'urn:uuid:jwt' }])
  })

  it('allows one contact request per recruiter and young person', async () => {
    await migrateToLatest(db)
    const raw = async (text: string) => sql.raw(text).execute(db)
    await raw(`insert into users (id, username, display_name, role, organisation_id, locale, created_at) values ('y', 'sam', 'Sam', 'youth', null, 'fr', '${at}'), ('r', 'jo', 'Jo', 'recruiter', 'o1', 'fr', '${at}')`)
    const request = (id: string) => db.insertInto('contact_requests').values({ id, youth_user_id: 'y', recruiter_user_id: 'r', recruiter_organisation_id: 'o1', message: 'Bonjour', status: 'pending', created_at: at }).execute()
    await request('c1')
    await expect(request('c2')).rejects.toThrow(/UNIQUE/)
  })
})
