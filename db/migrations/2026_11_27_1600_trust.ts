import { sql, SqliteAdapter, type Kysely } from 'kysely'
import { binary } from './types'

// Trust: the registry of approved organisations (with who approved or suspended them, and
// when), the external issuers an admin loaded, every DID an organisation has signed with (its
// first did:key, then its did:web), the keys of each did:web in the order they were added (key
// rotation keeps the old ones listed), and credentials imported into a wallet from elsewhere.
// Frozen once landed: change the schema with a new migration, never by editing this one.
export async function up(db: Kysely<any>): Promise<void> {
  // 'pending' | 'approved' | 'suspended'. Organisations that existed before the registry were
  // already trusted by the instance that created them: they start approved.
  await db.schema.alterTable('organisations').addColumn('status', 'text', (c) => c.notNull().defaultTo('pending')).execute()
  for (const column of ['approved_at', 'approved_by', 'suspended_at', 'suspended_by', 'suspended_reason']) {
    await db.schema.alterTable('organisations').addColumn(column, 'text').execute()
  }
  await db.updateTable('organisations').set({ status: 'approved', approved_at: sql`created_at`, approved_by: 'migration' }).execute()

  // The registry's history: who did what to which organisation, and when.
  await db.schema
    .createTable('organisation_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    /** 'registered' | 'approved' | 'suspended' | 'reinstated' | 'key_rotated' */
    .addColumn('action', 'text', (c) => c.notNull())
    /** A user id, or 'cli' / 'migration'. */
    .addColumn('actor', 'text')
    .addColumn('reason', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('organisation_events_org_idx').on('organisation_events').columns(['organisation_id', 'at']).execute()

  // Every DID an organisation has issued under, so credentials signed before it moved from
  // did:key to did:web are still credited to it.
  await db.schema
    .createTable('organisation_dids')
    .addColumn('did', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    /** 'key' | 'web' */
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('organisation_dids_org_idx').on('organisation_dids').column('organisation_id').execute()
  await db.insertInto('organisation_dids')
    .columns(['did', 'organisation_id', 'method', 'created_at'])
    .expression(db.selectFrom('organisations').select(['did', 'id', sql<string>`'key'`.as('method'), 'created_at']))
    .execute()

  // The keys of an organisation's did:web, in order: the newest signs, all stay in the DID document.
  await db.schema
    .createTable('organisation_keys')
    /** Veramo key id (the public key, hex). */
    .addColumn('kid', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('did', 'text', (c) => c.notNull())
    /** The verification method's fragment in the DID document ('key-1', 'key-2', …). */
    .addColumn('fragment', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('organisation_keys_did_fragment_uq', ['did', 'fragment'])
    .execute()

  // Issuers trusted elsewhere: loaded by an admin from a registry file (Digital Credentials
  // Consortium issuer-registry format). A later load of the same registry replaces its entries.
  await db.schema
    .createTable('external_issuers')
    .addColumn('did', 'text', (c) => c.notNull())
    /** The registry the entry came from (its name in the file, or the file name). */
    .addColumn('registry', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('location', 'text')
    .addColumn('loaded_at', 'text', (c) => c.notNull())
    .addColumn('loaded_by', 'text')
    .addPrimaryKeyConstraint('external_issuers_pk', ['did', 'registry'])
    .execute()

  await recreateCredentialsWithImports(db)
  await sql`update credentials set issuer_did = (select did from organisations where organisations.id = credentials.issuer_organisation_id) where issuer_did is null`.execute(db)
}

/**
 * Imported credentials have no issuing organisation here: `issuer_organisation_id` becomes
 * nullable, and four columns say where a credential came from. SQLite cannot drop a NOT NULL, so
 * there the table is rebuilt (the documented 12-step way: foreign keys off, copy, swap, check);
 * other dialects alter the column.
 */
async function recreateCredentialsWithImports(db: Kysely<any>) {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) {
    await db.schema.alterTable('credentials').alterColumn('issuer_organisation_id', (c) => c.dropNotNull()).execute()
    for (const [name, type] of IMPORT_COLUMNS) await db.schema.alterTable('credentials').addColumn(name, type).execute()
    await db.updateTable('credentials').set({ origin: 'issued' }).execute()
    await db.schema.alterTable('credentials').alterColumn('origin', (c) => c.setNotNull()).execute()
    await db.schema.alterTable('credentials').alterColumn('origin', (c) => c.setDefault('issued')).execute()
    return
  }
  // The pragma is a no-op inside a transaction: it goes first; the rebuild is one transaction.
  await sql`PRAGMA foreign_keys = OFF`.execute(db)
  try {
    await db.transaction().execute(rebuildCredentials)
  } finally {
    await sql`PRAGMA foreign_keys = ON`.execute(db)
  }
}

const IMPORT_COLUMNS = [
  /** 'issued' (signed by an organisation of this instance) | 'imported' (added by its holder) */
  ['origin', 'text'],
  ['imported_at', 'text'],
  /** The verification result at import: JSON, the full named checks. */
  ['import_verification', 'text'],
  /** The issuer's DID as the credential names it (imported credentials have no organisation here). */
  ['issuer_did', 'text'],
] as const

async function rebuildCredentials(db: Kysely<any>) {
  await db.schema
    .createTable('credentials_new')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('issuer_organisation_id', 'text', (c) => c.references('organisations.id'))
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
    .addColumn('hidden_at', 'text')
    .addColumn('evidence_photo', binary(db))
    .addColumn('evidence_photo_type', 'text')
    .addColumn('language', 'text')
    .addColumn('origin', 'text', (c) => c.notNull().defaultTo('issued'))
    .addColumn('imported_at', 'text')
    .addColumn('import_verification', 'text')
    .addColumn('issuer_did', 'text')
    .execute()
  const copied = 'id, issuer_organisation_id, issued_by_user_id, holder_user_id, subject_did, template_id, format, document, title, valid_from, valid_until, created_at, hidden_at, evidence_photo, evidence_photo_type, language'
  await sql`insert into credentials_new (${sql.raw(copied)}) select ${sql.raw(copied)} from credentials`.execute(db)
  await db.schema.dropTable('credentials').execute()
  await db.schema.alterTable('credentials_new').renameTo('credentials').execute()
  await db.schema.createIndex('credentials_holder_idx').on('credentials').column('holder_user_id').execute()
  await db.schema.createIndex('credentials_issuer_idx').on('credentials').column('issuer_organisation_id').execute()
  const { rows: broken } = await sql`PRAGMA foreign_key_check`.execute(db)
  if (broken.length) throw new Error(`Rebuilding credentials broke ${broken.length} foreign key(s)`)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('credentials').where('origin', '=', 'imported').execute()
  for (const column of ['issuer_did', 'import_verification', 'imported_at', 'origin']) {
    await db.schema.alterTable('credentials').dropColumn(column).execute()
  }
  for (const table of ['external_issuers', 'organisation_keys', 'organisation_dids', 'organisation_events']) {
    await db.schema.dropTable(table).execute()
  }
  for (const column of ['suspended_reason', 'suspended_by', 'suspended_at', 'approved_by', 'approved_at', 'status']) {
    await db.schema.alterTable('organisations').dropColumn(column).execute()
  }
}
