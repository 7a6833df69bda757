import type { Kysely } from 'kysely'
import { binary } from './types'

// The browser journey: sessions, one-time activation and invitation links, wallet state,
// evidence photos, portfolio shares, and the imported skill taxonomies.
// Frozen once landed: change the schema with a new migration, never by editing this one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute()

  // One-time links: a young person's activation (set a password) or an invitation to join an
  // organisation as a tutor or recruiter. Only the token's hash is stored.
  await db.schema
    .createTable('account_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('organisation_id', 'text', (c) => c.references('organisations.id'))
    .addColumn('role', 'text')
    .addColumn('email', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute()

  await db.schema.alterTable('users').addColumn('activated_at', 'text').execute()
  await db.schema.alterTable('credentials').addColumn('hidden_at', 'text').execute()
  await db.schema.alterTable('credentials').addColumn('evidence_photo', binary(db)).execute()
  await db.schema.alterTable('credentials').addColumn('evidence_photo_type', 'text').execute()
  await db.schema.alterTable('credentials').addColumn('language', 'text').execute()

  await db.schema
    .createTable('shares')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('holder_user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('about', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('view_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_viewed_at', 'text')
    .execute()
  await db.schema.createIndex('shares_holder_idx').on('shares').column('holder_user_id').execute()

  await db.schema
    .createTable('share_credentials')
    .addColumn('share_id', 'text', (c) => c.notNull().references('shares.id').onDelete('cascade'))
    .addColumn('credential_id', 'text', (c) => c.notNull().references('credentials.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('share_credentials_pk', ['share_id', 'credential_id'])
    .execute()

  // Fixed-window counters (sign-in attempts…), in the database so that several app instances share them.
  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .execute()

  // Skills, occupations and key competences, one row per concept; labels per language.
  await db.schema
    .createTable('taxonomy_concepts')
    .addColumn('uri', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('framework', 'text', (c) => c.notNull())
    .addColumn('code', 'text')
    .execute()
  await db.schema
    .createTable('taxonomy_labels')
    .addColumn('uri', 'text', (c) => c.notNull().references('taxonomy_concepts.uri').onDelete('cascade'))
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('alt_labels', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description', 'text')
    /** Lower-cased, accent-free label and alternative labels, for search. */
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('taxonomy_labels_pk', ['uri', 'lang'])
    .execute()
  await db.schema.createIndex('taxonomy_labels_lang_idx').on('taxonomy_labels').column('lang').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['taxonomy_labels', 'taxonomy_concepts', 'rate_limits', 'share_credentials', 'shares', 'account_links', 'sessions']) {
    await db.schema.dropTable(table).ifExists().execute()
  }
  for (const column of ['language', 'evidence_photo_type', 'evidence_photo', 'hidden_at']) {
    await db.schema.alterTable('credentials').dropColumn(column).execute()
  }
  await db.schema.alterTable('users').dropColumn('activated_at').execute()
}
