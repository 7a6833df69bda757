import { PostgresDialect, SqliteDialect, type DatabaseConnection, type Driver } from 'kysely'
import { AppError, DISK_FULL_DIGEST } from '@/lib/errors'
import { logger } from '@/lib/log'

// A full disk must say so: in the log (for whoever runs the instance) and on the page (in plain
// words, app/error.tsx), instead of an anonymous 500. SQLite answers SQLITE_FULL when it cannot
// grow the database or its WAL; the file system's ENOSPC is the same story; PostgreSQL's server
// answers SQLSTATE 53100 (disk_full).

const DISK_FULL_CODES = new Set(['SQLITE_FULL', 'ENOSPC', '53100'])

export function isDiskFull(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code
  return typeof code === 'string' && DISK_FULL_CODES.has(code)
}

/** AppError DISK_FULL (with its digest for the page), after one line in the server's log. */
export function diskFullError(cause: unknown): AppError {
  logger().fatal({ code: (cause as { code?: string })?.code, error: (cause as Error)?.message ?? String(cause) }, 'DISK FULL: the disk holding the data is full, nothing was saved. Free some space.')
  const error = new AppError('DISK_FULL', 'The disk is full: nothing was saved', { cause: (cause as { code?: string })?.code })
  return Object.assign(error, { digest: DISK_FULL_DIGEST })
}

function wrapConnection(connection: DatabaseConnection): DatabaseConnection {
  return {
    async executeQuery(query) {
      try {
        return await connection.executeQuery(query)
      } catch (e) {
        if (isDiskFull(e)) throw diskFullError(e)
        // SQLite may already have rolled the transaction back on SQLITE_FULL; Kysely's own
        // rollback then fails and would hide the real error.
        if (query.sql === 'rollback' && /no transaction is active/.test((e as Error)?.message ?? '')) return { rows: [] }
        throw e
      }
    },
    streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
  }
}

/** Kysely's SQLite dialect, its queries' "disk full" errors turned into AppError DISK_FULL. */
export class DiskFullAwareSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver()
    const acquire = driver.acquireConnection.bind(driver)
    driver.acquireConnection = async () => wrapConnection(await acquire())
    return driver
  }
}

/**
 * Kysely's PostgreSQL dialect, its queries' "disk full" errors (SQLSTATE 53100) turned into
 * AppError DISK_FULL. The driver's connection object is kept (its release goes through a private
 * symbol on it): its executeQuery is wrapped in place, once per connection.
 */
export class DiskFullAwarePostgresDialect extends PostgresDialect {
  override createDriver(): Driver {
    const driver = super.createDriver()
    const acquire = driver.acquireConnection.bind(driver)
    const wrapped = new WeakSet<DatabaseConnection>()
    driver.acquireConnection = async () => {
      const connection = await acquire()
      if (!wrapped.has(connection)) {
        const execute = connection.executeQuery.bind(connection)
        connection.executeQuery = async (query) => {
          try {
            return await execute(query)
          } catch (e) {
            throw isDiskFull(e) ? diskFullError(e) : e
          }
        }
        wrapped.add(connection)
      }
      return connection
    }
    return driver
  }
}
