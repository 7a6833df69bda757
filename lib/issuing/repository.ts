import type { Db } from '@/db/client'
import type { NewCredentialRow } from '@/db/schema'

export async function insertCredential(db: Db, row: NewCredentialRow) {
  await db.insertInto('credentials').values(row).execute()
}

export function countCredentials(db: Db) {
  return db.selectFrom('credentials').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
}
