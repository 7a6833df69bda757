import type { Kysely } from 'kysely'

// Frozen once landed: change the schema with a new migration, never by editing this one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('organisations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('region', 'text')
    .addColumn('did', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.unique())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'text', (c) => c.references('organisations.id'))
    .addColumn('did', 'text', (c) => c.unique())
    .addColumn('password_hash', 'text')
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('fr'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('users_organisation_idx').on('users').column('organisation_id').execute()

  await db.schema
    .createTable('credentials')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('issuer_organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('issued_by_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('holder_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('subject_did', 'text', (c) => c.notNull())
    .addColumn('template_id', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('credentials_holder_idx').on('credentials').column('holder_user_id').execute()
  await db.schema.createIndex('credentials_issuer_idx').on('credentials').column('issuer_organisation_id').execute()

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute()

  await db.schema
    .createTable('dids')
    .addColumn('did', 'text', (c) => c.primaryKey())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('alias', 'text')
    .addColumn('controller_key_id', 'text')
    .addColumn('services', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('dids_alias_idx').on('dids').column('alias').execute()

  await db.schema
    .createTable('keys')
    .addColumn('kid', 'text', (c) => c.primaryKey())
    .addColumn('kms', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('public_key_hex', 'text', (c) => c.notNull())
    .addColumn('meta', 'text')
    .addColumn('did', 'text', (c) => c.references('dids.did').onDelete('cascade'))
    .execute()
  await db.schema.createIndex('keys_did_idx').on('keys').column('did').execute()

  await db.schema
    .createTable('private_keys')
    .addColumn('alias', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('ciphertext', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['private_keys', 'keys', 'dids', 'api_tokens', 'credentials', 'users', 'organisations']) {
    await db.schema.dropTable(table).ifExists().execute()
  }
}
