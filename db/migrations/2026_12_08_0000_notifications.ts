import type { Kysely } from 'kysely'

// Issue 12 §5: notifications in the app (decision 025).
// - user_id: who reads it; actor_user_id: whose action caused it (a contact request, a story sent
//   to attest…). Both cascade: deleting an account deletes what it reads AND what it caused
//   (another person's notification may carry its name), as lib/privacy also does explicitly.
// - kind + params (JSON of short strings): the text is built when it is shown, in the reader's
//   language; link: an in-app path (checked again before any redirect).
// - topic: one unread notification per topic and reader (a conversation, a badge): a newer one
//   replaces it instead of piling up.
// Frozen once landed: change the schema with a new migration, never by editing this one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('actor_user_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('link', 'text', (c) => c.notNull())
    .addColumn('topic', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute()
  await db.schema.createIndex('notifications_user_idx').on('notifications').columns(['user_id', 'created_at']).execute()
  await db.schema.createIndex('notifications_unread_idx').on('notifications').columns(['user_id', 'read_at']).execute()
  await db.schema.createIndex('notifications_actor_idx').on('notifications').column('actor_user_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('notifications').execute()
}
