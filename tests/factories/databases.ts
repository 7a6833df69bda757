import pg from 'pg'

/** Where tests/setup/databases.ts leaves the migrated templates for the test processes. */
export const TEMPLATE_ENV = { sqlite: 'TREMPLIN_TEST_SQLITE_TEMPLATE', postgres: 'TREMPLIN_TEST_PG_TEMPLATE' } as const

/** The test PostgreSQL server (TEST_DATABASE_URL), or undefined: the suite runs on SQLite. */
export const testPostgresServer = (): string | undefined => process.env.TEST_DATABASE_URL || undefined

/** The server URL with another database name. */
export function databaseUrl(server: string, database: string): string {
  const url = new URL(server)
  url.pathname = `/${database}`
  return url.toString()
}

/** One statement on the server's maintenance connection (CREATE / DROP DATABASE cannot run in a pool's transaction). */
export async function adminQuery(server: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: server })
  await client.connect()
  try {
    await client.query(text)
  } finally {
    await client.end()
  }
}
