import { sql, SqliteAdapter, type Kysely } from 'kysely'

// Issue 14 §7 (decision 037): every enum-like text column gets a CHECK constraint naming its
// values, `<table>_<column>_check`. `column IN (…)` is NULL for a NULL value, and a CHECK fails
// only on false: nullable columns stay nullable, NOT NULL ones stay refused by NOT NULL.
//
// The lists are this migration's own copy, as the code wrote them when it landed. db/enums.ts
// holds the live lists; tests/unit/db/enum-checks.test.ts asserts they equal the lists the
// migrations enforce, so a new value needs a new migration (which exports ENUM_CHECKS for the
// columns it changes).
//
// Existing rows are checked first: a value outside its list stops the migration, naming the table,
// the column and the values, before anything is changed. Nothing is rewritten.
//
// PostgreSQL adds the constraints (ALTER TABLE … ADD CONSTRAINT). SQLite cannot add a constraint
// to a table: each table is rebuilt the documented way (sqlite.org/lang_altertable.html, "Making
// Other Kinds Of Table Schema Changes"), generically from its own CREATE TABLE text in
// sqlite_master with the CHECK clauses appended: foreign keys off outside the transaction; in
// one transaction create, copy, drop, rename, recreate the table's indexes and triggers, check
// every foreign key; foreign keys back on.
//
// Frozen once landed: change the schema with a new migration, never by editing this one.
export const ENUM_CHECKS: Record<string, Record<string, readonly string[]>> = {
  organisations: {
    kind: ['youth_support', 'training', 'employer'],
    status: ['pending', 'approved', 'suspended'],
  },
  organisation_events: { action: ['registered', 'approved', 'suspended', 'reinstated', 'key_rotated', 'key_retired'] },
  organisation_dids: { method: ['key', 'web'] },
  users: { role: ['youth', 'counsellor', 'tutor', 'recruiter', 'admin'] },
  credentials: {
    format: ['di', 'jwt'],
    origin: ['issued', 'imported', 'self_declared'],
    remote_status: ['active', 'none', 'revoked', 'suspended', 'invalid'],
    evidence_photo_type: ['image/jpeg', 'image/png', 'image/webp'],
  },
  account_links: {
    purpose: ['activation', 'invitation'],
    role: ['youth', 'counsellor', 'tutor', 'recruiter', 'admin'],
  },
  taxonomy_concepts: { kind: ['skill', 'skill_group', 'occupation', 'key_competence'] },
  status_lists: { purpose: ['revocation', 'suspension'] },
  profiles: { availability: ['now', 'soon', 'later', 'not_looking'] },
  experiences: { kind: ['formal', 'non_formal', 'informal'] },
  share_sections: { section: ['path', 'goals', 'languages', 'availability'] },
  pilot_members: { role: ['youth', 'counsellor', 'tutor'] },
  bulk_batches: {
    format: ['di', 'jwt'],
    source: ['csv', 'selection'],
    status: ['previewed', 'running', 'done'],
    delimiter: [',', ';', '\t'],
  },
  bulk_rows: { status: ['ready', 'invalid', 'issued', 'failed', 'skipped'] },
  skill_stories: {
    status: ['draft', 'requested', 'changes_proposed', 'declined', 'attested', 'self_declared'],
    evidence_level: ['self_declared', 'witnessed', 'assessed'],
  },
  credential_skills: {
    evidence_level: ['self_declared', 'witnessed', 'assessed'],
    skill_level: ['discovering', 'practising', 'autonomous', 'expert'],
  },
  contact_requests: { status: ['pending', 'accepted', 'declined'] },
  reports: { reason: ['spam', 'inappropriate', 'not_a_job', 'other'] },
  consent_events: {
    kind: [
      'directory_opt_in', 'directory_opt_out', 'contact_accepted', 'contact_declined', 'recruiter_blocked',
      'data_exported', 'account_deleted', 'offer_accepted', 'offer_refused',
    ],
  },
  notifications: {
    kind: [
      'contact_request', 'contact_accepted', 'contact_declined', 'contact_message', 'story_request', 'story_answered',
      'story_proposal', 'story_declined', 'story_attested', 'badge', 'offer',
    ],
  },
}

export async function up(db: Kysely<any>): Promise<void> {
  await refuseUnknownValues(db, ENUM_CHECKS)
  if (isSqlite(db)) {
    await rebuildSqliteTables(db, Object.keys(ENUM_CHECKS), (table, create) => appendClauses(create, checkClauses(table)))
    return
  }
  for (const [table, columns] of Object.entries(ENUM_CHECKS)) {
    for (const [column, values] of Object.entries(columns)) {
      await sql.raw(`ALTER TABLE ${ident(table)} ADD CONSTRAINT ${ident(checkName(table, column))} CHECK (${inList(column, values)})`).execute(db)
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isSqlite(db)) {
    await rebuildSqliteTables(db, Object.keys(ENUM_CHECKS), (table, create) => removeClauses(create, checkClauses(table)))
    return
  }
  for (const [table, columns] of Object.entries(ENUM_CHECKS)) {
    for (const column of Object.keys(columns)) {
      await sql.raw(`ALTER TABLE ${ident(table)} DROP CONSTRAINT IF EXISTS ${ident(checkName(table, column))}`).execute(db)
    }
  }
}

const isSqlite = (db: Kysely<any>) => db.getExecutor().adapter instanceof SqliteAdapter
const ident = (name: string) => `"${name.replace(/"/g, '""')}"`
const literal = (value: string) => `'${value.replace(/'/g, "''")}'`
const checkName = (table: string, column: string) => `${table}_${column}_check`
const inList = (column: string, values: readonly string[]) => `${ident(column)} IN (${values.map(literal).join(', ')})`

/** The table constraints this migration adds to `table`, as SQL text (also what `down` takes out). */
function checkClauses(table: string): string[] {
  return Object.entries(ENUM_CHECKS[table] ?? {}).map(([column, values]) => `CONSTRAINT ${ident(checkName(table, column))} CHECK (${inList(column, values)})`)
}

/**
 * Refuses to go on when a row holds a value outside its column's list: names each table, column
 * and value (at most 10 values per column, each cut at 80 characters) with its number of rows.
 */
async function refuseUnknownValues(db: Kysely<any>, checks: typeof ENUM_CHECKS): Promise<void> {
  const problems: string[] = []
  for (const [table, columns] of Object.entries(checks)) {
    for (const [column, values] of Object.entries(columns)) {
      const { rows } = await sql.raw<{ value: unknown; n: number | string }>(
        `SELECT ${ident(column)} AS value, count(*) AS n FROM ${ident(table)} WHERE ${ident(column)} IS NOT NULL AND NOT (${inList(column, values)}) GROUP BY ${ident(column)} ORDER BY 2 DESC LIMIT 10`,
      ).execute(db)
      if (rows.length === 0) continue
      const found = rows.map((r) => `${JSON.stringify(String(r.value).slice(0, 80))} (${Number(r.n)} row${Number(r.n) === 1 ? '' : 's'})`)
      problems.push(`${table}.${column}: ${found.join(', ')}; allowed: ${values.join(', ')}`)
    }
  }
  if (problems.length) {
    throw new Error(
      `Migration 2026_12_08_1500_enum_checks cannot add its CHECK constraints: the database holds values outside the allowed lists (nothing was changed).\n`
      + `${problems.map((p) => `  - ${p}`).join('\n')}\n`
      + 'Correct or remove these rows (they were written by other software or by hand), then start again.',
    )
  }
}

function appendClauses(create: string, clauses: string[]): string {
  const end = create.lastIndexOf(')')
  if (end < 0) throw new Error(`Unexpected table definition: ${create.slice(0, 80)}`)
  return `${create.slice(0, end)}, ${clauses.join(', ')}${create.slice(end)}`
}

function removeClauses(create: string, clauses: string[]): string {
  const text = `, ${clauses.join(', ')}`
  if (!create.includes(text)) throw new Error(`The CHECK constraints of this migration are not in: ${create.slice(0, 80)}`)
  return create.replace(text, '')
}

type SqliteObject = { type: string; name: string; sql: string | null }

/**
 * Rebuilds each of `tables` with the definition `change` makes of its current CREATE TABLE text,
 * keeping every row, index and trigger, in one transaction, then checks every foreign key.
 */
async function rebuildSqliteTables(db: Kysely<any>, tables: string[], change: (table: string, create: string) => string): Promise<void> {
  // The pragma is a no-op inside a transaction: it goes first.
  await sql`PRAGMA foreign_keys = OFF`.execute(db)
  try {
    await db.transaction().execute(async (trx) => {
      for (const table of tables) await rebuildSqliteTable(trx, table, change)
      const { rows: broken } = await sql<Record<string, unknown>>`PRAGMA foreign_key_check`.execute(trx)
      if (broken.length) throw new Error(`Rebuilding the tables broke ${broken.length} foreign key(s), first: ${JSON.stringify(broken[0])}`)
    })
  } finally {
    await sql`PRAGMA foreign_keys = ON`.execute(db)
  }
}

async function rebuildSqliteTable(trx: Kysely<any>, table: string, change: (table: string, create: string) => string): Promise<void> {
  const { rows: objects } = await sql<SqliteObject>`SELECT type, name, sql FROM sqlite_master WHERE tbl_name = ${table} AND sql IS NOT NULL`.execute(trx)
  const create = objects.find((o) => o.type === 'table')?.sql
  if (!create) throw new Error(`No table ${table} to rebuild`)
  const head = /^CREATE TABLE\s+(?:"(?:[^"]|"")+"|`[^`]+`|\[[^\]]+\]|[^\s(]+)\s*\(/i
  if (!head.test(create)) throw new Error(`Unexpected table definition: ${create.slice(0, 80)}`)
  const temporary = `${table}__rebuilt`
  await sql.raw(change(table, create).replace(head, `CREATE TABLE ${ident(temporary)} (`)).execute(trx)
  const { rows: columns } = await sql<{ name: string }>`SELECT name FROM pragma_table_info(${table})`.execute(trx)
  const list = columns.map((c) => ident(c.name)).join(', ')
  await sql.raw(`INSERT INTO ${ident(temporary)} (${list}) SELECT ${list} FROM ${ident(table)}`).execute(trx)
  await sql.raw(`DROP TABLE ${ident(table)}`).execute(trx)
  await sql.raw(`ALTER TABLE ${ident(temporary)} RENAME TO ${ident(table)}`).execute(trx)
  // Automatic indexes (UNIQUE, PRIMARY KEY) come back with the table; the named ones and triggers from their text.
  for (const o of objects) if (o.type === 'index' || o.type === 'trigger') await sql.raw(o.sql!).execute(trx)
}
