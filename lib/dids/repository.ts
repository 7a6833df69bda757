import 'server-only'
import type { Insertable } from 'kysely'
import type { Db } from '@/db/client'
import type { OrganisationKeysTable } from '@/db/schema'

/** The organisation that holds this did:web (among every DID organisations issued under). */
export function findOrganisationWebDid(db: Db, did: string) {
  return db.selectFrom('organisation_dids')
    .innerJoin('organisations', 'organisations.id', 'organisation_dids.organisation_id')
    .select(['organisation_dids.did', 'organisation_dids.organisation_id', 'organisations.slug', 'organisations.status'])
    .where('organisation_dids.did', '=', did)
    .where('organisation_dids.method', '=', 'web')
    .executeTakeFirst()
}

/** An organisation's did:web, if it has one (the first it got). */
export function findWebDidOfOrganisation(db: Db, organisationId: string) {
  return db.selectFrom('organisation_dids').select(['did', 'created_at'])
    .where('organisation_id', '=', organisationId).where('method', '=', 'web')
    .orderBy('created_at').executeTakeFirst()
}

/** The keys of a did:web with their public keys (order: by fragment number, done by the caller). */
export function listDidWebKeys(db: Db, did: string) {
  return db.selectFrom('organisation_keys')
    .innerJoin('keys', 'keys.kid', 'organisation_keys.kid')
    .select(['organisation_keys.kid', 'organisation_keys.fragment', 'organisation_keys.created_at', 'organisation_keys.retired_at', 'keys.public_key_hex'])
    .where('organisation_keys.did', '=', did)
    .execute()
}

export function insertOrganisationKey(db: Db, row: Insertable<OrganisationKeysTable>) {
  return db.insertInto('organisation_keys').values(row).execute()
}

export function countDidUses(db: Db, did: string) {
  return db.selectFrom('organisation_dids').select((eb) => eb.fn.countAll<number>().as('n')).where('did', '=', did).executeTakeFirstOrThrow()
}

/** Approved organisations that have no did:web yet (databases from before did:web). */
export function listApprovedWithoutWebDid(db: Db) {
  return db.selectFrom('organisations').select(['id', 'slug', 'name'])
    .where('status', '=', 'approved')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('organisation_dids').select('did')
      .whereRef('organisation_dids.organisation_id', '=', 'organisations.id').where('organisation_dids.method', '=', 'web'))))
    .orderBy('slug')
    .execute()
}

export function findOrganisationForKeys(db: Db, slug: string) {
  return db.selectFrom('organisations').select(['id', 'slug', 'name', 'did', 'status']).where('slug', '=', slug).executeTakeFirst()
}

/** Marks a key retired, once: 1 when it was active, 0 when already retired or unknown. */
export async function retireOrganisationKey(db: Db, row: { did: string; fragment: string; retired_at: string; retired_reason: string }): Promise<number> {
  const r = await db.updateTable('organisation_keys').set({ retired_at: row.retired_at, retired_reason: row.retired_reason })
    .where('did', '=', row.did).where('fragment', '=', row.fragment).where('retired_at', 'is', null).executeTakeFirst()
  return Number(r.numUpdatedRows)
}
