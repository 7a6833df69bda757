import type { Db } from '@/db/client'
import type { Availability, ExperienceKind } from '@/db/enums'

// The young person's profile: every query is filtered by its owner (user_id), so that another's
// experience or credential reads as absent.

export interface ExperienceRow {
  id: string
  user_id: string
  kind: ExperienceKind
  title: string
  place: string | null
  started_on: string
  ended_on: string | null
  what_i_did: string
  what_i_learned: string
  created_at: string
  updated_at: string
}

/** Newest first: ongoing ones, then by start month, then by the latest written. */
export function listExperiences(db: Db, userId: string) {
  return db.selectFrom('experiences').selectAll().where('user_id', '=', userId)
    .orderBy('started_on', 'desc').orderBy('created_at', 'desc')
    .execute()
}

export function findExperience(db: Db, userId: string, id: string) {
  return db.selectFrom('experiences').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst()
}

export async function countExperiences(db: Db, userId: string): Promise<number> {
  const r = await db.selectFrom('experiences').select((eb) => eb.fn.countAll<number | string>().as('n')).where('user_id', '=', userId).executeTakeFirstOrThrow()
  return Number(r.n)
}

/** Writes the experience and replaces the credentials linked to it, all or nothing. */
export async function saveExperience(db: Db, row: ExperienceRow, credentialIds: string[], mode: 'insert' | 'update'): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (mode === 'insert') await trx.insertInto('experiences').values(row).execute()
    else {
      const { id, user_id, created_at: _, ...changes } = row
      await trx.updateTable('experiences').set(changes).where('id', '=', id).where('user_id', '=', user_id).execute()
    }
    await trx.deleteFrom('credential_experiences').where('experience_id', '=', row.id).execute()
    if (credentialIds.length) {
      // A credential comes from one experience only: linking it here moves it from any other.
      await trx.insertInto('credential_experiences')
        .values(credentialIds.map((credential_id) => ({ credential_id, experience_id: row.id })))
        .onConflict((oc) => oc.column('credential_id').doUpdateSet({ experience_id: row.id }))
        .execute()
    }
  })
}

/** @returns how many rows went: 0 when the experience is not this user's. */
export async function deleteExperience(db: Db, userId: string, id: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const owned = await trx.selectFrom('experiences').select('id').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst()
    if (!owned) return 0
    await trx.deleteFrom('credential_experiences').where('experience_id', '=', id).execute()
    const r = await trx.deleteFrom('experiences').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst()
    return Number(r.numDeletedRows)
  })
}

/** Credential → experience links of this user's experiences. */
export function listLinks(db: Db, userId: string) {
  return db.selectFrom('credential_experiences')
    .innerJoin('experiences', 'experiences.id', 'credential_experiences.experience_id')
    .select(['credential_experiences.credential_id', 'credential_experiences.experience_id'])
    .where('experiences.user_id', '=', userId)
    .execute()
}

/** The experience one of this user's credentials came from, if any. */
export function findExperienceOfCredential(db: Db, userId: string, credentialId: string) {
  return db.selectFrom('credential_experiences')
    .innerJoin('experiences', 'experiences.id', 'credential_experiences.experience_id')
    .select(['experiences.id', 'experiences.kind', 'experiences.title'])
    .where('credential_experiences.credential_id', '=', credentialId)
    .where('experiences.user_id', '=', userId)
    .executeTakeFirst()
}

export function findProfile(db: Db, userId: string) {
  return db.selectFrom('profiles').selectAll().where('user_id', '=', userId).executeTakeFirst()
}

export function listGoals(db: Db, userId: string) {
  return db.selectFrom('profile_goals').select(['id', 'occupation_uri', 'label', 'position']).where('user_id', '=', userId).orderBy('position').execute()
}

export interface GoalsRow {
  region: string | null
  availability: Availability | null
  languages: string
  goals: { id: string; occupation_uri: string | null; label: string }[]
}

/** Replaces the profile's region, availability, languages and goals, all or nothing. */
export async function saveGoals(db: Db, userId: string, data: GoalsRow, now: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const profile = { region: data.region, availability: data.availability, languages: data.languages, updated_at: now }
    await trx.insertInto('profiles').values({ user_id: userId, ...profile })
      .onConflict((oc) => oc.column('user_id').doUpdateSet(profile)).execute()
    await trx.deleteFrom('profile_goals').where('user_id', '=', userId).execute()
    if (data.goals.length) {
      await trx.insertInto('profile_goals')
        .values(data.goals.map((g, position) => ({ ...g, user_id: userId, position, created_at: now })))
        .execute()
    }
  })
}

/** Which of these URIs are occupations in the taxonomy. */
export async function findOccupationUris(db: Db, uris: string[]): Promise<Set<string>> {
  if (!uris.length) return new Set()
  const rows = await db.selectFrom('taxonomy_concepts').select('uri').where('uri', 'in', uris).where('kind', '=', 'occupation').execute()
  return new Set(rows.map((r) => r.uri))
}

export async function listShareSections(db: Db, shareId: string): Promise<string[]> {
  const rows = await db.selectFrom('share_sections').select('section').where('share_id', '=', shareId).execute()
  return rows.map((r) => r.section)
}
