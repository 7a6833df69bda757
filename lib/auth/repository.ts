import type { Db } from '@/db/client'
import type { NewUser } from '@/db/schema'

export async function insertUser(db: Db, user: NewUser) {
  await db.insertInto('users').values(user).execute()
}

export function findUserByDid(db: Db, did: string) {
  return db.selectFrom('users').selectAll().where('did', '=', did).executeTakeFirst()
}

export function countUsers(db: Db) {
  return db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
}
