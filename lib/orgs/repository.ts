import type { Db } from '@/db/client'
import type { Insertable, Updateable } from 'kysely'
import type { NewOrganisation, OrganisationDidsTable, OrganisationEventsTable, OrganisationsTable } from '@/db/schema'

export function findOrganisationBySlug(db: Db, slug: string) {
  return db.selectFrom('organisations').selectAll().where('slug', '=', slug).executeTakeFirst()
}

export function findOrganisationByDid(db: Db, did: string) {
  return db.selectFrom('organisations').selectAll().where('did', '=', did).executeTakeFirst()
}

/** The organisation that issued under this DID, now or before (did:key then did:web). */
export function findOrganisationByAnyDid(db: Db, did: string) {
  return db.selectFrom('organisation_dids')
    .innerJoin('organisations', 'organisations.id', 'organisation_dids.organisation_id')
    .selectAll('organisations')
    .where('organisation_dids.did', '=', did)
    .executeTakeFirst()
}

export function insertOrganisationDid(db: Db, row: Insertable<OrganisationDidsTable>) {
  return db.insertInto('organisation_dids').values(row).execute()
}

export function insertEvent(db: Db, row: Insertable<OrganisationEventsTable>) {
  return db.insertInto('organisation_events').values(row).execute()
}

export function updateOrganisation(db: Db, id: string, changes: Updateable<OrganisationsTable>) {
  return db.updateTable('organisations').set(changes).where('id', '=', id).execute()
}

export function listEvents(db: Db, organisationId: string) {
  return db.selectFrom('organisation_events').selectAll().where('organisation_id', '=', organisationId).orderBy('at', 'desc').execute()
}

export function findOrganisationById(db: Db, id: string) {
  return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst()
}

export function listOrganisations(db: Db) {
  return db.selectFrom('organisations').selectAll().orderBy('name').execute()
}

export async function insertOrganisation(db: Db, org: NewOrganisation) {
  await db.insertInto('organisations').values(org).execute()
}

export function insertApiToken(db: Db, row: { id: string; organisation_id: string; token_hash: string; label: string; created_at: string }) {
  return db.insertInto('api_tokens').values(row).execute()
}

export function findActiveTokenByHash(db: Db, tokenHash: string) {
  return db.selectFrom('api_tokens')
    .innerJoin('organisations', 'organisations.id', 'api_tokens.organisation_id')
    .select(['api_tokens.id as token_id', 'organisations.id', 'organisations.slug', 'organisations.name', 'organisations.did', 'organisations.kind'])
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    .executeTakeFirst()
}

export function touchApiToken(db: Db, id: string, at: string) {
  return db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute()
}

/** Every organisation with its counts (staff accounts, young people, credentials issued), for the registry screen. */
export function listOrganisationsWithCounts(db: Db) {
  return db.selectFrom('organisations')
    .selectAll('organisations')
    .select((eb) => [
      eb.selectFrom('users').select((u) => u.fn.countAll<number | string>().as('n'))
        .whereRef('users.organisation_id', '=', 'organisations.id').where('users.role', '!=', 'youth').as('staff_count'),
      eb.selectFrom('users').select((u) => u.fn.countAll<number | string>().as('n'))
        .whereRef('users.organisation_id', '=', 'organisations.id').where('users.role', '=', 'youth').as('youth_count'),
      eb.selectFrom('credentials').select((c) => c.fn.countAll<number | string>().as('n'))
        .whereRef('credentials.issuer_organisation_id', '=', 'organisations.id').as('credential_count'),
    ])
    .orderBy('organisations.name')
    .execute()
}

export function listAllEvents(db: Db) {
  return db.selectFrom('organisation_events').selectAll().orderBy('at', 'desc').orderBy('id').execute()
}

/** One organisation's DIDs, oldest first, each with the organisation's current DID beside it. */
export function listOrganisationDids(db: Db, organisationId: string) {
  return db.selectFrom('organisation_dids')
    .innerJoin('organisations', 'organisations.id', 'organisation_dids.organisation_id')
    .select(['organisation_dids.did', 'organisation_dids.method', 'organisation_dids.created_at', 'organisations.did as current'])
    .where('organisation_dids.organisation_id', '=', organisationId)
    .orderBy('organisation_dids.created_at').orderBy('organisation_dids.did')
    .execute()
}

export function listAllOrganisationDids(db: Db) {
  return db.selectFrom('organisation_dids').selectAll().orderBy('created_at').execute()
}

/** Display names of the users among `ids` (actors of the registry's history). */
export function findUserNames(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([])
  return db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute()
}
