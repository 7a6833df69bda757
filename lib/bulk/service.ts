import { randomUUID } from 'node:crypto'
import type { SessionUser } from '@/lib/auth/sessions'
import { AppError, ValidationError, type FieldError } from '@/lib/errors'
import { conceptToAlignment, formToClaims, messageKey, type FormValues } from '@/lib/issuing/issue-form'
import { validateIssueClaims } from '@/lib/issuing/staff'
import { pilotOrThrow } from '@/lib/pilots/service'
import { ensureBuiltinTaxonomies } from '@/lib/taxonomy/builtin'
import type { Runtime } from '@/lib/runtime'
import { issueRows, type IssueRowsContext } from './issue-rows'
import { BULK_COLUMNS, parseBulkCsv, toCsv, type BulkColumn, type CsvFileError, type CsvRecord } from './csv'

// Bulk issuing of skill badges from a pilot action (decision 012):
//   1. preview: every row is checked (person, claims against the template's JSON Schema and
//      rules, duplicates) and stored as a batch — nothing is signed;
//   2. issue: the browser asks for one chunk at a time (issueNextChunk, bounded in time); each
//      credential is written in the SAME transaction that marks its row issued, and that update
//      only matches a row still 'ready' or 'failed': a retried, concurrent or resumed chunk can
//      never give a row two credentials;
//   3. report: one line per row (issued with its credential, or why not), also as CSV.

export const TEMPLATE_ID = 'skill-badge'
/**
 * Rows signed one after the other and committed in one transaction: one commit (and a handful of
 * statements) per group instead of per row; small enough that the time budget is checked often
 * (a group takes well under a second) and that a group lost to a crash costs little to re-sign.
 */
const GROUP_SIZE = 20
/** A chunk stops taking new rows after this long (one request stays well under ~20 s). */
export const CHUNK_BUDGET_MS = 8000

/** Why a row cannot be issued: the CSV column and a message key of `pilots.rowErrors` ("tooLong:300" carries its number). */
export interface RowError { column: BulkColumn | 'row'; key: string }

export interface BulkProgressDto {
  batchId: string
  status: 'previewed' | 'running' | 'done'
  total: number
  ready: number
  issued: number
  failed: number
  invalid: number
}

export interface BulkRowDto {
  rowNumber: number
  person: string
  displayName: string | null
  skill: string
  level: string
  status: 'ready' | 'invalid' | 'issued' | 'failed'
  errors: RowError[]
  credentialId: string | null
}

export interface BulkBatchDto extends BulkProgressDto {
  pilotId: string
  source: string
  fileName: string | null
  createdAt: string
  rows: BulkRowDto[]
}

/** The interruption hook of tests: called before each row is issued; throwing stops the chunk there. */
export type BeforeRow = (rowNumber: number) => void | Promise<void>

interface Person { id: string; username: string; email: string | null; did: string | null; display_name: string }

/** The young people of the organisation (onboarded there), by username, e-mail and DID. */
async function peopleIndex(rt: Pick<Runtime, 'db'>, organisationId: string) {
  const people = await rt.db.selectFrom('users').select(['id', 'username', 'email', 'did', 'display_name'])
    .where('organisation_id', '=', organisationId).where('role', '=', 'youth').execute()
  const index = new Map<string, Person>()
  for (const p of people) {
    index.set(p.username.toLowerCase(), p)
    if (p.email) index.set(p.email.toLowerCase(), p)
    if (p.did) index.set(p.did, p)
  }
  return index
}

/** A skill given as a taxonomy URI (must be known) or as a label (matched to a concept when one has exactly that name). */
async function resolveSkill(rt: Pick<Runtime, 'db'>, value: string, lang: string) {
  if (/^https?:\/\//i.test(value)) {
    const rows = await rt.db.selectFrom('taxonomy_concepts').innerJoin('taxonomy_labels', 'taxonomy_labels.uri', 'taxonomy_concepts.uri')
      .select(['taxonomy_concepts.uri', 'taxonomy_concepts.kind', 'taxonomy_concepts.framework', 'taxonomy_concepts.code', 'taxonomy_labels.label', 'taxonomy_labels.lang'])
      .where('taxonomy_concepts.uri', '=', value).where('taxonomy_concepts.kind', 'in', ['skill', 'key_competence']).execute()
    const row = rows.find((r) => r.lang === lang) ?? rows.find((r) => r.lang === 'en') ?? rows[0]
    return row ? { name: row.label, alignment: conceptToAlignment(row) } : undefined
  }
  const row = await rt.db.selectFrom('taxonomy_labels').innerJoin('taxonomy_concepts', 'taxonomy_concepts.uri', 'taxonomy_labels.uri')
    .select(['taxonomy_concepts.uri', 'taxonomy_concepts.kind', 'taxonomy_concepts.framework', 'taxonomy_concepts.code', 'taxonomy_labels.label'])
    .where((eb) => eb(eb.fn('lower', ['taxonomy_labels.label']), '=', value.toLowerCase()))
    .where('taxonomy_concepts.kind', 'in', ['skill', 'key_competence'])
    .orderBy((eb) => eb.case().when('taxonomy_labels.lang', '=', lang).then(0).else(1).end())
    .executeTakeFirst()
  return { name: value, alignment: row ? conceptToAlignment(row) : undefined }
}

const LEVEL_ALIASES: Record<string, string> = { '1': 'discovering', '2': 'practising', '3': 'autonomous', '4': 'expert' }
/** The `evidence_level` column: how the organisation knows (optional; witnessed when empty). Self-declared is not theirs to state. */
const CSV_EVIDENCE_LEVELS = ['witnessed', 'assessed']

/** JSON pointers of the skill-badge claims → the CSV column they came from. */
function columnForPointer(path: string): BulkColumn | 'row' {
  if (path.startsWith('/evidenceLevel')) return 'evidence_level'
  if (path.startsWith('/skill')) return 'skill'
  if (path.startsWith('/level')) return 'level'
  if (path.startsWith('/criteria')) return 'observation'
  if (path.startsWith('/evidence')) return 'evidence_url'
  if (path.startsWith('/validUntil')) return 'valid_until'
  if (path.startsWith('/language')) return 'language'
  return 'row'
}

const schemaErrors = (errors: FieldError[]): RowError[] => errors.map((e) => ({ column: columnForPointer(e.path), key: messageKey(e.message) }))

/** One CSV row as skill-badge claims, checked exactly as the issuing form checks them. */
async function checkCsvRow(rt: Pick<Runtime, 'db'>, row: CsvRecord, people: Map<string, Person>, uiLocale: string, now: Date) {
  const errors: RowError[] = []
  const who = row.person ?? ''
  const person = who ? people.get(who.startsWith('did:') ? who : who.toLowerCase()) : undefined
  if (!who) errors.push({ column: 'person', key: 'required' })
  else if (!person) errors.push({ column: 'person', key: 'personNotFound' })
  else if (!person.did) errors.push({ column: 'person', key: 'personNoWallet' })

  const language = row.language?.toLowerCase() || uiLocale
  if (row.language && !['fr', 'en'].includes(language)) errors.push({ column: 'language', key: 'invalidLanguage' })
  let skill: { name: string; alignment?: ReturnType<typeof conceptToAlignment> } | undefined
  if (row.skill) {
    skill = await resolveSkill(rt, row.skill, language)
    if (!skill) errors.push({ column: 'skill', key: 'skillUnknownUri' })
  }
  const levelIn = (row.level ?? '').toLowerCase()
  const level = LEVEL_ALIASES[levelIn] ?? levelIn
  const validUntil = row.valid_until
  if (validUntil && !/^\d{4}-\d{2}-\d{2}$/.test(validUntil)) errors.push({ column: 'valid_until', key: 'invalidDate' })
  const evidenceLevel = (row.evidence_level ?? '').toLowerCase() || 'witnessed'
  if (!CSV_EVIDENCE_LEVELS.includes(evidenceLevel)) errors.push({ column: 'evidence_level', key: 'invalidEvidenceLevel' })
  const claims = Object.fromEntries(Object.entries({
    skill: skill ? Object.fromEntries(Object.entries({ name: skill.name, alignment: skill.alignment ? [skill.alignment] : undefined }).filter(([, v]) => v !== undefined)) : row.skill === '' || row.skill === undefined ? undefined : { name: row.skill },
    level: level || undefined,
    criteria: row.observation ?? '',
    evidenceLevel: CSV_EVIDENCE_LEVELS.includes(evidenceLevel) ? evidenceLevel : undefined,
    evidence: row.evidence_url ? [{ narrative: row.observation ?? '', url: row.evidence_url }] : undefined,
    language: ['fr', 'en'].includes(language) ? language : undefined,
    validUntil: validUntil && /^\d{4}-\d{2}-\d{2}$/.test(validUntil) ? `${validUntil}T23:59:59Z` : undefined,
  }).filter(([, v]) => v !== undefined))
  if (!errors.some((e) => e.column === 'skill' || e.column === 'language' || e.column === 'valid_until' || e.column === 'evidence_level')) {
    errors.push(...schemaErrors(validateIssueClaims(TEMPLATE_ID, claims, now)))
  }
  return { person, claims, errors: dedupe(errors) }
}

const dedupe = (errors: RowError[]) => errors.filter((e, i) => errors.findIndex((f) => f.column === e.column && f.key === e.key) === i)

export type PreviewResult = { ok: true; batchId: string } | { ok: false; error: CsvFileError }

/**
 * Checks an uploaded CSV and stores it as a previewed batch: ready rows and invalid ones with
 * their reasons. Nothing is signed.
 * @throws AppError FORBIDDEN (not a counsellor of an approved organisation), NOT_FOUND (pilot).
 */
export async function previewCsvBatch(rt: Pick<Runtime, 'db'>, actor: SessionUser, input: { pilotId: string; fileName: string; text: string; uiLocale?: string; now?: Date }): Promise<PreviewResult> {
  const { org, pilot } = await pilotOrThrow(rt, actor, input.pilotId)
  const parsed = await parseBulkCsv(input.text)
  if (!parsed.ok) return parsed
  await ensureBuiltinTaxonomies(rt.db)
  const now = input.now ?? new Date()
  const people = await peopleIndex(rt, org.id)
  const seen = new Map<string, number>()
  const rows = []
  for (const [i, record] of parsed.rows.entries()) {
    const checked = await checkCsvRow(rt, record, people, input.uiLocale ?? actor.locale ?? 'fr', now)
    const rowNumber = i + 1
    if (checked.person && record.skill) {
      const key = `${checked.person.id}\u0000${((checked.claims.skill as { name?: string } | undefined)?.name ?? record.skill).toLowerCase()}`
      const first = seen.get(key)
      if (first) checked.errors.push({ column: 'row', key: `duplicate:${first}` })
      else seen.set(key, rowNumber)
    }
    rows.push({ rowNumber, record, ...checked })
  }
  return { ok: true, batchId: await storeBatch(rt, actor, org.id, pilot.id, 'csv', input.fileName.slice(0, 200), rows, now) }
}

/**
 * The same badge for chosen young people of the pilot (those with a wallet); the claims come from
 * the issuing form's fields (skill, skillConcept, level, criteria, evidenceUrl, language).
 * @throws AppError FORBIDDEN, NOT_FOUND (pilot, or someone not a young member of it); ValidationError (claims).
 */
export async function previewSelectionBatch(rt: Pick<Runtime, 'db'>, actor: SessionUser, input: { pilotId: string; userIds: string[]; values: FormValues; uiLocale?: string; now?: Date }): Promise<{ batchId: string }> {
  const { org, pilot } = await pilotOrThrow(rt, actor, input.pilotId)
  const ids = [...new Set(input.userIds)]
  if (!ids.length) throw new ValidationError('Choose at least one young person', [{ path: '/userIds', message: 'is required' }])
  if (ids.length > 1000) throw new AppError('BAD_REQUEST', 'At most 1,000 young people at once')
  const now = input.now ?? new Date()
  const claims = formToClaims(TEMPLATE_ID, input.values, input.uiLocale ?? 'fr')
  const errors = validateIssueClaims(TEMPLATE_ID, claims, now)
  if (errors.length) throw new ValidationError('Invalid claims', errors)
  const people = await rt.db.selectFrom('pilot_members').innerJoin('users', 'users.id', 'pilot_members.user_id')
    .select(['users.id', 'users.username', 'users.email', 'users.did', 'users.display_name'])
    .where('pilot_members.pilot_id', '=', pilot.id).where('pilot_members.role', '=', 'youth')
    .where('users.organisation_id', '=', org.id).where('users.id', 'in', ids).execute()
  if (people.length !== ids.length) throw new AppError('NOT_FOUND', 'Someone is not a young person of this pilot action')
  const byId = new Map(people.map((p) => [p.id, p]))
  const rows = ids.map((id, i) => {
    const person = byId.get(id)!
    return { rowNumber: i + 1, record: { person: person.username } as CsvRecord, person, claims, errors: person.did ? [] : [{ column: 'person' as const, key: 'personNoWallet' }] }
  })
  return { batchId: await storeBatch(rt, actor, org.id, pilot.id, 'selection', null, rows, now) }
}

async function storeBatch(
  rt: Pick<Runtime, 'db'>, actor: SessionUser, organisationId: string, pilotId: string, source: 'csv' | 'selection', fileName: string | null,
  rows: { rowNumber: number; record: CsvRecord; person?: Person; claims: Record<string, unknown>; errors: RowError[] }[], now: Date,
): Promise<string> {
  const id = randomUUID()
  await rt.db.transaction().execute(async (trx) => {
    await trx.insertInto('bulk_batches').values({
      id, organisation_id: organisationId, pilot_id: pilotId, template_id: TEMPLATE_ID, format: 'di', source, file_name: fileName,
      status: 'previewed', total_rows: rows.length, created_by: actor.id, created_at: now.toISOString(),
    }).execute()
    for (let i = 0; i < rows.length; i += 100) {
      await trx.insertInto('bulk_rows').values(rows.slice(i, i + 100).map((r) => ({
        batch_id: id, row_number: r.rowNumber,
        holder_user_id: r.person?.id ?? null, subject_did: r.person?.did ?? null,
        claims: JSON.stringify(r.claims),
        status: r.errors.length ? 'invalid' : 'ready',
        // What the row said is kept with its reasons, for the report of a row that names nobody.
        error: r.errors.length ? JSON.stringify({ errors: r.errors, input: r.record }) : JSON.stringify({ input: r.record }),
      }))).execute()
    }
  })
  return id
}

/** The batch, in the actor's organisation and one of its pilots. @throws AppError FORBIDDEN, NOT_FOUND */
async function batchOrThrow(rt: Pick<Runtime, 'db'>, actor: SessionUser, batchId: string) {
  if (actor.role !== 'counsellor' || !actor.organisationId) throw new AppError('FORBIDDEN', 'Only a counsellor issues in bulk')
  const batch = typeof batchId === 'string' && batchId.length <= 100
    ? await rt.db.selectFrom('bulk_batches').selectAll().where('id', '=', batchId).where('organisation_id', '=', actor.organisationId).executeTakeFirst()
    : undefined
  if (!batch || !batch.pilot_id) throw new AppError('NOT_FOUND', 'No such batch')
  const { org } = await pilotOrThrow(rt, actor, batch.pilot_id)
  return { batch, org }
}

async function progressOf(rt: Pick<Runtime, 'db'>, batchId: string): Promise<BulkProgressDto> {
  const batch = await rt.db.selectFrom('bulk_batches').select(['id', 'status', 'total_rows']).where('id', '=', batchId).executeTakeFirstOrThrow()
  const counts = await rt.db.selectFrom('bulk_rows').select((eb) => ['status', eb.fn.countAll<number | string>().as('n')])
    .where('batch_id', '=', batchId).groupBy('status').execute()
  const n = (s: string) => Number(counts.find((c) => c.status === s)?.n ?? 0)
  return { batchId, status: batch.status as BulkProgressDto['status'], total: batch.total_rows, ready: n('ready'), issued: n('issued'), failed: n('failed'), invalid: n('invalid') }
}

export async function getBatchProgress(rt: Pick<Runtime, 'db'>, actor: SessionUser, batchId: string): Promise<BulkProgressDto> {
  const { batch } = await batchOrThrow(rt, actor, batchId)
  return progressOf(rt, batch.id)
}

function parseError(text: string | null): { errors: RowError[]; input: CsvRecord } {
  if (!text) return { errors: [], input: {} }
  try {
    const parsed = JSON.parse(text) as { errors?: RowError[]; input?: CsvRecord; message?: string }
    return { errors: parsed.errors ?? (parsed.message ? [{ column: 'row', key: parsed.message }] : []), input: parsed.input ?? {} }
  } catch {
    return { errors: [{ column: 'row', key: 'issueFailed' }], input: {} }
  }
}

export async function getBatch(rt: Pick<Runtime, 'db'>, actor: SessionUser, batchId: string): Promise<BulkBatchDto> {
  const { batch } = await batchOrThrow(rt, actor, batchId)
  const rows = await rt.db.selectFrom('bulk_rows').leftJoin('users', 'users.id', 'bulk_rows.holder_user_id')
    .select(['bulk_rows.row_number', 'bulk_rows.status', 'bulk_rows.error', 'bulk_rows.claims', 'bulk_rows.credential_id', 'users.username', 'users.display_name'])
    .where('bulk_rows.batch_id', '=', batch.id).orderBy('bulk_rows.row_number').execute()
  const progress = await progressOf(rt, batch.id)
  return {
    ...progress, pilotId: batch.pilot_id!, source: batch.source, fileName: batch.file_name, createdAt: batch.created_at,
    rows: rows.map((r) => {
      const { errors, input } = parseError(r.error)
      const claims = JSON.parse(r.claims) as { skill?: { name?: string }; level?: string }
      return {
        rowNumber: r.row_number, person: input.person ?? r.username ?? '', displayName: r.display_name ?? null,
        skill: claims.skill?.name ?? input.skill ?? '', level: claims.level ?? input.level ?? '',
        status: r.status as BulkRowDto['status'], errors, credentialId: r.credential_id,
      }
    }),
  }
}

/**
 * Issues the batch's ready rows in row order until none is left or the time budget is spent,
 * and returns the progress. The first call starts a previewed batch; the call that finds no
 * ready row left marks it done. Safe to call again after any interruption, and concurrently.
 * @throws AppError FORBIDDEN (role; organisation no longer approved — the row stays ready), NOT_FOUND.
 */
export async function issueNextChunk(rt: Runtime, actor: SessionUser, batchId: string, options: { budgetMs?: number; maxRows?: number; beforeRow?: BeforeRow; now?: Date } = {}): Promise<BulkProgressDto> {
  const { batch, org } = await batchOrThrow(rt, actor, batchId)
  if (batch.status === 'done') return progressOf(rt, batch.id)
  if (batch.status === 'previewed') {
    await rt.db.updateTable('bulk_batches').set({ status: 'running', started_at: new Date().toISOString() }).where('id', '=', batch.id).where('status', '=', 'previewed').execute()
  }
  const started = Date.now()
  const budget = options.budgetMs ?? CHUNK_BUDGET_MS
  const maxRows = options.maxRows ?? Infinity
  // Still young people of this organisation, with the same wallet, now.
  const current = await peopleIndex(rt, org.id)
  const ctx: IssueRowsContext = {
    batch, organisationId: org.id, actor, current, now: options.now, schemaErrors: (e) => schemaErrors(e.fieldErrors),
    markFailed: (rowNumber, errors) => markFailed(rt, batch.id, rowNumber, errors),
  }
  let done = 0
  while (done < maxRows && Date.now() - started < budget) {
    const rows = await rt.db.selectFrom('bulk_rows').select(['row_number', 'holder_user_id', 'subject_did', 'claims'])
      .where('batch_id', '=', batch.id).where('status', '=', 'ready').orderBy('row_number').limit(Math.min(GROUP_SIZE, maxRows - done)).execute()
    if (!rows.length) break
    // The interruption hook runs before each row; rows before the one it stops at are issued first.
    const stopAt = await interruption(rows, options.beforeRow)
    const group = stopAt ? rows.slice(0, stopAt.index) : rows
    done += group.length
    await issueRows(rt, ctx, group)
    if (stopAt) throw stopAt.error
  }
  const progress = await progressOf(rt, batch.id)
  if (progress.ready === 0) {
    await rt.db.updateTable('bulk_batches').set({ status: 'done', finished_at: new Date().toISOString() }).where('id', '=', batch.id).where('status', '!=', 'done').execute()
    return { ...progress, status: 'done' }
  }
  return { ...progress, status: 'running' }
}

/** Where `beforeRow` throws among `rows`, if it does. */
async function interruption(rows: { row_number: number }[], beforeRow?: BeforeRow): Promise<{ index: number; error: unknown } | undefined> {
  if (!beforeRow) return undefined
  for (const [index, row] of rows.entries()) {
    try {
      await beforeRow(row.row_number)
    } catch (error) {
      return { index, error }
    }
  }
  return undefined
}

async function markFailed(rt: Pick<Runtime, 'db'>, batchId: string, rowNumber: number, errors: RowError[]) {
  const row = await rt.db.selectFrom('bulk_rows').select('error').where('batch_id', '=', batchId).where('row_number', '=', rowNumber).executeTakeFirst()
  const { input } = parseError(row?.error ?? null)
  await rt.db.updateTable('bulk_rows').set({ status: 'failed', error: JSON.stringify({ errors, input }) })
    .where('batch_id', '=', batchId).where('row_number', '=', rowNumber).where('status', '=', 'ready').execute()
}

/** Puts the failed rows back in line (their cause fixed, e.g. a wallet activated) and reopens the batch. */
export async function retryFailedRows(rt: Pick<Runtime, 'db'>, actor: SessionUser, batchId: string): Promise<BulkProgressDto> {
  const { batch } = await batchOrThrow(rt, actor, batchId)
  const result = await rt.db.updateTable('bulk_rows').set({ status: 'ready' }).where('batch_id', '=', batch.id).where('status', '=', 'failed').executeTakeFirst()
  if (Number(result.numUpdatedRows) > 0) await rt.db.updateTable('bulk_batches').set({ status: 'running', finished_at: null }).where('id', '=', batch.id).execute()
  return progressOf(rt, batch.id)
}

/** The batches of a pilot, newest first. */
export async function listBatches(rt: Pick<Runtime, 'db'>, actor: SessionUser, pilotId: string) {
  const { pilot } = await pilotOrThrow(rt, actor, pilotId)
  const batches = await rt.db.selectFrom('bulk_batches').select(['id', 'status', 'total_rows', 'source', 'file_name', 'created_at'])
    .where('pilot_id', '=', pilot.id).orderBy('created_at', 'desc').limit(50).execute()
  return Promise.all(batches.map(async (b) => ({ ...(await progressOf(rt, b.id)), source: b.source, fileName: b.file_name, createdAt: b.created_at })))
}

/** The report as CSV: one line per row, issued with the credential's address or why not (message keys translated by `reason`). */
export async function batchReportCsv(rt: Pick<Runtime, 'db' | 'env'>, actor: SessionUser, batchId: string, reason: (e: RowError) => string): Promise<string> {
  const batch = await getBatch(rt, actor, batchId)
  return toCsv([
    ['row', 'person', 'skill', 'level', 'status', 'credential_id', 'link', 'reason'],
    ...batch.rows.map((r) => [
      r.rowNumber, r.person, r.skill, r.level, r.status, r.credentialId ?? '',
      r.credentialId ? `${rt.env.publicUrl}/issuer/issued?issued=${encodeURIComponent(r.credentialId)}` : '',
      r.errors.map(reason).join(' '),
    ]),
  ])
}

export { BULK_COLUMNS }
