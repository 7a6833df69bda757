import type { Runtime } from '@/lib/runtime'

export interface RateLimit {
  /** How many hits a window allows. */
  max: number
  windowMs: number
}

/**
 * Counts one hit for `key` in a fixed window and tells whether it is allowed. The counter lives in
 * the database (shared by every app instance); one upsert per hit.
 */
export async function hit(rt: Pick<Runtime, 'db'>, key: string, limit: RateLimit, now = new Date()): Promise<{ allowed: boolean; retryAfterMs: number }> {
  return rt.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('rate_limits').selectAll().where('key', '=', key).executeTakeFirst()
    const start = row ? new Date(row.window_start).getTime() : 0
    if (!row || now.getTime() - start >= limit.windowMs) {
      const values = { window_start: now.toISOString(), count: 1 }
      await trx.insertInto('rate_limits').values({ key, ...values }).onConflict((oc) => oc.column('key').doUpdateSet(values)).execute()
      return { allowed: true, retryAfterMs: 0 }
    }
    const count = row.count + 1
    await trx.updateTable('rate_limits').set({ count }).where('key', '=', key).execute()
    return { allowed: count <= limit.max, retryAfterMs: Math.max(0, start + limit.windowMs - now.getTime()) }
  })
}

/** Forgets a key (e.g. after a successful sign-in). */
export async function reset(rt: Pick<Runtime, 'db'>, key: string): Promise<void> {
  await rt.db.deleteFrom('rate_limits').where('key', '=', key).execute()
}
