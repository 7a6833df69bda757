import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Migrator, sql, type Kysely } from 'kysely'
import { afterAll, describe, expect, test } from 'vitest'
import { dialectOf, migrateToLatest, openDatabase, type Db } from '@/db/client'
import { migrations } from '@/db/migrations'
import { adminQuery, databaseUrl, testPostgresServer } from '../../factories/databases'

// A database left by any earlier release — stopped after any migration — is brought to the same
// schema as a new one: same tables, columns, types, nullability and indexes. (The data-carrying
// migrations have tests of their own with rows written as those releases wrote them:
// trust-migration, network-migration, directory-skill-levels-migration.) On SQLite always; on
// PostgreSQL too when the run has a server.

const NAMES = Object.keys(migrations)
const provider = { getMigrations: async () => migrations }

async function schemaOf(db: Db): Promise<unknown> {
  const tables = await db.introspection.getTables()
  const shape = tables
    .map((t) => ({ table: t.name, columns: t.columns.map((c) => `${c.name} ${c.dataType}${c.isNullable ? '' : ' not null'}${c.hasDefaultValue ? ' default' : ''}`).sort() }))
    .sort((a, b) => a.table.localeCompare(b.table))
  const indexes = dialectOf(db) === 'sqlite'
    ? (await sql<{ name: string }>`select name from sqlite_master where type = 'index' and name not like 'sqlite_autoindex_%'`.execute(db)).rows
    : (await sql<{ name: string }>`select indexname as name from pg_indexes where schemaname = 'public'`.execute(db)).rows
  return { shape, indexes: indexes.map((i) => i.name).sort() }
}

async function stepwise(open: (label: string) => Promise<{ db: Db; close: () => Promise<void> }>) {
  const fresh = await open('fresh')
  await migrateToLatest(fresh.db)
  const expected = await schemaOf(fresh.db)
  await fresh.close()
  for (const [i, name] of NAMES.slice(0, -1).entries()) {
    const { db, close } = await open(`r${i}`)
    try {
      const { error } = await new Migrator({ db: db as Kysely<any>, provider }).migrateTo(name)
      if (error) throw error
      await migrateToLatest(db)
      expect(await schemaOf(db), `a database stopped after ${name}`).toEqual(expected)
    } finally {
      await close()
    }
  }
}

describe('a database of every earlier release migrates to the current schema', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tremplin-releases-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  test('SQLite', { timeout: 300_000 }, async () => {
    await stepwise(async (label) => {
      const db = openDatabase({ databaseFile: join(dir, `${label}.sqlite`) })
      return { db, close: () => db.destroy() }
    })
  })

  const server = testPostgresServer()
  test.skipIf(!server)('PostgreSQL', { timeout: 300_000 }, async () => {
    await stepwise(async (label) => {
      const name = `tremplin_rel_${process.pid}_${label}`
      await adminQuery(server!, `CREATE DATABASE ${name}`)
      const db = openDatabase({ databaseUrl: databaseUrl(server!, name), databaseFile: '' })
      return {
        db,
        close: async () => {
          await db.destroy()
          await adminQuery(server!, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
        },
      }
    })
  })
})
