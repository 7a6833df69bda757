/** A process that migrates the database it is given (DATABASE_URL, else DATABASE_FILE) and prints what it applied. */
import { migrateToLatest, openDatabase } from '@/db/client'

const db = openDatabase({ databaseUrl: process.env.DATABASE_URL || undefined, databaseFile: process.env.DATABASE_FILE ?? '' })
try {
  console.log(JSON.stringify(await migrateToLatest(db)))
} finally {
  await db.destroy()
}
