import { pendingMigrations, pingDatabase, type Db } from '@/db/client'
import { logger } from '@/lib/log'

/** What GET /healthz answers: no names, no versions, no error text (it is public). */
export interface Health {
  status: 'ok' | 'error'
  database: 'ok' | 'error'
  /** `pending`: this code knows migrations the database has not run; `unknown`: no database to ask. */
  migrations: 'current' | 'pending' | 'unknown'
}

/** A check longer than this is a failed check: a load balancer's probe must not hang. */
export const HEALTH_TIMEOUT_MS = 2_000

/**
 * Is the database answering, and has it run every migration this code knows? Two small queries
 * (`select 1`, the migrations table): bounded work, so a probe every few seconds costs nothing.
 * `openDb` failing (the database cannot be opened or migrated) is a database error.
 */
export async function checkHealth(openDb: () => Promise<Db>, { timeoutMs = HEALTH_TIMEOUT_MS } = {}): Promise<Health> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)
  })
  try {
    return await Promise.race([probe(openDb), timeout])
  } catch (e) {
    logger().warn({ err: e }, 'health check: the database does not answer')
    return { status: 'error', database: 'error', migrations: 'unknown' }
  } finally {
    clearTimeout(timer)
  }
}

async function probe(openDb: () => Promise<Db>): Promise<Health> {
  const db = await openDb()
  await pingDatabase(db)
  const pending = (await pendingMigrations(db)).length
  if (pending > 0) logger().warn({ pending }, 'health check: migrations not yet run on this database')
  return pending === 0
    ? { status: 'ok', database: 'ok', migrations: 'current' }
    : { status: 'error', database: 'ok', migrations: 'pending' }
}
