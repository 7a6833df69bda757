import type { Db } from '@/db/client'
import type { NewOrganisation } from '@/db/schema'

export function findOrganisationBySlug(db: Db, slug: string) {
  return db.selectFrom('organisations').selectAll().where('slug', '=', slug).executeTakeFirst()
}

export function findOrganisationByDid(db: Db, did: string) {
  return db.selectFrom('organisations').selectAll().where('did', '=', did).executeTakeFirst()
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
