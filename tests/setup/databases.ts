/**
 * Vitest global setup: the database every test runtime starts from, migrated once per run instead
 * of once per test file (tests/factories/runtime.ts copies it).
 * - SQLite: a migrated template file, copied into each test's own data folder.
 * - PostgreSQL, when TEST_DATABASE_URL names a server (scripts/postgres-test-server.sh): a
 *   migrated template database; each test runtime gets `CREATE DATABASE … TEMPLATE` of it.
 * Both are handed to the test processes through the environment (they are forked after this runs).
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { migrateToLatest, openPostgres, openSqlite } from '@/db/client'
import { adminQuery, databaseUrl, TEMPLATE_ENV } from '../factories/databases'

export default async function setup(): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'tremplin-template-'))
  const file = join(dir, 'template.sqlite')
  const sqlite = openSqlite(file)
  await migrateToLatest(sqlite)
  await sqlite.destroy() // closing checkpoints the WAL: the one file holds everything
  process.env[TEMPLATE_ENV.sqlite] = file

  const server = process.env.TEST_DATABASE_URL
  let template: string | undefined
  if (server) {
    template = `tremplin_tpl_${randomBytes(4).toString('hex')}`
    await adminQuery(server, `CREATE DATABASE ${template}`)
    const db = openPostgres(databaseUrl(server, template), { max: 1 })
    try {
      await migrateToLatest(db)
    } finally {
      await db.destroy()
    }
    process.env[TEMPLATE_ENV.postgres] = template
  }

  return async () => {
    rmSync(dir, { recursive: true, force: true })
    if (server && template) await adminQuery(server, `DROP DATABASE IF EXISTS ${template} WITH (FORCE)`)
  }
}
