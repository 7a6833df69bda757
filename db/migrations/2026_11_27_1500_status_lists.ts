import type { Kysely } from 'kysely'
import { binary } from './types'

// Revocation and suspension (W3C Bitstring Status List): one list per organisation, purpose and
// number; the entries that tie an index to a credential (an index is never reused: the primary
// key is (list, index) and entries are never deleted); and the facts behind each bit.
// Frozen once landed: change the schema with a new migration, never by editing this one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('status_lists')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    /** 'revocation' | 'suspension' */
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('list_number', 'integer', (c) => c.notNull())
    /** Number of entries (bits); at least 131,072 (Bitstring Status List §2.2 minimum). */
    .addColumn('size', 'integer', (c) => c.notNull())
    /** The raw bitstring, size / 8 bytes, bit 0 = the most significant bit of byte 0. */
    .addColumn('bits', binary(db), (c) => c.notNull())
    /** Bumped on every change: the ETag of the served list credential, and its cache key. */
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('status_lists_org_purpose_number_uq', ['organisation_id', 'purpose', 'list_number'])
    .execute()

  await db.schema
    .createTable('status_entries')
    .addColumn('list_id', 'text', (c) => c.notNull().references('status_lists.id'))
    .addColumn('status_index', 'integer', (c) => c.notNull())
    .addColumn('credential_id', 'text', (c) => c.notNull().references('credentials.id'))
    .addPrimaryKeyConstraint('status_entries_pk', ['list_id', 'status_index'])
    .execute()
  await db.schema.createIndex('status_entries_credential_idx').on('status_entries').column('credential_id').execute()

  // What the bits mean: one row per credential that was ever revoked or suspended.
  await db.schema
    .createTable('credential_status')
    .addColumn('credential_id', 'text', (c) => c.primaryKey().references('credentials.id'))
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_reason', 'text')
    .addColumn('revoked_by', 'text')
    .addColumn('suspended_at', 'text')
    .addColumn('suspended_reason', 'text')
    .addColumn('suspended_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['credential_status', 'status_entries', 'status_lists']) {
    await db.schema.dropTable(table).ifExists().execute()
  }
}
