import type { Insertable } from 'kysely'
import type { Db } from '@/db/client'
import type { ExternalIssuersTable } from '@/db/schema'

/** SQLite allows 32,766 bound parameters per statement; 7 columns per row. */
const INSERT_CHUNK = 500

/** Replaces every entry of one registry with `rows` (call inside a transaction). */
export async function replaceRegistryEntries(db: Db, registry: string, rows: Insertable<ExternalIssuersTable>[]) {
  await db.deleteFrom('external_issuers').where('registry', '=', registry).execute()
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await db.insertInto('external_issuers').values(rows.slice(i, i + INSERT_CHUNK)).execute()
  }
}

export async function deleteRegistry(db: Db, registry: string): Promise<number> {
  const result = await db.deleteFrom('external_issuers').where('registry', '=', registry).executeTakeFirst()
  return Number(result.numDeletedRows)
}

/** One row per registry: its entry count, when and by whom it was loaded (a user's name when the actor is a user). */
export function listRegistries(db: Db) {
  return db.selectFrom('external_issuers')
    .leftJoin('users', 'users.id', 'external_issuers.loaded_by')
    .select((eb) => [
      'external_issuers.registry',
      eb.fn.countAll<number | string>().as('entries'),
      eb.fn.max('external_issuers.loaded_at').as('loaded_at'),
      eb.fn.max('external_issuers.loaded_by').as('loaded_by'),
      eb.fn.max('users.display_name').as('loaded_by_name'),
    ])
    .groupBy('external_issuers.registry')
    .orderBy('external_issuers.registry')
    .execute()
}

/** The entry for a DID, from the first registry by name when several list it. */
export function findExternalIssuer(db: Db, did: string) {
  return db.selectFrom('external_issuers').selectAll().where('did', '=', did).orderBy('registry').executeTakeFirst()
}

export function listRegistryEntries(db: Db, registry: string, limit = 50) {
  return db.selectFrom('external_issuers').select(['did', 'name', 'url', 'location']).where('registry', '=', registry).orderBy('name').limit(limit).execute()
}
