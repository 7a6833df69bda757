import type { Transaction } from 'kysely'
import type { Db } from '@/db/client'
import type { Database, NewUser } from '@/db/schema'

type Conn = Db | Transaction<Database>

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

/** How many admin accounts there are (npm start tells how to make the first one when none). */
export async function countAdmins(db: Db): Promise<number> {
  const { n } = await db.selectFrom('users').select((eb) => eb.fn.countAll<number | string>().as('n')).where('role', '=', 'admin').executeTakeFirstOrThrow()
  return Number(n)
}

/** A new password hash; an account never activated counts as activated from now (it has a password). */
export async function updatePasswordHash(db: Conn, userId: string, passwordHash: string, now: string) {
  await db.updateTable('users')
    .set((eb) => ({ password_hash: passwordHash, activated_at: eb.fn.coalesce('activated_at', eb.val(now)) }))
    .where('id', '=', userId).execute()
}
