import type { Db } from '@/db/client'
import type { NewUser } from '@/db/schema'

export async function insertUser(db: Db, user: NewUser) {
  await db.insertInto('users').values(user).execute()
}

export function findUserByDid(db: Db, did: string) {
  return db.selectFrom('users').selectAll().where('did', '=', did).executeTakeFirst()
}

/** PostgreSQL returns COUNT(*) as a string: normalised to a number here. */
export async function countUsers(db: Db): Promise<number> {
  const { n } = await db.selectFrom('users').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()
  return Number(n)
}
