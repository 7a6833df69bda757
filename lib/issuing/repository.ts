import type { Transaction } from 'kysely'
import type { Db } from '@/db/client'
import type { Database, NewCredentialRow } from '@/db/schema'

export async function insertCredential(db: Db | Transaction<Database>, row: NewCredentialRow) {
  await db.insertInto('credentials').values(row).execute()
}

/** PostgreSQL returns COUNT(*) as a string: normalised to a number here. */
export async function countCredentials(db: Db): Promise<number> {
  const { n } = await db.selectFrom('credentials').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()
  return Number(n)
}
