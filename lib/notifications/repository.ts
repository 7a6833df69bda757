import { sql, type Insertable, type Transaction } from 'kysely'
import type { Db } from '@/db/client'
import type { Database, NotificationsTable } from '@/db/schema'

// Queries only; every one is filtered by the reader's own id (ownership is in the WHERE clause,
// so an id of someone else's notification matches nothing).

type Q = Db | Transaction<Database>

export type NewNotification = Insertable<NotificationsTable>

export async function insertNotification(db: Q, row: NewNotification): Promise<void> {
  // One unread notification per topic and reader: the newer replaces it.
  if (row.topic) await db.deleteFrom('notifications').where('user_id', '=', row.user_id).where('topic', '=', row.topic).where('read_at', 'is', null).execute()
  await db.insertInto('notifications').values({ ...row, read_at: null }).execute()
}

/**
 * insertNotification inside the caller's transaction, under a savepoint: when it fails, the
 * transaction is left as it was and goes on (PostgreSQL would otherwise refuse every later
 * statement of it). @throws what failed (the savepoint, or the insert — then rolled back).
 */
export async function insertNotificationUnderSavepoint(trx: Q, row: NewNotification): Promise<void> {
  await sql`SAVEPOINT tremplin_notify`.execute(trx)
  try {
    await insertNotification(trx, row)
    await sql`RELEASE SAVEPOINT tremplin_notify`.execute(trx)
  } catch (e) {
    await sql`ROLLBACK TO SAVEPOINT tremplin_notify`.execute(trx).then(() => sql`RELEASE SAVEPOINT tremplin_notify`.execute(trx)).catch(() => undefined)
    throw e
  }
}

/** One page of the reader's notifications, newest first (one more than asked: is there a next page?). */
export function listPage(db: Db, userId: string, limit: number, offset: number) {
  return db.selectFrom('notifications').select(['id', 'kind', 'params', 'link', 'created_at', 'read_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc').orderBy('id', 'desc')
    .limit(limit + 1).offset(offset).execute()
}

/** Unread notifications of the reader, counted up to `cap`. */
export async function countUnread(db: Db, userId: string, cap: number): Promise<number> {
  const { n } = await db.selectFrom((eb) => eb.selectFrom('notifications').select('id')
    .where('user_id', '=', userId).where('read_at', 'is', null).limit(cap).as('u'))
    .select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()
  return Number(n)
}

export function findOwn(db: Db, userId: string, id: string) {
  return db.selectFrom('notifications').select(['id', 'link', 'read_at']).where('id', '=', id).where('user_id', '=', userId).executeTakeFirst()
}

export function markRead(db: Db, userId: string, id: string, at: string) {
  return db.updateTable('notifications').set({ read_at: at }).where('id', '=', id).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirst()
}

export async function markAllRead(db: Db, userId: string, at: string): Promise<number> {
  const r = await db.updateTable('notifications').set({ read_at: at }).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirst()
  return Number(r.numUpdatedRows)
}

export function markTopicRead(db: Q, userId: string, topic: string, at: string) {
  return db.updateTable('notifications').set({ read_at: at }).where('user_id', '=', userId).where('topic', '=', topic).where('read_at', 'is', null).execute()
}

/** Everything a person reads here, oldest first (the privacy export). */
export function listAllOf(db: Db, userId: string) {
  return db.selectFrom('notifications').select(['id', 'kind', 'params', 'link', 'created_at', 'read_at'])
    .where('user_id', '=', userId).orderBy('created_at').orderBy('id').execute()
}

/** Erasure: what the person reads, and what their actions put in other people's lists (it may name them). */
export async function deleteAllOf(db: Q, userId: string): Promise<number> {
  const r = await db.deleteFrom('notifications').where((eb) => eb.or([eb('user_id', '=', userId), eb('actor_user_id', '=', userId)])).executeTakeFirst()
  return Number(r.numDeletedRows)
}
