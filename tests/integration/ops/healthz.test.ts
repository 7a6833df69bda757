import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { GET } from '@/app/healthz/route'
import { checkHealth } from '@/lib/ops/health'
import { setRuntime } from '@/lib/runtime'
import { createTestRuntime } from '../../factories/runtime'

// GET /healthz as a load balancer asks it: the route handler on a real SQLite database.

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
beforeAll(async () => {
  rt = await createTestRuntime()
  setRuntime(rt)
})
afterAll(() => rt.cleanup())

async function probe() {
  const res = await GET()
  return { status: res.status, cache: res.headers.get('cache-control'), body: await res.json() }
}

describe('GET /healthz', () => {
  test('200 when the database answers and every migration has run; never cached', async () => {
    expect(await probe()).toEqual({ status: 200, cache: 'no-store', body: { status: 'ok', database: 'ok', migrations: 'current' } })
  })

  test('503 naming the migrations when the database lacks one this code knows', async () => {
    const { rows: [last] } = await sql<{ name: string; timestamp: string }>`SELECT name, timestamp FROM kysely_migration ORDER BY name DESC LIMIT 1`.execute(rt.db)
    await sql`DELETE FROM kysely_migration WHERE name = ${last!.name}`.execute(rt.db)
    try {
      expect(await probe()).toEqual({ status: 503, cache: 'no-store', body: { status: 'error', database: 'ok', migrations: 'pending' } })
    } finally {
      await sql`INSERT INTO kysely_migration (name, timestamp) VALUES (${last!.name}, ${last!.timestamp})`.execute(rt.db)
    }
    expect((await probe()).status).toBe(200)
  })

  test('503 naming the database when it does not answer, with no error text in the answer', async () => {
    const closed = await createTestRuntime()
    await closed.cleanup()
    setRuntime(closed)
    try {
      const answer = await probe()
      expect(answer).toEqual({ status: 503, cache: 'no-store', body: { status: 'error', database: 'error', migrations: 'unknown' } })
    } finally {
      setRuntime(rt)
    }
  })

  test('a database that hangs is a failed check after the timeout, not a hung probe', async () => {
    const started = Date.now()
    const health = await checkHealth(() => new Promise(() => undefined), { timeoutMs: 100 })
    expect(health).toEqual({ status: 'error', database: 'error', migrations: 'unknown' })
    expect(Date.now() - started).toBeLessThan(2_000)
  })
})
