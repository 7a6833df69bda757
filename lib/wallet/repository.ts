import type { Db } from '@/db/client'
import type { NewCredentialRow } from '@/db/schema'
import { insertCredentialSkills } from '@/lib/issuing/repository'

// The wallet's queries: a young person's credentials, always filtered by holder so that a
// query can never return another person's credential. The photo blob is read only on its own.
// Issued and imported credentials alike: none of these queries joins `organisations` (an
// imported credential has no issuing organisation here; its issuer is in its document).

const CARD_COLUMNS = [
  'id', 'template_id', 'format', 'document', 'language', 'hidden_at', 'evidence_photo_type', 'created_at',
  'origin', 'imported_at', 'import_verification', 'subject_did',
] as const

export function listHolderCredentials(db: Db, holderId: string) {
  return db.selectFrom('credentials').select(CARD_COLUMNS)
    .where('holder_user_id', '=', holderId)
    .orderBy('created_at', 'desc').orderBy('id')
    .execute()
}

export function findHolderCredential(db: Db, holderId: string, id: string) {
  return db.selectFrom('credentials').select([...CARD_COLUMNS, 'title'])
    .where('holder_user_id', '=', holderId).where('id', '=', id)
    .executeTakeFirst()
}

export function findHolderCredentials(db: Db, holderId: string, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([])
  return db.selectFrom('credentials').select([...CARD_COLUMNS, 'title'])
    .where('holder_user_id', '=', holderId).where('id', 'in', ids)
    .execute()
}

export function findHolderPhoto(db: Db, holderId: string, id: string) {
  return db.selectFrom('credentials').select(['evidence_photo', 'evidence_photo_type'])
    .where('holder_user_id', '=', holderId).where('id', '=', id)
    .executeTakeFirst()
}

/** @returns how many rows changed (0 when the credential is not this holder's). */
export async function setHidden(db: Db, holderId: string, id: string, hiddenAt: string | null): Promise<number> {
  const r = await db.updateTable('credentials').set({ hidden_at: hiddenAt })
    .where('holder_user_id', '=', holderId).where('id', '=', id)
    .executeTakeFirst()
  return Number(r.numUpdatedRows)
}

/** The issuer's status facts (revoked / suspended, when and why) of these credentials, by id. */
export function findStatusFactsOf(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([])
  return db.selectFrom('credential_status')
    .select(['credential_id', 'revoked_at', 'revoked_reason', 'suspended_at', 'suspended_reason'])
    .where('credential_id', 'in', ids)
    .execute()
}

/** Which of these ids are rows of this holder's wallet (to tell a duplicate import). */
export async function findHolderCredentialIds(db: Db, holderId: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return []
  const rows = await db.selectFrom('credentials').select('id').where('holder_user_id', '=', holderId).where('id', 'in', ids).execute()
  return rows.map((r) => r.id)
}

/** Adds an imported credential; @returns false when a row with its id exists already (nothing written). */
export async function insertImportedCredential(db: Db, row: NewCredentialRow & { origin: 'imported' }): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const r = await trx.insertInto('credentials').values(row).onConflict((oc) => oc.column('id').doNothing()).executeTakeFirst()
    const inserted = Number(r.numInsertedOrUpdatedRows ?? 0) > 0
    if (inserted) await insertCredentialSkills(trx, row)
    return inserted
  })
}

/** The young person's own DID (their wallet's holder identifier). */
export async function findHolderDid(db: Db, holderId: string): Promise<string | null> {
  const row = await db.selectFrom('users').select('did').where('id', '=', holderId).executeTakeFirst()
  return row?.did ?? null
}
