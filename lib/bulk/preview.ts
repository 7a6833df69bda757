import { randomUUID } from 'node:crypto'
import type { SessionUser } from '@/lib/auth/sessions'
import { AppError, ValidationError } from '@/lib/errors'
import { formToClaims, type FormValues } from '@/lib/issuing/issue-form'
import { validateIssueClaims } from '@/lib/issuing/staff'
import { pilotOrThrow } from '@/lib/pilots/service'
import { ensureBuiltinTaxonomies } from '@/lib/taxonomy/builtin'
import type { Runtime } from '@/lib/runtime'
import { checkCsvRow, peopleIndex, TEMPLATE_ID, type Person, type RowError } from './check-row'
import { parseBulkCsv, readBulkCsv, type CsvFileError, type CsvRecord, type Delimiter } from './csv'
import { duplicateJson, findHeld, heldBadges, skillKeys, type Duplicate } from './duplicates'
import * as repo from './repository'

// Step 1 of bulk issuing (decision 012 "Preview"): every row checked and stored as a batch —
// ready, invalid with its reasons, or skipped because it repeats a badge (held already, or given
// by an earlier row). Nothing is signed.

export type PreviewResult = { ok: true; batchId: string } | { ok: false; error: CsvFileError }

interface CheckedRow { rowNumber: number; record: CsvRecord; person?: Person; claims: Record<string, unknown>; errors: RowError[]; duplicate?: Duplicate }

/**
 * Checks an uploaded CSV — its bytes (their encoding found, lib/bulk/encoding.ts) or text already
 * decoded — and stores it as a previewed batch.
 * @throws AppError FORBIDDEN (not a counsellor of an approved organisation), NOT_FOUND (pilot).
 */
export async function previewCsvBatch(rt: Pick<Runtime, 'db'>, actor: SessionUser, input: { pilotId: string; fileName: string; bytes?: Uint8Array; text?: string; uiLocale?: string; now?: Date }): Promise<PreviewResult> {
  const { org, pilot } = await pilotOrThrow(rt, actor, input.pilotId)
  const parsed = input.bytes ? await readBulkCsv(input.bytes) : await parseBulkCsv(input.text ?? '')
  if (!parsed.ok) return parsed
  await ensureBuiltinTaxonomies(rt.db)
  const now = input.now ?? new Date()
  const people = await peopleIndex(rt, org.id)
  const rows: CheckedRow[] = []
  for (const [i, record] of parsed.rows.entries()) {
    rows.push({ rowNumber: i + 1, record, ...(await checkCsvRow(rt, record, people, input.uiLocale ?? actor.locale ?? 'fr', now)) })
  }
  await markRepeats(rt, org.id, rows, now)
  const file = { encoding: 'encoding' in parsed ? String(parsed.encoding) : 'utf-8', delimiter: parsed.delimiter }
  return { ok: true, batchId: await storeBatch(rt, actor, org.id, pilot.id, 'csv', input.fileName.slice(0, 200), rows, now, file) }
}

/**
 * Rows that would repeat a badge: one the young person holds from this organisation now, or one
 * an earlier valid row of the batch gives them. Invalid rows are left as they are.
 */
async function markRepeats(rt: Pick<Runtime, 'db'>, organisationId: string, rows: CheckedRow[], now: Date): Promise<void> {
  const valid = rows.filter((r) => r.person && r.errors.length === 0)
  const people = [...new Map(valid.map((r) => [r.person!.id, r.person!])).values()]
  const held = await heldBadges(rt.db, organisationId, people, now)
  const given = new Map<string, { keys: string[]; row: number }[]>()
  for (const row of valid) {
    const keys = skillKeys(row.claims.skill as Parameters<typeof skillKeys>[0])
    const badge = findHeld(held.get(row.person!.id), keys)
    const earlier = (given.get(row.person!.id) ?? []).find((g) => g.keys.some((k) => keys.includes(k)))
    if (badge) row.duplicate = { kind: 'held', credentialId: badge.credentialId, issuedAt: badge.issuedAt }
    else if (earlier) row.duplicate = { kind: 'row', row: earlier.row }
    else given.set(row.person!.id, [...(given.get(row.person!.id) ?? []), { keys, row: row.rowNumber }])
  }
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
  const people = await repo.listPilotYouth(rt.db, pilot.id, org.id, ids)
  if (people.length !== ids.length) throw new AppError('NOT_FOUND', 'Someone is not a young person of this pilot action')
  const byId = new Map(people.map((p) => [p.id, p]))
  const rows: CheckedRow[] = ids.map((id, i) => {
    const person = byId.get(id)!
    return { rowNumber: i + 1, record: { person: person.username } as CsvRecord, person, claims, errors: person.did ? [] : [{ column: 'person' as const, key: 'personNoWallet' }] }
  })
  await markRepeats(rt, org.id, rows, now)
  return { batchId: await storeBatch(rt, actor, org.id, pilot.id, 'selection', null, rows, now) }
}

async function storeBatch(
  rt: Pick<Runtime, 'db'>, actor: SessionUser, organisationId: string, pilotId: string, source: 'csv' | 'selection', fileName: string | null,
  rows: CheckedRow[], now: Date, file?: { encoding: string; delimiter: Delimiter },
): Promise<string> {
  const id = randomUUID()
  await rt.db.transaction().execute(async (trx) => {
    await repo.insertBatch(trx, {
      id, organisation_id: organisationId, pilot_id: pilotId, template_id: TEMPLATE_ID, format: 'di', source, file_name: fileName,
      status: 'previewed', total_rows: rows.length, created_by: actor.id, created_at: now.toISOString(),
      encoding: file?.encoding ?? null, delimiter: file?.delimiter ?? null,
    })
    for (let i = 0; i < rows.length; i += 100) {
      await repo.insertRows(trx, rows.slice(i, i + 100).map((r) => ({
        batch_id: id, row_number: r.rowNumber,
        holder_user_id: r.person?.id ?? null, subject_did: r.person?.did ?? null,
        claims: JSON.stringify(r.claims),
        // A repeat waits as 'skipped' until the counsellor chooses to issue it again (./repeats.ts).
        status: r.errors.length ? 'invalid' : r.duplicate ? 'skipped' : 'ready',
        duplicate: r.errors.length || !r.duplicate ? null : duplicateJson(r.duplicate),
        // What the row said is kept with its reasons, for the report of a row that names nobody.
        error: r.errors.length ? JSON.stringify({ errors: r.errors, input: r.record }) : JSON.stringify({ input: r.record }),
      })))
    }
  })
  return id
}
