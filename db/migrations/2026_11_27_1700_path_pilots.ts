import type { Kysely } from 'kysely'

// The network, first part: the young person's path (experiences of three kinds, goals, region,
// availability, languages), credentials linked to the experience they came from, the profile
// sections a portfolio shows; an organisation's pilot actions (a group of young people, staff and
// partner employers over a period, in a region) and bulk issuing in batches whose rows are each
// issued at most once (idempotency per row: a row's credential is written in the same
// transaction that marks the row issued).
// Frozen once landed: change the schema with a new migration, never by editing this one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('profiles')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('region', 'text')
    /** 'now' | 'soon' | 'later' | 'not_looking' */
    .addColumn('availability', 'text')
    /** JSON array of { code: BCP 47 language, level: 'basic' | 'fluent' | 'native' }. */
    .addColumn('languages', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('profile_goals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    /** An ESCO occupation (taxonomy_concepts.uri), or null for a goal in the young person's own words. */
    .addColumn('occupation_uri', 'text')
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('profile_goals_user_idx').on('profile_goals').column('user_id').execute()

  await db.schema
    .createTable('experiences')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    /** 'formal' (school, training) | 'non_formal' (workshops, programmes, volunteering schemes) | 'informal' (family care, sport, odd jobs…) */
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('place', 'text')
    /** Year and month, 'YYYY-MM'; `ended_on` null = ongoing. */
    .addColumn('started_on', 'text', (c) => c.notNull())
    .addColumn('ended_on', 'text')
    .addColumn('what_i_did', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('what_i_learned', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('experiences_user_idx').on('experiences').column('user_id').execute()

  // A credential comes from at most one experience; deleting the experience only unlinks it.
  await db.schema
    .createTable('credential_experiences')
    .addColumn('credential_id', 'text', (c) => c.primaryKey().references('credentials.id').onDelete('cascade'))
    .addColumn('experience_id', 'text', (c) => c.notNull().references('experiences.id').onDelete('cascade'))
    .execute()

  // The profile sections a portfolio shows besides its credentials ('path' | 'goals' | 'languages' | 'availability').
  await db.schema
    .createTable('share_sections')
    .addColumn('share_id', 'text', (c) => c.notNull().references('shares.id').onDelete('cascade'))
    .addColumn('section', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('share_sections_pk', ['share_id', 'section'])
    .execute()

  await db.schema
    .createTable('pilot_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('region', 'text')
    /** 'YYYY-MM-DD' */
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('pilot_actions_org_idx').on('pilot_actions').column('organisation_id').execute()

  // Young people and staff taking part ('youth' | 'counsellor' | 'tutor').
  await db.schema
    .createTable('pilot_members')
    .addColumn('pilot_id', 'text', (c) => c.notNull().references('pilot_actions.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('pilot_members_pk', ['pilot_id', 'user_id'])
    .execute()

  await db.schema
    .createTable('pilot_partners')
    .addColumn('pilot_id', 'text', (c) => c.notNull().references('pilot_actions.id').onDelete('cascade'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('pilot_partners_pk', ['pilot_id', 'organisation_id'])
    .execute()

  await db.schema
    .createTable('bulk_batches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('pilot_id', 'text', (c) => c.references('pilot_actions.id'))
    .addColumn('template_id', 'text', (c) => c.notNull())
    /** 'di' | 'jwt' */
    .addColumn('format', 'text', (c) => c.notNull())
    /** 'csv' | 'selection' */
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text')
    /** 'previewed' (checked, nothing issued) | 'running' | 'done' */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('total_rows', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .execute()
  await db.schema.createIndex('bulk_batches_org_idx').on('bulk_batches').columns(['organisation_id', 'created_at']).execute()

  await db.schema
    .createTable('bulk_rows')
    .addColumn('batch_id', 'text', (c) => c.notNull().references('bulk_batches.id').onDelete('cascade'))
    /** 1-based, as a person reads the CSV (the header is row 0). */
    .addColumn('row_number', 'integer', (c) => c.notNull())
    .addColumn('holder_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('subject_did', 'text')
    /** The row's claims, JSON text, as they will be signed. */
    .addColumn('claims', 'text', (c) => c.notNull())
    /** 'ready' | 'invalid' (found at preview, never issued) | 'issued' | 'failed' (at issue time; may be retried) */
    .addColumn('status', 'text', (c) => c.notNull())
    /** Why the row is invalid or failed: JSON text of field errors or a message. */
    .addColumn('error', 'text')
    .addColumn('credential_id', 'text', (c) => c.unique().references('credentials.id'))
    .addColumn('issued_at', 'text')
    .addPrimaryKeyConstraint('bulk_rows_pk', ['batch_id', 'row_number'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['bulk_rows', 'bulk_batches', 'pilot_partners', 'pilot_members', 'pilot_actions', 'share_sections', 'credential_experiences', 'experiences', 'profile_goals', 'profiles']) {
    await db.schema.dropTable(table).execute()
  }
}
