import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Migrator, sql, type MigrationProvider } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openSqlite, type Db } from '@/db/client'
import { migrations } from '@/db/migrations'

// Migration 2026_12_07_2340 re-indexes stored credentials for the blind profile: the skill level,
// one row per key competence (…#KC<n>), one row for a badge aligned to nothing; the evidence level
// already indexed is kept. And 2026_12_07_2330 builds the word index of labels already imported.

const provider: MigrationProvider = { getMigrations: async () => migrations }
const at = '2026-11-01T10:00:00.000Z'
const KC = 'https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32018H0604(01)'
const credential = (achievement: Record<string, unknown>, level?: string) => ({
  '@context': [], type: ['VerifiableCredential', 'OpenBadgeCredential'],
  credentialSubject: { id: 'did:key:z6MkSam', achievement, ...(level ? { result: [{ type: ['Result'], resultDescription: 'urn:tremplin:result:level', achievedLevel: `urn:tremplin:level:${level}` }] } : {}) },
})

let dir: string
let db: Db
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tremplin-migration-'))
  db = openSqlite(join(dir, 'tremplin.sqlite'))
  const migrator = new Migrator({ db, provider })
  const before = await migrator.migrateTo('2026_12_07_1100_offers_retired_keys')
  if (before.error) throw before.error
  const raw = (text: string) => sql.raw(text).execute(db)
  await raw(`insert into organisations (id, slug, name, kind, region, did, created_at, status) values ('o1', 'ml', 'Mission Locale', 'youth_support', null, 'did:key:z6MkOrg', '${at}', 'approved')`)
  const insert = (id: string, document: unknown) => db.insertInto('credentials').values({
    id, issuer_organisation_id: 'o1', subject_did: 'did:key:z6MkSam', template_id: 'skill-badge', format: 'di', document: JSON.stringify(document), title: 't', valid_from: at, created_at: at,
  }).execute()
  await insert('urn:uuid:kc', credential({ id: 'urn:uuid:kc#achievement', name: 'Numérique et équipe', alignment: [
    { targetName: 'Compétence numérique', targetUrl: KC, targetCode: 'KC4' }, { targetName: 'Compétences personnelles', targetUrl: KC, targetCode: 'KC5' },
  ] }, 'autonomous'))
  await insert('urn:uuid:free', credential({ id: 'urn:uuid:free#achievement', name: 'Garde d’enfants' }, 'practising'))
  // As the network migration and issuing left them: one row for both key competences, none for the free badge.
  await db.insertInto('credential_skills').values({ credential_id: 'urn:uuid:kc', skill_uri: KC, label: 'Compétence numérique', evidence_level: 'witnessed' }).execute()
  await db.insertInto('taxonomy_concepts').values({ uri: 'http://data.europa.eu/esco/skill/t', kind: 'skill', framework: 'ESCO', code: null }).execute()
  await db.insertInto('taxonomy_labels').values({ uri: 'http://data.europa.eu/esco/skill/t', lang: 'fr', label: 'travailler en équipe', alt_labels: 'coopérer', description: null, search_text: 'travailler en equipe\ncooperer' }).execute()
  const after = await migrator.migrateTo('2026_12_07_2340_directory_skill_levels')
  if (after.error) throw after.error
})
afterAll(async () => { await db.destroy(); rmSync(dir, { recursive: true, force: true }) })

describe('migrations 2330 and 2340 on an existing database', () => {
  it('re-indexes every skill with its level, one row per key competence and per unaligned badge, keeping the evidence level', async () => {
    const rows = await db.selectFrom('credential_skills').select(['credential_id', 'skill_uri', 'label', 'evidence_level', 'skill_level']).orderBy('credential_id').orderBy('skill_uri').execute()
    expect(rows).toEqual([
      { credential_id: 'urn:uuid:free', skill_uri: 'urn:uuid:free#achievement', label: 'Garde d’enfants', evidence_level: null, skill_level: 'practising' },
      { credential_id: 'urn:uuid:kc', skill_uri: `${KC}#KC4`, label: 'Compétence numérique', evidence_level: 'witnessed', skill_level: 'autonomous' },
      { credential_id: 'urn:uuid:kc', skill_uri: `${KC}#KC5`, label: 'Compétences personnelles', evidence_level: 'witnessed', skill_level: 'autonomous' },
    ])
  })

  it('builds the word index of the labels already imported', async () => {
    const words = await db.selectFrom('taxonomy_words').select(['word', 'lang', 'uri']).orderBy('word').execute()
    expect(words.map((w) => w.word)).toEqual(['cooperer', 'en', 'equipe', 'travailler'])
  })
})
