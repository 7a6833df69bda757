import type { Db } from '@/db/client'
import type { Database } from '@/db/schema'
import type { Transaction } from 'kysely'
import type { StatusPurpose } from '@/db/enums'

type Q = Db | Transaction<Database>

export function findLatestList(db: Q, organisationId: string, purpose: StatusPurpose) {
  return db.selectFrom('status_lists').selectAll().where('organisation_id', '=', organisationId).where('purpose', '=', purpose)
    .orderBy('list_number', 'desc').limit(1).executeTakeFirst()
}

export function findList(db: Q, organisationId: string, purpose: StatusPurpose, listNumber: number) {
  return db.selectFrom('status_lists').selectAll().where('organisation_id', '=', organisationId).where('purpose', '=', purpose)
    .where('list_number', '=', listNumber).executeTakeFirst()
}

export function findListVersion(db: Q, organisationId: string, purpose: StatusPurpose, listNumber: number) {
  return db.selectFrom('status_lists').select(['id', 'version', 'updated_at']).where('organisation_id', '=', organisationId)
    .where('purpose', '=', purpose).where('list_number', '=', listNumber).executeTakeFirst()
}

export async function insertList(db: Q, row: Database['status_lists']) {
  await db.insertInto('status_lists').values(row).execute()
}

export async function countEntries(db: Q, listId: string): Promise<number> {
  const { n } = await db.selectFrom('status_entries').select((eb) => eb.fn.countAll<number | string>().as('n')).where('list_id', '=', listId).executeTakeFirstOrThrow()
  return Number(n)
}

export async function isIndexTaken(db: Q, listId: string, index: number): Promise<boolean> {
  return (await db.selectFrom('status_entries').select('status_index').where('list_id', '=', listId).where('status_index', '=', index).executeTakeFirst()) !== undefined
}

/** Which of `indexes` are taken in the list (one query for a batch of picks). */
export async function takenIndexes(db: Q, listId: string, indexes: number[]): Promise<number[]> {
  if (!indexes.length) return []
  const rows = await db.selectFrom('status_entries').select('status_index').where('list_id', '=', listId).where('status_index', 'in', indexes).execute()
  return rows.map((r) => r.status_index)
}

export async function insertEntries(db: Q, rows: { list_id: string; status_index: number; credential_id: string }[]) {
  if (rows.length) await db.insertInto('status_entries').values(rows).execute()
}

/** The credential's entries with their lists (bits included). */
export function findEntriesOfCredential(db: Q, credentialId: string) {
  return db.selectFrom('status_entries').innerJoin('status_lists', 'status_lists.id', 'status_entries.list_id')
    .select(['status_lists.id as list_id', 'status_lists.purpose', 'status_lists.bits', 'status_lists.version', 'status_entries.status_index'])
    .where('status_entries.credential_id', '=', credentialId).execute()
}

export function findCredentialAt(db: Q, listId: string, index: number) {
  return db.selectFrom('status_entries').select('credential_id').where('list_id', '=', listId).where('status_index', '=', index).executeTakeFirst()
}

export async function updateListBits(db: Q, listId: string, bits: Uint8Array, version: number, at: string) {
  await db.updateTable('status_lists').set({ bits, version, updated_at: at }).where('id', '=', listId).execute()
}

export function findStatusFacts(db: Q, credentialId: string) {
  return db.selectFrom('credential_status').selectAll().where('credential_id', '=', credentialId).executeTakeFirst()
}

export async function upsertStatusFacts(db: Q, row: Database['credential_status']) {
  await db.insertInto('credential_status').values(row)
    .onConflict((oc) => oc.column('credential_id').doUpdateSet({
      revoked_at: row.revoked_at, revoked_reason: row.revoked_reason, revoked_by: row.revoked_by,
      suspended_at: row.suspended_at, suspended_reason: row.suspended_reason, suspended_by: row.suspended_by, updated_at: row.updated_at,
    })).execute()
}

export function findCredentialIssuer(db: Q, credentialId: string) {
  return db.selectFrom('credentials').innerJoin('organisations', 'organisations.id', 'credentials.issuer_organisation_id')
    .select(['credentials.id', 'organisations.id as organisation_id', 'organisations.slug', 'organisations.did', 'organisations.name'])
    .where('credentials.id', '=', credentialId).executeTakeFirst()
}
