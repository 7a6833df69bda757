import type { Kysely } from 'kysely'

// The network, second part: co-written skill stories (a young person's draft, attested by a
// counsellor or an employer tutor, or kept as self-declared), the skills each credential states
// (an index the recruiters' directory searches: one row per skill, with the credential's evidence
// level), the directory itself (opt-in, a pseudonymous handle), contact requests and their message
// threads, blocks and reports, and the consent log.
// Frozen once landed: change the schema with a new migration, never by editing this one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('skill_stories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('youth_user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    /** The skill: an ESCO skill (taxonomy_concepts.uri) or null for one in the young person's own words. */
    .addColumn('skill_uri', 'text')
    .addColumn('skill_label', 'text', (c) => c.notNull())
    /** The guided prompts, in simple words: the situation, what I did, what came of it. */
    .addColumn('situation', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('what_i_did', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('outcome', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('experience_id', 'text', (c) => c.references('experiences.id').onDelete('set null'))
    /** Who is asked to attest it (a counsellor or a tutor) and for which organisation. */
    .addColumn('attester_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('attester_organisation_id', 'text', (c) => c.references('organisations.id'))
    /** 'draft' | 'requested' | 'changes_proposed' | 'declined' | 'attested' | 'self_declared' */
    .addColumn('status', 'text', (c) => c.notNull())
    /** JSON text of the attester's proposed edits ({ skillLabel?, situation, whatIDid, outcome, note }) while 'changes_proposed'. */
    .addColumn('proposal', 'text')
    /** The attester's message when declining. */
    .addColumn('decline_message', 'text')
    /** The credential it became (attested or self-declared). */
    .addColumn('credential_id', 'text', (c) => c.unique().references('credentials.id').onDelete('set null'))
    /** 'self_declared' | 'witnessed' | 'assessed', once it became a credential. */
    .addColumn('evidence_level', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text')
    .addColumn('decided_at', 'text')
    .execute()
  await db.schema.createIndex('skill_stories_youth_idx').on('skill_stories').columns(['youth_user_id', 'updated_at']).execute()
  await db.schema.createIndex('skill_stories_attester_idx').on('skill_stories').columns(['attester_user_id', 'status']).execute()

  // What each credential states, for searching: every aligned skill (targetUrl) and the evidence level.
  await db.schema
    .createTable('credential_skills')
    .addColumn('credential_id', 'text', (c) => c.notNull().references('credentials.id').onDelete('cascade'))
    .addColumn('skill_uri', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    /** 'self_declared' | 'witnessed' | 'assessed', or null when the credential does not say. */
    .addColumn('evidence_level', 'text')
    .addPrimaryKeyConstraint('credential_skills_pk', ['credential_id', 'skill_uri'])
    .execute()
  await db.schema.createIndex('credential_skills_uri_idx').on('credential_skills').column('skill_uri').execute()
  await indexExistingCredentials(db)

  // A young person who chose to be found by recruiters; withdrawing deletes the row.
  await db.schema
    .createTable('directory_entries')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    /** A random pseudonym shown on the blind profile ("Profil 7K3P"): never derived from the account. */
    .addColumn('handle', 'text', (c) => c.notNull().unique())
    .addColumn('opted_in_at', 'text', (c) => c.notNull())
    .execute()

  // One request per recruiter and young person, ever: declined stays declined.
  await db.schema
    .createTable('contact_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('youth_user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('recruiter_user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('recruiter_organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('message', 'text', (c) => c.notNull())
    /** 'pending' | 'accepted' | 'declined' */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addUniqueConstraint('contact_requests_pair_uq', ['youth_user_id', 'recruiter_user_id'])
    .execute()
  await db.schema.createIndex('contact_requests_recruiter_idx').on('contact_requests').columns(['recruiter_user_id', 'created_at']).execute()

  await db.schema
    .createTable('contact_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contact_requests.id').onDelete('cascade'))
    .addColumn('sender_user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute()
  await db.schema.createIndex('contact_messages_contact_idx').on('contact_messages').columns(['contact_id', 'created_at']).execute()

  // A young person blocking a recruiter: no more requests, no more messages either way.
  await db.schema
    .createTable('blocks')
    .addColumn('youth_user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('recruiter_user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('blocks_pk', ['youth_user_id', 'recruiter_user_id'])
    .execute()

  // A report about a recruiter, for the admin. It outlives the reporter's account (the reporter
  // is then unlinked): it is about the recruiter's conduct.
  await db.schema
    .createTable('reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reporter_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('recruiter_user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('contact_id', 'text', (c) => c.references('contact_requests.id').onDelete('set null'))
    /** 'spam' | 'inappropriate' | 'not_a_job' | 'other' */
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text')
    .addColumn('resolved_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('resolution_note', 'text')
    .execute()
  await db.schema.createIndex('reports_open_idx').on('reports').columns(['resolved_at', 'created_at']).execute()

  // The consent log: what a young person agreed to or withdrew, and when. `user_id` null only for
  // the 'account_deleted' entry written after the account and its own entries are gone.
  await db.schema
    .createTable('consent_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
    /** 'directory_opt_in' | 'directory_opt_out' | 'contact_accepted' | 'contact_declined' | 'recruiter_blocked' | 'data_exported' | 'account_deleted' */
    .addColumn('kind', 'text', (c) => c.notNull())
    /** JSON text: what it was about (a contact request id, the recruiter's organisation), never secrets. */
    .addColumn('detail', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('consent_events_user_idx').on('consent_events').columns(['user_id', 'at']).execute()
}

/**
 * The skills of the credentials stored before this migration. Self-contained (a frozen migration
 * must not follow later library code): JSON or a VC-JWT's `vc` claim, every `alignment[]` of the
 * achievement with a targetUrl. None of them states an evidence level: they were issued before there was one.
 */
async function indexExistingCredentials(db: Kysely<any>): Promise<void> {
  const rows: { id: string; document: string }[] = await db.selectFrom('credentials').select(['id', 'document']).execute()
  for (const row of rows) {
    const skills = new Map<string, string>()
    for (const a of alignmentsOf(row.document)) {
      if (typeof a?.targetUrl === 'string' && a.targetUrl && !skills.has(a.targetUrl)) skills.set(a.targetUrl, String(a.targetName ?? a.targetUrl).slice(0, 500))
    }
    if (skills.size) {
      await db.insertInto('credential_skills').values([...skills].map(([skill_uri, label]) => ({ credential_id: row.id, skill_uri, label, evidence_level: null }))).execute()
    }
  }
}

function alignmentsOf(document: string): any[] {
  let credential: any
  try {
    if (document.trimStart().startsWith('{')) credential = JSON.parse(document)
    else credential = JSON.parse(Buffer.from(document.split('.')[1] ?? '', 'base64url').toString('utf8')).vc
  } catch {
    return []
  }
  const subjects = Array.isArray(credential?.credentialSubject) ? credential.credentialSubject : [credential?.credentialSubject]
  return subjects.flatMap((s: any) => (Array.isArray(s?.achievement?.alignment) ? s.achievement.alignment : []))
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['consent_events', 'reports', 'blocks', 'contact_messages', 'contact_requests', 'directory_entries', 'credential_skills', 'skill_stories']) {
    await db.schema.dropTable(table).execute()
  }
}
