import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { NextIntlClientProvider } from 'next-intl'
import { sql } from 'kysely'
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest'
import ErrorPage from '@/app/error'
import { AppError, DISK_FULL_DIGEST, httpStatus } from '@/lib/errors'
import { testPostgresServer } from '../../factories/databases'
import { createTestRuntime } from '../../factories/runtime'
import { captureLogs } from '../../helpers/log-capture'

// A full disk, simulated the way SQLite allows: `PRAGMA max_page_count` caps the database file,
// and SQLite then answers SQLITE_FULL exactly as it does when the file system has no room left.
// (On SQLite whatever the run's database; PostgreSQL's disk_full is raised by its server below.)

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
const log = captureLogs()

beforeAll(async () => {
  rt = await createTestRuntime({ dialect: 'sqlite' })
  await sql`CREATE TABLE filler (data BLOB)`.execute(rt.db)
})
afterAll(async () => {
  log.restore()
  await rt.cleanup()
})
afterEach(() => void log.lines.splice(0))

/** Caps the database a few pages above what it holds now. */
async function fillTheDisk() {
  const { rows } = await sql<{ page_count: number }>`PRAGMA page_count`.execute(rt.db)
  await sql.raw(`PRAGMA max_page_count = ${rows[0]!.page_count + 2}`).execute(rt.db)
}
const bigRow = () => sql`INSERT INTO filler VALUES (randomblob(200000))`.execute(rt.db)

describe('a full disk', () => {
  test('is AppError DISK_FULL, with its digest for the page and a line in the log', async () => {
    await fillTheDisk()
    const error = await bigRow().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect(error).toMatchObject({ code: 'DISK_FULL', digest: DISK_FULL_DIGEST })
    expect(httpStatus('DISK_FULL')).toBe(507)
    expect(log.lines).toContainEqual(expect.objectContaining({ level: 60, code: 'SQLITE_FULL', msg: expect.stringMatching(/DISK FULL.*nothing was saved/) }))
  })

  test('inside a transaction too (not hidden by the rollback that follows), and nothing is kept', async () => {
    await fillTheDisk()
    const error = await rt.db.transaction().execute(async (trx) => {
      await sql`INSERT INTO filler VALUES (x'00')`.execute(trx)
      await sql`INSERT INTO filler VALUES (randomblob(200000))`.execute(trx)
    }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'DISK_FULL' })
    const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM filler WHERE length(data) = 1`.execute(rt.db)
    expect(rows[0]!.n).toBe(0)
  })

  test('other database errors stay what they are', async () => {
    await expect(sql`INSERT INTO no_such_table VALUES (1)`.execute(rt.db)).rejects.toMatchObject({ code: 'SQLITE_ERROR' })
    expect(log.lines.filter((l) => /DISK FULL/.test(String(l.msg)))).toEqual([])
  })
})

describe.skipIf(!testPostgresServer())('a full disk on PostgreSQL', () => {
  // The server's own SQLSTATE 53100 (disk_full), raised by the server, through the real driver.
  const raiseDiskFull = sql`DO $$ BEGIN RAISE EXCEPTION 'could not extend file' USING ERRCODE = 'disk_full'; END $$`
  let pg: Rt
  beforeAll(async () => {
    pg = await createTestRuntime()
  })
  afterAll(() => pg?.cleanup())

  test('is AppError DISK_FULL, with its digest and a line in the log, in a transaction too', async () => {
    expect(await raiseDiskFull.execute(pg.db).catch((e: unknown) => e)).toMatchObject({ code: 'DISK_FULL', digest: DISK_FULL_DIGEST })
    const inTransaction = await pg.db.transaction().execute((trx) => raiseDiskFull.execute(trx)).catch((e: unknown) => e)
    expect(inTransaction).toMatchObject({ code: 'DISK_FULL' })
    expect(log.lines).toContainEqual(expect.objectContaining({ level: 60, code: '53100' }))
  })

  test('other server errors stay what they are', async () => {
    await expect(sql`insert into no_such_table values (1)`.execute(pg.db)).rejects.toMatchObject({ code: '42P01' })
  })
})

describe('the error page', () => {
  const render = async (locale: 'fr' | 'en', digest: string) => {
    const messages = { landing: (await import(`@/messages/${locale}/landing.json`)).default }
    const error = Object.assign(new Error('hidden by Next in production'), { digest })
    // app/error.tsx (a client component) logs the error to the browser's console: silenced here.
    vi.spyOn(console, 'error').mockImplementation(() => {})
    return renderToStaticMarkup(createElement(NextIntlClientProvider, { locale, messages, children: createElement(ErrorPage, { error, retry: () => {} }) }))
  }

  test.each(['fr', 'en'] as const)('says in plain words (%s) that the disk is full and nothing was saved', async (locale) => {
    const words = (await import(`@/messages/${locale}/landing.json`)).default.status
    const page = await render(locale, DISK_FULL_DIGEST)
    expect(page).toContain(words.diskFull.title)
    expect(page).toContain(words.diskFull.text)
    expect(page).not.toContain(words.error.title)
    expect(await render(locale, '12345')).toContain(words.error.title)
  })
})
