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

/** By username or e-mail, both compared lower-cased. */
export function findUserByIdentifier(db: Db, identifier: string) {
  return db.selectFrom('users').selectAll()
    .where((eb) => eb.or([eb(eb.fn('lower', ['username']), '=', identifier), eb(eb.fn('lower', ['email']), '=', identifier)]))
    .executeTakeFirst()
}

export function findUserById(db: Db, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function updateUserLocale(db: Db, id: string, locale: string) {
  await db.updateTable('users').set({ locale }).where('id', '=', id).execute()
}
