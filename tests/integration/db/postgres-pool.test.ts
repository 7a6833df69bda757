import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { testPostgresServer } from '../../factories/databases'
import { createTestRuntime } from '../../factories/runtime'
import { captureLogs } from '../../helpers/log-capture'

// PostgreSQL ends a connection the pool holds idle (a server restart, a failover, an
// administrator's pg_terminate_backend): the instance logs it, keeps running, and the next query
// gets a new connection. Without a listener on the pool, Node would crash the whole process.

type Rt = Awaited<ReturnType<typeof createTestRuntime>>

describe.skipIf(!testPostgresServer())('a PostgreSQL connection ended by the server', () => {
  let rt: Rt
  const log = captureLogs()
  beforeAll(async () => {
    rt = await createTestRuntime()
  })
  afterAll(async () => {
    log.restore()
    await rt?.cleanup()
  })

  test('is logged and replaced: the next query answers', async () => {
    const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(rt.db)
    const pid = rows[0]!.pid
    // Another session ends that idle connection, as an administrator would.
    const admin = await createTestRuntime()
    try {
      await sql`select pg_terminate_backend(${pid})`.execute(admin.db)
    } finally {
      await admin.cleanup()
    }
    await expect.poll(() => log.lines.filter((l) => l.code === '57P01').length, { timeout: 5_000 }).toBe(1)
    expect(log.lines).toContainEqual(expect.objectContaining({ level: 40, msg: expect.stringMatching(/closed by the server/) }))
    const again = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(rt.db)
    expect(again.rows[0]!.pid).not.toBe(pid)
  })
})
