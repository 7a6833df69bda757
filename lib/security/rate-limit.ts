import { sql } from 'kysely'
import type { Runtime } from '@/lib/runtime'

export interface RateLimit {
  /** How many hits a window allows. */
  max: number
  windowMs: number
}

/**
 * Counts one hit for `key` in a fixed window and tells whether it is allowed. The counter lives in
 * the database (shared by every app instance). One atomic upsert per hit: a counter whose window is
 * over starts again at 1, otherwise it goes up by one — in the same statement, so two instances
 * (or two connections on PostgreSQL) hitting the same key at once never lose a count.
 */
export async function hit(rt: Pick<Runtime, 'db'>, key: string, limit: RateLimit, now = new Date()): Promise<{ allowed: boolean; retryAfterMs: number }> {
  const at = now.toISOString()
  const expired = new Date(now.getTime() - limit.windowMs).toISOString()
  const row = await rt.db.insertInto('rate_limits').values({ key, window_start: at, count: 1 })
    .onConflict((oc) => oc.column('key').doUpdateSet({
      count: sql<number>`CASE WHEN rate_limits.window_start <= ${expired} THEN 1 ELSE rate_limits.count + 1 END`,
      window_start: sql<string>`CASE WHEN rate_limits.window_start <= ${expired} THEN ${at} ELSE rate_limits.window_start END`,
    }))
    .returning(['window_start', 'count'])
    .executeTakeFirstOrThrow()
  const retryAfterMs = Math.max(0, new Date(row.window_start).getTime() + limit.windowMs - now.getTime())
  return { allowed: row.count <= limit.max, retryAfterMs: row.count <= limit.max ? 0 : retryAfterMs }
}

/** Forgets a key (e.g. after a successful sign-in). */
export async function reset(rt: Pick<Runtime, 'db'>, key: string): Promise<void> {
  await rt.db.deleteFrom('rate_limits').where('key', '=', key).execute()
}
