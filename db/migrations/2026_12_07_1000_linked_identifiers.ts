import type { Kysely } from 'kysely'

// Issue 10 §1: a young person may LINK another identifier (a DID of another wallet of theirs) by
// proving control of it: a presentation signed by that DID answering a challenge made here.
// - link_challenges: one challenge per attempt, bound to the user and to the DID to be linked,
//   stored hashed (SHA-256), single-use (used_at), short-lived (expires_at).
// - linked_identifiers: the links, with the presentation that proved control (kept so the proof
//   can be shown and checked again) and its hash. One DID is linked to at most one account.
// Both go with the account (on delete cascade, and erased explicitly in lib/privacy).
// Why: docs/decisions/021-linked-identifiers.md.
// Frozen once landed: change the schema with a new migration, never by editing this one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('link_challenges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    /** The identifier the answer must be signed by. */
    .addColumn('did', 'text', (c) => c.notNull())
    .addColumn('challenge_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute()
  await db.schema.createIndex('link_challenges_user_idx').on('link_challenges').columns(['user_id', 'created_at']).execute()

  await db.schema
    .createTable('linked_identifiers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('did', 'text', (c) => c.notNull().unique())
    /** The presentation that proved control, as received (JSON text or a compact VP-JWT). */
    .addColumn('presentation', 'text', (c) => c.notNull())
    /** Its SHA-256, hex. */
    .addColumn('presentation_hash', 'text', (c) => c.notNull())
    .addColumn('linked_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('linked_identifiers_user_idx').on('linked_identifiers').column('user_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('linked_identifiers').execute()
  await db.schema.dropTable('link_challenges').execute()
}
