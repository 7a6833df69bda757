import type { Insertable, Updateable } from 'kysely'
import type { Db } from '@/db/client'
import type { PilotActionsTable } from '@/db/schema'
import { PILOT_ROLES, type PilotRole } from '@/db/enums'

// Pilot actions, their members and partner employers. Kysely only; every query is scoped by the
// caller to one organisation.

export function listPilotsOf(db: Db, organisationId: string) {
  return db.selectFrom('pilot_actions')
    .select((eb) => [
      'id', 'name', 'description', 'region', 'starts_on', 'ends_on', 'created_at',
      eb.selectFrom('pilot_members').select((m) => m.fn.countAll<number | string>().as('n'))
        .whereRef('pilot_members.pilot_id', '=', 'pilot_actions.id').where('pilot_members.role', '=', 'youth').as('youth_count'),
    ])
    .where('organisation_id', '=', organisationId)
    .orderBy('starts_on', 'desc').orderBy('created_at', 'desc')
    .execute()
}

export function findPilotOf(db: Db, organisationId: string, pilotId: string) {
  return db.selectFrom('pilot_actions').selectAll().where('organisation_id', '=', organisationId).where('id', '=', pilotId).executeTakeFirst()
}

export function listMembers(db: Db, pilotId: string) {
  return db.selectFrom('pilot_members').innerJoin('users', 'users.id', 'pilot_members.user_id')
    .select(['users.id', 'users.display_name', 'users.username', 'users.did', 'pilot_members.role', 'pilot_members.added_at'])
    .where('pilot_members.pilot_id', '=', pilotId)
    .orderBy('pilot_members.role').orderBy('users.display_name')
    .execute()
}

export function listPartners(db: Db, pilotId: string) {
  return db.selectFrom('pilot_partners').innerJoin('organisations', 'organisations.id', 'pilot_partners.organisation_id')
    .select(['organisations.id', 'organisations.name', 'organisations.slug'])
    .where('pilot_partners.pilot_id', '=', pilotId)
    .orderBy('organisations.name')
    .execute()
}

/** People of the organisation who may take part: its young people (onboarded there) and its counsellors and tutors. */
export function listCandidates(db: Db, organisationId: string) {
  return db.selectFrom('users').select(['id', 'display_name', 'username', 'role', 'did'])
    .where('organisation_id', '=', organisationId).where('role', 'in', ['youth', 'counsellor', 'tutor'])
    .orderBy('display_name').execute()
}

export function listEmployerOrganisations(db: Db, exceptId: string) {
  return db.selectFrom('organisations').select(['id', 'name', 'slug'])
    .where('kind', '=', 'employer').where('status', '=', 'approved').where('id', '!=', exceptId)
    .orderBy('name').execute()
}

export async function addMembers(db: Db, pilotId: string, members: { userId: string; role: PilotRole }[], at: string) {
  if (!members.length) return
  await db.insertInto('pilot_members')
    .values(members.map((m) => ({ pilot_id: pilotId, user_id: m.userId, role: m.role, added_at: at })))
    .onConflict((oc) => oc.columns(['pilot_id', 'user_id']).doNothing())
    .execute()
}

/** The organisation a counsellor manages pilot actions for (its status decides whether they may). */
export function findOrganisation(db: Db, organisationId: string) {
  return db.selectFrom('organisations').select(['id', 'name', 'status', 'did', 'kind']).where('id', '=', organisationId).executeTakeFirst()
}

export async function insertPilot(db: Db, row: Insertable<PilotActionsTable>) {
  await db.insertInto('pilot_actions').values(row).execute()
}

export async function updatePilot(db: Db, pilotId: string, changes: Updateable<PilotActionsTable>) {
  await db.updateTable('pilot_actions').set(changes).where('id', '=', pilotId).execute()
}

/** Those of `ids` who are young people or staff of the organisation (anyone else is left out). */
export function findCandidates(db: Db, organisationId: string, ids: string[]) {
  return db.selectFrom('users').select(['id', 'role'])
    .where('organisation_id', '=', organisationId).where('role', 'in', PILOT_ROLES).where('id', 'in', ids)
    .$narrowType<{ role: PilotRole }>().execute()
}

export async function removeMember(db: Db, pilotId: string, userId: string) {
  await db.deleteFrom('pilot_members').where('pilot_id', '=', pilotId).where('user_id', '=', userId).execute()
}

export async function addPartner(db: Db, pilotId: string, organisationId: string, at: string) {
  await db.insertInto('pilot_partners').values({ pilot_id: pilotId, organisation_id: organisationId, added_at: at })
    .onConflict((oc) => oc.columns(['pilot_id', 'organisation_id']).doNothing()).execute()
}

export async function removePartner(db: Db, pilotId: string, organisationId: string) {
  await db.deleteFrom('pilot_partners').where('pilot_id', '=', pilotId).where('organisation_id', '=', organisationId).execute()
}
