import type { Insertable } from 'kysely'
import type { Db } from '@/db/client'
import type { BulkBatchesTable, BulkRowsTable } from '@/db/schema'

// Bulk batches and their rows (decision 012). Kysely only: the rules, and why a row can never be
// issued twice, are in service.ts and issue-rows.ts.

/** The batch, when it belongs to the organisation. */
export function findBatchOf(db: Db, organisationId: string, batchId: string) {
  return db.selectFrom('bulk_batches').selectAll().where('id', '=', batchId).where('organisation_id', '=', organisationId).executeTakeFirst()
}

export function getBatchTotals(db: Db, batchId: string) {
  return db.selectFrom('bulk_batches').select(['id', 'status', 'total_rows']).where('id', '=', batchId).executeTakeFirstOrThrow()
}

/** How many rows of the batch are in each status. */
export function countRowsByStatus(db: Db, batchId: string) {
  return db.selectFrom('bulk_rows').select((eb) => ['status', eb.fn.countAll<number | string>().as('n')])
    .where('batch_id', '=', batchId).groupBy('status').execute()
}

/** The batch's rows in row order, with the person each names (when one was found). */
export function listRowsWithPeople(db: Db, batchId: string) {
  return db.selectFrom('bulk_rows').leftJoin('users', 'users.id', 'bulk_rows.holder_user_id')
    .select(['bulk_rows.row_number', 'bulk_rows.status', 'bulk_rows.error', 'bulk_rows.claims', 'bulk_rows.credential_id', 'bulk_rows.duplicate', 'bulk_rows.reissue', 'users.username', 'users.display_name'])
    .where('bulk_rows.batch_id', '=', batchId).orderBy('bulk_rows.row_number').execute()
}

/** previewed → running (a batch already started is left as it is). */
export async function startBatch(db: Db, batchId: string, at: string) {
  await db.updateTable('bulk_batches').set({ status: 'running', started_at: at }).where('id', '=', batchId).where('status', '=', 'previewed').execute()
}

/** The next `limit` rows still ready, in row order. */
export function listReadyRows(db: Db, batchId: string, limit: number) {
  return db.selectFrom('bulk_rows').select(['row_number', 'holder_user_id', 'subject_did', 'claims', 'reissue'])
    .where('batch_id', '=', batchId).where('status', '=', 'ready').orderBy('row_number').limit(limit).execute()
}

/** → done, once (a batch already done keeps its first finish time). */
export async function finishBatch(db: Db, batchId: string, at: string) {
  await db.updateTable('bulk_batches').set({ status: 'done', finished_at: at }).where('id', '=', batchId).where('status', '!=', 'done').execute()
}

export function findRowError(db: Db, batchId: string, rowNumber: number) {
  return db.selectFrom('bulk_rows').select('error').where('batch_id', '=', batchId).where('row_number', '=', rowNumber).executeTakeFirst()
}

/** ready → failed with its error (a row issued meanwhile stays issued). */
export async function markReadyRowFailed(db: Db, batchId: string, rowNumber: number, error: string) {
  await db.updateTable('bulk_rows').set({ status: 'failed', error })
    .where('batch_id', '=', batchId).where('row_number', '=', rowNumber).where('status', '=', 'ready').execute()
}

/** failed → ready for every failed row of the batch; returns how many. */
export async function requeueFailedRows(db: Db, batchId: string): Promise<number> {
  const result = await db.updateTable('bulk_rows').set({ status: 'ready' }).where('batch_id', '=', batchId).where('status', '=', 'failed').executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/** The batch runs again (rows were put back in line). */
export async function reopenBatch(db: Db, batchId: string) {
  await db.updateTable('bulk_batches').set({ status: 'running', finished_at: null }).where('id', '=', batchId).execute()
}

/** A pilot's batches, newest first. */
export function listBatchesOfPilot(db: Db, pilotId: string, limit: number) {
  return db.selectFrom('bulk_batches').select(['id', 'status', 'total_rows', 'source', 'file_name', 'created_at'])
    .where('pilot_id', '=', pilotId).orderBy('created_at', 'desc').limit(limit).execute()
}

export async function insertBatch(db: Db, batch: Insertable<BulkBatchesTable>) {
  await db.insertInto('bulk_batches').values(batch).execute()
}

export async function insertRows(db: Db, rows: Insertable<BulkRowsTable>[]) {
  await db.insertInto('bulk_rows').values(rows).execute()
}

/** ready → issued with its credential, in the transaction that stores the credential; returns 1, or 0 when the row was issued already. */
export async function markRowIssued(db: Db, batchId: string, rowNumber: number, credentialId: string, at: string): Promise<number> {
  const result = await db.updateTable('bulk_rows').set({ status: 'issued', credential_id: credentialId, issued_at: at, error: null })
    .where('batch_id', '=', batchId).where('row_number', '=', rowNumber).where('status', 'in', ['ready', 'failed'])
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/** ready → skipped as a repeat (unless the counsellor chose to issue it again). */
export async function markReadyRowSkipped(db: Db, batchId: string, rowNumber: number, duplicate: string) {
  await db.updateTable('bulk_rows').set({ status: 'skipped', duplicate })
    .where('batch_id', '=', batchId).where('row_number', '=', rowNumber).where('status', '=', 'ready').where('reissue', '=', 0).execute()
}

/** Which of these rows are still ready. */
export function listStillReady(db: Db, batchId: string, rowNumbers: number[]) {
  return db.selectFrom('bulk_rows').select('row_number').where('batch_id', '=', batchId).where('status', '=', 'ready')
    .where('row_number', 'in', rowNumbers).execute()
}

/** Repeats (rows with a duplicate) put back in line (`issue`: skipped → ready, reissue 1) or taken out (ready → skipped); all of them, or `rows`. Returns how many changed. */
export async function setRepeatChoice(db: Db, batchId: string, issue: boolean, rows?: number[]): Promise<number> {
  let update = db.updateTable('bulk_rows').set(issue ? { status: 'ready', reissue: 1 } : { status: 'skipped', reissue: 0 })
    .where('batch_id', '=', batchId).where('duplicate', 'is not', null).where('status', '=', issue ? 'skipped' : 'ready')
  if (rows) update = update.where('row_number', 'in', rows)
  const result = await update.executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/** A finished batch runs again (repeats were put back in line). */
export async function reopenFinishedBatch(db: Db, batchId: string) {
  await db.updateTable('bulk_batches').set({ status: 'running', finished_at: null }).where('id', '=', batchId).where('status', '=', 'done').execute()
}

/** The first `limit` ready rows with their person, for the preview's sample. */
export function listReadySample(db: Db, batchId: string, limit: number) {
  return db.selectFrom('bulk_rows').innerJoin('users', 'users.id', 'bulk_rows.holder_user_id')
    .select(['bulk_rows.row_number', 'bulk_rows.claims', 'bulk_rows.subject_did', 'users.username', 'users.display_name'])
    .where('bulk_rows.batch_id', '=', batchId).where('bulk_rows.status', '=', 'ready').orderBy('bulk_rows.row_number').limit(limit).execute()
}

export async function countReadyRows(db: Db, batchId: string): Promise<number> {
  const { n } = await db.selectFrom('bulk_rows').select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('batch_id', '=', batchId).where('status', '=', 'ready').executeTakeFirstOrThrow()
  return Number(n)
}

/** The organisation's young people (onboarded there). */
export function listYouthOf(db: Db, organisationId: string) {
  return db.selectFrom('users').select(['id', 'username', 'email', 'did', 'display_name'])
    .where('organisation_id', '=', organisationId).where('role', '=', 'youth').execute()
}

/** Those of `ids` who are young people of the pilot action and of the organisation. */
export function listPilotYouth(db: Db, pilotId: string, organisationId: string, ids: string[]) {
  return db.selectFrom('pilot_members').innerJoin('users', 'users.id', 'pilot_members.user_id')
    .select(['users.id', 'users.username', 'users.email', 'users.did', 'users.display_name'])
    .where('pilot_members.pilot_id', '=', pilotId).where('pilot_members.role', '=', 'youth')
    .where('users.organisation_id', '=', organisationId).where('users.id', 'in', ids).execute()
}

/** A skill or key competence named by its URI: its labels in every language. */
export function listSkillLabelsByUri(db: Db, uri: string) {
  return db.selectFrom('taxonomy_concepts').innerJoin('taxonomy_labels', 'taxonomy_labels.uri', 'taxonomy_concepts.uri')
    .select(['taxonomy_concepts.uri', 'taxonomy_concepts.kind', 'taxonomy_concepts.framework', 'taxonomy_concepts.code', 'taxonomy_labels.label', 'taxonomy_labels.lang'])
    .where('taxonomy_concepts.uri', '=', uri).where('taxonomy_concepts.kind', 'in', ['skill', 'key_competence']).execute()
}

/** A skill or key competence whose label is `label` (case ignored), a label in `lang` first. */
export function findSkillByLabel(db: Db, label: string, lang: string) {
  return db.selectFrom('taxonomy_labels').innerJoin('taxonomy_concepts', 'taxonomy_concepts.uri', 'taxonomy_labels.uri')
    .select(['taxonomy_concepts.uri', 'taxonomy_concepts.kind', 'taxonomy_concepts.framework', 'taxonomy_concepts.code', 'taxonomy_labels.label'])
    .where((eb) => eb(eb.fn('lower', ['taxonomy_labels.label']), '=', label.toLowerCase()))
    .where('taxonomy_concepts.kind', 'in', ['skill', 'key_competence'])
    .orderBy((eb) => eb.case().when('taxonomy_labels.lang', '=', lang).then(0).else(1).end())
    .executeTakeFirst()
}

/** The organisation's skill badges these young people hold now (not revoked, not expired), oldest first. */
export function listHeldSkillBadges(db: Db, organisationId: string, holderIds: string[], nowIso: string, exceptCredentialId?: string) {
  let query = db.selectFrom('credentials').leftJoin('credential_status', 'credential_status.credential_id', 'credentials.id')
    .select(['credentials.id', 'credentials.holder_user_id', 'credentials.valid_from'])
    .where('credentials.holder_user_id', 'in', holderIds)
    .where('credentials.issuer_organisation_id', '=', organisationId).where('credentials.template_id', '=', 'skill-badge')
    .where('credential_status.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('credentials.valid_until', 'is', null), eb('credentials.valid_until', '>', nowIso)]))
  if (exceptCredentialId) query = query.where('credentials.id', '!=', exceptCredentialId)
  return query.orderBy('credentials.valid_from').execute()
}

export function listCredentialDocuments(db: Db, ids: string[]) {
  return db.selectFrom('credentials').select(['id', 'document', 'format']).where('id', 'in', ids).execute()
}
