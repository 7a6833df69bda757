import type { Kysely } from 'kysely'

// Issue 12 §7: bulk CSV you can trust.
// - bulk_batches.encoding / delimiter: how the uploaded file was read (shown on the preview).
// - bulk_rows.duplicate: why a row repeats a badge — JSON { kind: 'held', credentialId, issuedAt }
//   (the young person already holds it) or { kind: 'row', row } (an earlier row of the file).
//   Such a row waits as status 'skipped' unless the counsellor chose to issue it again.
// - bulk_rows.reissue: 1 when the counsellor chose to issue that row again on purpose.
// Frozen once landed: change the schema with a new migration, never by editing this one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('bulk_batches').addColumn('encoding', 'text').execute()
  await db.schema.alterTable('bulk_batches').addColumn('delimiter', 'text').execute()
  await db.schema.alterTable('bulk_rows').addColumn('duplicate', 'text').execute()
  await db.schema.alterTable('bulk_rows').addColumn('reissue', 'integer', (c) => c.notNull().defaultTo(0)).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('bulk_rows').dropColumn('reissue').execute()
  await db.schema.alterTable('bulk_rows').dropColumn('duplicate').execute()
  await db.schema.alterTable('bulk_batches').dropColumn('delimiter').execute()
  await db.schema.alterTable('bulk_batches').dropColumn('encoding').execute()
}
