import { sql, type Kysely } from 'kysely'
import { dialectOf } from '@/db/client'

/**
 * Makes the database itself refuse inserts into `table` (a trigger raising `message`), optionally
 * only for rows matching `when` (an SQL condition on `new.<column>`): a real failure inside a
 * transaction, on SQLite or PostgreSQL. Returns the function that removes the trigger.
 */
export async function refuseInserts(db: Kysely<any>, table: string, message: string, when?: string): Promise<() => Promise<void>> {
  const name = `refuse_${table}_${Math.random().toString(36).slice(2, 8)}`
  const literal = message.replaceAll("'", "''")
  if (dialectOf(db) === 'sqlite') {
    await sql.raw(`create trigger ${name} before insert on ${table} ${when ? `when (${when})` : ''} begin select raise(abort, '${literal}'); end`).execute(db)
    return async () => void (await sql.raw(`drop trigger ${name}`).execute(db))
  }
  await sql.raw(`create function ${name}() returns trigger language plpgsql as $$ begin raise exception '${literal}'; end $$`).execute(db)
  await sql.raw(`create trigger ${name} before insert on ${table} for each row ${when ? `when (${when})` : ''} execute function ${name}()`).execute(db)
  return async () => {
    await sql.raw(`drop trigger ${name} on ${table}`).execute(db)
    await sql.raw(`drop function ${name}()`).execute(db)
  }
}
