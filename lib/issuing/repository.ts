import type { Transaction } from 'kysely'
import type { Db } from '@/db/client'
import type { Database, NewCredentialRow } from '@/db/schema'
import { evidenceLevelOf } from '@/lib/credentials/evidence'
import { directorySkillRows } from '@/lib/directory/skill-rows'
import { readDocument } from '@/lib/wallet/cards'

/** Stores a credential and indexes the skills it states (one write: call it inside the caller's transaction). */
export async function insertCredential(db: Db | Transaction<Database>, row: NewCredentialRow) {
  await db.insertInto('credentials').values(row).execute()
  await insertCredentialSkills(db, row)
}

/** Whether a credential record with this id exists. */
export async function credentialExists(db: Db, id: string): Promise<boolean> {
  return Boolean(await db.selectFrom('credentials').select('id').where('id', '=', id).executeTakeFirst())
}

/**
 * Indexes what a stored credential states — each aligned skill and the evidence level — for the
 * recruiters' directory. Read from the signed document, never from form input. A document that
 * cannot be read indexes nothing (it was verified before it was stored).
 */
export async function insertCredentialSkills(db: Db | Transaction<Database>, row: Pick<NewCredentialRow, 'id' | 'document' | 'format'>) {
  await insertSkillRows(db, skillRowsOf(row))
}

/**
 * Several credentials at once (bulk issuing): one statement for the credentials, one for their
 * skills — the same rows `insertCredential` writes one by one. Call it inside the caller's transaction.
 */
export async function insertCredentials(db: Db | Transaction<Database>, rows: NewCredentialRow[]) {
  if (!rows.length) return
  await db.insertInto('credentials').values(rows).execute()
  await insertSkillRows(db, rows.flatMap(skillRowsOf))
}

function skillRowsOf(row: Pick<NewCredentialRow, 'id' | 'document' | 'format'>) {
  let credential: Record<string, unknown>
  try {
    credential = readDocument({ document: row.document, format: row.format }).credential
  } catch {
    return []
  }
  const evidence_level = evidenceLevelOf(credential)
  return directorySkillRows(credential).map((s) => ({ credential_id: row.id, ...s, evidence_level }))
}

async function insertSkillRows(db: Db | Transaction<Database>, rows: ReturnType<typeof skillRowsOf>) {
  if (rows.length === 0) return
  await db.insertInto('credential_skills').values(rows)
    .onConflict((oc) => oc.columns(['credential_id', 'skill_uri']).doNothing())
    .execute()
}

/** PostgreSQL returns COUNT(*) as a string: normalised to a number here. */
export async function countCredentials(db: Db): Promise<number> {
  const { n } = await db.selectFrom('credentials').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()
  return Number(n)
}
