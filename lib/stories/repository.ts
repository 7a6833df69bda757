import type { Insertable, Transaction, Updateable } from 'kysely'
import type { Db } from '@/db/client'
import type { Database, SkillStoriesTable } from '@/db/schema'
import { OPEN_STATUSES, type StoryStatus } from './schemas'

type Executor = Db | Transaction<Database>

const STORY_COLUMNS = [
  'skill_stories.id', 'skill_stories.youth_user_id', 'skill_stories.skill_uri', 'skill_stories.skill_label',
  'skill_stories.situation', 'skill_stories.what_i_did', 'skill_stories.outcome', 'skill_stories.experience_id',
  'skill_stories.attester_user_id', 'skill_stories.attester_organisation_id', 'skill_stories.status', 'skill_stories.proposal',
  'skill_stories.decline_message', 'skill_stories.credential_id', 'skill_stories.evidence_level',
  'skill_stories.created_at', 'skill_stories.updated_at', 'skill_stories.requested_at', 'skill_stories.decided_at',
] as const

/** A story with the names around it: the young person, the attester and their organisation, the linked experience. */
function storyQuery(db: Executor) {
  return db
    .selectFrom('skill_stories')
    .innerJoin('users as youth', 'youth.id', 'skill_stories.youth_user_id')
    .leftJoin('users as attester', 'attester.id', 'skill_stories.attester_user_id')
    .leftJoin('organisations as org', 'org.id', 'skill_stories.attester_organisation_id')
    .leftJoin('experiences', 'experiences.id', 'skill_stories.experience_id')
    .select(STORY_COLUMNS)
    .select([
      'youth.display_name as youth_name', 'attester.display_name as attester_name', 'org.name as organisation_name',
      'experiences.title as experience_title',
    ])
}

export type StoryRow = Awaited<ReturnType<ReturnType<typeof storyQuery>['executeTakeFirstOrThrow']>>

export function listYouthStories(db: Db, youthId: string): Promise<StoryRow[]> {
  return storyQuery(db).where('skill_stories.youth_user_id', '=', youthId).orderBy('skill_stories.updated_at', 'desc').orderBy('skill_stories.id').execute()
}

export function findYouthStory(db: Executor, youthId: string, id: string): Promise<StoryRow | undefined> {
  return storyQuery(db).where('skill_stories.youth_user_id', '=', youthId).where('skill_stories.id', '=', id).executeTakeFirst()
}

export function findAttesterStory(db: Executor, attesterId: string, id: string): Promise<StoryRow | undefined> {
  return storyQuery(db).where('skill_stories.attester_user_id', '=', attesterId).where('skill_stories.id', '=', id).executeTakeFirst()
}

/** What is addressed to this attester and still open on their side or the young person's, newest request first. */
export function listAttesterStories(db: Db, attesterId: string, statuses: StoryStatus[]): Promise<StoryRow[]> {
  return storyQuery(db)
    .where('skill_stories.attester_user_id', '=', attesterId)
    .where('skill_stories.status', 'in', statuses)
    .orderBy('skill_stories.requested_at', 'desc')
    .orderBy('skill_stories.id')
    .execute()
}

export async function countOpenStories(db: Db, youthId: string): Promise<number> {
  const { n } = await db
    .selectFrom('skill_stories')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('youth_user_id', '=', youthId)
    .where('status', 'in', [...OPEN_STATUSES])
    .executeTakeFirstOrThrow()
  return Number(n)
}

export async function insertStory(db: Executor, row: Insertable<SkillStoriesTable>) {
  await db.insertInto('skill_stories').values(row).execute()
}

/**
 * Changes a story only while it is in one of `from` (and, when given, addressed to `attesterId`):
 * the status is the lock, so two clicks or two tabs never both apply.
 * @returns whether a row changed.
 */
export async function updateStoryIf(
  db: Executor,
  where: { id: string; youthId?: string; attesterId?: string; from: readonly StoryStatus[] },
  values: Updateable<SkillStoriesTable>,
): Promise<boolean> {
  let q = db.updateTable('skill_stories').set(values).where('id', '=', where.id).where('status', 'in', [...where.from])
  if (where.youthId) q = q.where('youth_user_id', '=', where.youthId)
  if (where.attesterId) q = q.where('attester_user_id', '=', where.attesterId)
  const result = await q.executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function deleteStoryIf(db: Db, youthId: string, id: string, from: readonly StoryStatus[]): Promise<boolean> {
  const result = await db.deleteFrom('skill_stories').where('id', '=', id).where('youth_user_id', '=', youthId).where('status', 'in', [...from]).executeTakeFirst()
  return Number(result.numDeletedRows) === 1
}

/**
 * The counsellors and tutors of APPROVED organisations that know this young person: their own
 * organisation, one that issued them a credential, or the organiser or a partner of a pilot
 * action they are a member of.
 */
export async function listKnownAttesters(db: Db, youthId: string) {
  const orgIds = db
    .selectFrom('users').select('organisation_id as id').where('id', '=', youthId).where('organisation_id', 'is not', null)
    .union(db.selectFrom('credentials').select('issuer_organisation_id as id').where('holder_user_id', '=', youthId).where('issuer_organisation_id', 'is not', null))
    .union(
      db.selectFrom('pilot_members').innerJoin('pilot_partners', 'pilot_partners.pilot_id', 'pilot_members.pilot_id')
        .select('pilot_partners.organisation_id as id').where('pilot_members.user_id', '=', youthId),
    )
    .union(
      db.selectFrom('pilot_members').innerJoin('pilot_actions', 'pilot_actions.id', 'pilot_members.pilot_id')
        .select('pilot_actions.organisation_id as id').where('pilot_members.user_id', '=', youthId),
    )
  return db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select(['users.id', 'users.display_name', 'users.role', 'organisations.id as organisation_id', 'organisations.name as organisation_name'])
    .where('users.role', 'in', ['counsellor', 'tutor'])
    .where('organisations.status', '=', 'approved')
    .where('users.organisation_id', 'in', orgIds)
    .orderBy('organisations.name')
    .orderBy('users.display_name')
    .execute()
}

export function findExperienceTitle(db: Db, youthId: string, experienceId: string) {
  return db.selectFrom('experiences').select(['id', 'title']).where('user_id', '=', youthId).where('id', '=', experienceId).executeTakeFirst()
}

export function listExperienceChoices(db: Db, youthId: string) {
  return db.selectFrom('experiences').select(['id', 'title']).where('user_id', '=', youthId).orderBy('started_on', 'desc').execute()
}
