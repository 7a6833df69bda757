import { randomBytes } from 'node:crypto'
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readEnv } from '@/lib/env'
import { createRuntime, type Runtime } from '@/lib/runtime'
import { adminQuery, databaseUrl, TEMPLATE_ENV, testPostgresServer } from './databases'

export const TEST_PUBLIC_URL = 'https://tremplin.test'

/**
 * A real runtime on a fresh database of its own (one per test file or test), with a random
 * master key and a temporary data folder:
 * - SQLite (default): a file in that folder, copied from the run's migrated template when there is
 *   one (tests/setup/databases.ts), else migrated here;
 * - PostgreSQL when TEST_DATABASE_URL is set: a new database made from the run's template.
 * `cleanup()` closes the database, drops it (PostgreSQL) and removes the folder. A test of SQLite
 * itself asks for `{ dialect: 'sqlite' }`.
 */
export async function createTestRuntime({ dialect }: { dialect?: 'sqlite' } = {}): Promise<Runtime & { dataDir: string; cleanup: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tremplin-test-'))
  // `dialect: 'sqlite'`: a test of SQLite itself (its files on disk, its query plans), whatever the run's database.
  const server = dialect === 'sqlite' ? undefined : testPostgresServer()
  let database: string | undefined
  if (server) {
    const template = process.env[TEMPLATE_ENV.postgres]
    database = `tremplin_t_${randomBytes(6).toString('hex')}`
    await adminQuery(server, template ? `CREATE DATABASE ${database} TEMPLATE ${template}` : `CREATE DATABASE ${database}`)
  } else {
    const template = process.env[TEMPLATE_ENV.sqlite]
    if (template) copyFileSync(template, join(dataDir, 'tremplin.sqlite'))
  }
  const env = readEnv({
    DATA_DIR: dataDir,
    MASTER_KEY: randomBytes(32).toString('hex'),
    PUBLIC_URL: TEST_PUBLIC_URL,
    NODE_ENV: 'test',
    ...(server && database ? { DATABASE_URL: databaseUrl(server, database) } : {}),
  })
  const rt = await createRuntime(env)
  return {
    ...rt,
    dataDir,
    cleanup: async () => {
      await rt.db.destroy()
      if (server && database) await adminQuery(server, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
