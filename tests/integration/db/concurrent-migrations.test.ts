import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { openDatabase } from '@/db/client'
import { migrations } from '@/db/migrations'
import { adminQuery, databaseUrl, testPostgresServer } from '../../factories/databases'
import { runScriptForJson } from '../../helpers/cli'

// Issue 14: several instances started together on a new database migrate it once. Three processes
// race on one empty database; each migration is applied by exactly one of them, none fails.

const ALL = Object.keys(migrations)

async function migrateInProcesses(env: Record<string, string>, n = 3): Promise<string[][]> {
  return Promise.all(Array.from({ length: n }, () => runScriptForJson<string[]>('tests/integration/db/_migrate.ts', [], { ...process.env, ...env })))
}

function expectAppliedOnce(applied: string[][]) {
  expect(applied.flat().sort()).toEqual([...ALL].sort())
  expect(new Set(applied.flat()).size).toBe(ALL.length)
}

describe('migrations run once when several processes start together', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tremplin-migrate-race-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  test('SQLite: three processes on one new file', { timeout: 120_000 }, async () => {
    const file = join(dir, 'tremplin.sqlite')
    expectAppliedOnce(await migrateInProcesses({ DATABASE_URL: '', DATABASE_FILE: file }))
    const db = openDatabase({ databaseFile: file })
    try {
      const rows = await db.selectFrom('kysely_migration' as never).select('name' as never).execute()
      expect(rows).toHaveLength(ALL.length)
    } finally {
      await db.destroy()
    }
  })

  const server = testPostgresServer()
  test.skipIf(!server)('PostgreSQL: three processes on one new database', { timeout: 120_000 }, async () => {
    const name = `tremplin_race_${process.pid}`
    await adminQuery(server!, `CREATE DATABASE ${name}`)
    try {
      const url = databaseUrl(server!, name)
      expectAppliedOnce(await migrateInProcesses({ DATABASE_URL: url }))
      const db = openDatabase({ databaseUrl: url, databaseFile: '' })
      try {
        const rows = await db.selectFrom('kysely_migration' as never).select('name' as never).execute()
        expect(rows).toHaveLength(ALL.length)
      } finally {
        await db.destroy()
      }
    } finally {
      await adminQuery(server!, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    }
  })
})
