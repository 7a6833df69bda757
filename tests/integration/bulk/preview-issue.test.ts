import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { batchReportCsv, getBatch, issueNextChunk, previewCsvBatch, previewSelectionBatch } from '@/lib/bulk/service'
import { verifyOnInstance } from '@/lib/verification/service'
import { dayAfter } from '../../factories/clock'
import { createTestRuntime } from '../../factories/runtime'
import { createBulkWorld, goodRow, HEADER } from './_world'

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
let w: Awaited<ReturnType<typeof createBulkWorld>>

beforeAll(async () => {
  rt = await createTestRuntime()
  w = await createBulkWorld(rt, 50)
})
afterAll(() => rt.cleanup())

const csv = (...rows: string[]) => [HEADER, ...rows].join('\r\n')

describe('preview: every row checked, nothing signed', () => {
  test('flags each bad row with the column and the reason, in plain keys', async () => {
    const result = await previewCsvBatch(rt, w.counsellor, {
      pilotId: w.pilot.id, fileName: 'pilot.csv',
      text: csv(
        goodRow('jeune001'),
        goodRow('JEUNE002@example.org'),
        goodRow(w.youth[2]!.did!),
        goodRow('nobody'),
        goodRow('lucas'), // a young person of organisation B
        'jeune004,Travail en équipe,champion,Bien.,,,fr',
        'jeune005,,practising,,not-a-url,2020-01-01,de',
        'jeune006,https://example.org/unknown-skill,practising,Observé en atelier.,,,',
        goodRow('jeune001'), // the same person and skill again
        `jeune007,${'x'.repeat(400)},expert,Observé en atelier.,,,en`,
        `jeune008,"https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32018H0604(01)#KC1",4,"Lit et résume une notice, ""sans aide"".",https://example.org/evidence,${dayAfter(new Date(), 365)},fr`,
      ),
    })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const batch = await getBatch(rt, w.counsellor, result.batchId)
    expect(batch).toMatchObject({ status: 'previewed', total: 11, ready: 4, invalid: 6, skipped: 1, issued: 0 })
    const errs = (n: number) => batch.rows.find((r) => r.rowNumber === n)!.errors
    expect(batch.rows.filter((r) => r.status === 'ready').map((r) => r.rowNumber)).toEqual([1, 2, 3, 11])
    expect(errs(4)).toEqual([{ column: 'person', key: 'personNotFound' }])
    expect(errs(5)).toEqual([{ column: 'person', key: 'personNotFound' }])
    expect(errs(6)).toEqual([{ column: 'level', key: 'invalidChoice' }, { column: 'observation', key: 'tooShort:10' }])
    expect(errs(7)).toEqual(expect.arrayContaining([{ column: 'language', key: 'invalidLanguage' }]))
    expect(errs(8)).toEqual([{ column: 'skill', key: 'skillUnknownUri' }])
    // The same person and skill again: set aside as a repeat of row 1 (not an error; the counsellor may issue it on purpose).
    expect(batch.rows[8]).toMatchObject({ status: 'skipped', errors: [], duplicate: { kind: 'row', row: 1 } })
    expect(errs(10)).toEqual([{ column: 'skill', key: 'tooLong:200' }])
    // The key competence URI resolved to its label and alignment.
    expect(batch.rows[10]).toMatchObject({ skill: 'Compétences en lecture et en écriture', level: 'expert' })
    const { n } = await rt.db.selectFrom('credentials').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    expect(Number(n)).toBe(0)
  })

  test('an empty required column is reported field by field', async () => {
    const result = await previewCsvBatch(rt, w.counsellor, { pilotId: w.pilot.id, fileName: 'x.csv', text: csv('jeune009,,,,,,') })
    if (!result.ok) throw new Error('file refused')
    const batch = await getBatch(rt, w.counsellor, result.batchId)
    expect(batch.rows[0]!.errors.map((e) => e.column).sort()).toEqual(['level', 'observation', 'skill'])
  })

  test('a file that cannot be read as a whole is refused with why', async () => {
    const preview = (text: string) => previewCsvBatch(rt, w.counsellor, { pilotId: w.pilot.id, fileName: 'x.csv', text })
    expect(await preview('')).toEqual({ ok: false, error: { key: 'fileEmpty' } })
    expect(await preview(HEADER)).toEqual({ ok: false, error: { key: 'fileEmpty' } })
    expect(await preview('person,skill\njeune001,x')).toEqual({ ok: false, error: { key: 'missingColumns', columns: 'level, observation' } })
    expect(await preview(`${HEADER},shoe_size\n`)).toEqual({ ok: false, error: { key: 'unknownColumns', columns: 'shoe_size' } })
    expect(await preview(`${HEADER}\njeune001,"unclosed`)).toMatchObject({ ok: false, error: { key: 'badCsv' } })
    expect(await preview([HEADER, ...Array.from({ length: 1001 }, () => goodRow('jeune001'))].join('\n'))).toEqual({ ok: false, error: { key: 'tooManyRows', rows: 1001 } })
    expect(await preview(`${HEADER}\n${'a'.repeat(2 * 1024 * 1024)}`)).toEqual({ ok: false, error: { key: 'fileTooLarge' } })
  })

  test('semicolon-separated files (French spreadsheets) are read too', async () => {
    const result = await previewCsvBatch(rt, w.counsellor, { pilotId: w.pilot.id, fileName: 'x.csv', text: `${HEADER.replaceAll(',', ';')}\njeune010;Travail en équipe;2;Observé en atelier, deux fois.;;;fr` })
    if (!result.ok) throw new Error('file refused')
    expect((await getBatch(rt, w.counsellor, result.batchId)).rows[0]).toMatchObject({ status: 'ready', level: 'practising' })
  })
})

describe('issue: 50 rows, one bad', () => {
  test('49 are issued and verify, the bad one is reported with its reason', async () => {
    const rows = w.youth.map((y, i) => (i === 24 ? goodRow('someone-else', 'Accueil de la clientèle') : goodRow(y.username, 'Accueil de la clientèle')))
    const result = await previewCsvBatch(rt, w.counsellor, { pilotId: w.pilot.id, fileName: 'fifty.csv', text: csv(...rows) })
    if (!result.ok) throw new Error('file refused')
    let progress = await issueNextChunk(rt, w.counsellor, result.batchId, { maxRows: 20 })
    expect(progress).toMatchObject({ status: 'running', issued: 20, ready: 29, invalid: 1 })
    while (progress.status !== 'done') progress = await issueNextChunk(rt, w.counsellor, result.batchId, { maxRows: 20 })
    expect(progress).toMatchObject({ status: 'done', total: 50, issued: 49, invalid: 1, failed: 0, ready: 0 })

    const batch = await getBatch(rt, w.counsellor, result.batchId)
    expect(batch.rows[24]).toMatchObject({ rowNumber: 25, person: 'someone-else', status: 'invalid', errors: [{ column: 'person', key: 'personNotFound' }], credentialId: null })
    const creds = await rt.db.selectFrom('credentials').innerJoin('bulk_rows', 'bulk_rows.credential_id', 'credentials.id')
      .select(['credentials.document', 'credentials.holder_user_id', 'bulk_rows.holder_user_id as row_holder', 'credentials.issuer_organisation_id', 'credentials.issued_by_user_id'])
      .where('bulk_rows.batch_id', '=', result.batchId).execute()
    expect(creds).toHaveLength(49)
    for (const c of creds) {
      expect(c.holder_user_id).toBe(c.row_holder) // in the young person's wallet
      expect(c.issuer_organisation_id).toBe(w.a.id)
      expect(c.issued_by_user_id).toBe(w.counsellorA.id)
    }
    const result0 = await verifyOnInstance(rt, { input: creds[0]!.document })
    expect(result0.verified).toBe(true)

    const report = await batchReportCsv(rt, w.counsellor, result.batchId, (e) => `${e.column}:${e.key}`)
    const lines = report.trim().split('\r\n')
    expect(lines).toHaveLength(51)
    expect(lines[0]).toBe('row,person,skill,level,status,credential_id,link,reason')
    expect(lines[25]).toBe('25,someone-else,Accueil de la clientèle,practising,invalid,,,person:personNotFound')
    expect(lines[1]).toMatch(/^1,jeune001,Accueil de la clientèle,practising,issued,urn:uuid:[0-9a-f-]+,https:\/\/tremplin\.test\/issuer\/issued\?issued=urn/)

    // Issuing a done batch again does nothing.
    expect(await issueNextChunk(rt, w.counsellor, result.batchId)).toMatchObject({ status: 'done', issued: 49 })
    const { n } = await rt.db.selectFrom('bulk_rows').select((eb) => eb.fn.countAll<number>().as('n')).where('batch_id', '=', result.batchId).where('credential_id', 'is not', null).executeTakeFirstOrThrow()
    expect(Number(n)).toBe(49)
  })

  test('a young person who left the organisation after the preview fails at issue time, with why; the rest are issued', async () => {
    const result = await previewCsvBatch(rt, w.counsellor, { pilotId: w.pilot.id, fileName: 'x.csv', text: csv(goodRow('jeune011', 'Cuisine'), goodRow('jeune012', 'Cuisine')) })
    if (!result.ok) throw new Error('file refused')
    await rt.db.updateTable('users').set({ organisation_id: w.b.id }).where('username', '=', 'jeune012').execute()
    const progress = await issueNextChunk(rt, w.counsellor, result.batchId)
    expect(progress).toMatchObject({ status: 'done', issued: 1, failed: 1 })
    const batch = await getBatch(rt, w.counsellor, result.batchId)
    expect(batch.rows[1]).toMatchObject({ status: 'failed', errors: [{ column: 'person', key: 'personNotFound' }] })
    await rt.db.updateTable('users').set({ organisation_id: w.a.id }).where('username', '=', 'jeune012').execute()
  })
})

describe('selection: the same badge for chosen participants', () => {
  test('issues to the chosen young members of the pilot only', async () => {
    const { addPilotMembers } = await import('@/lib/pilots/service')
    await addPilotMembers(rt, w.counsellor, w.pilot.id, [w.youth[0]!.id, w.youth[1]!.id, w.youth[2]!.id])
    const values = { skill: 'Ponctualité', level: 'autonomous', criteria: 'À l’heure tous les matins pendant le stage.', language: 'fr' }
    await expect(previewSelectionBatch(rt, w.counsellor, { pilotId: w.pilot.id, userIds: [w.youth[0]!.id, w.youth[5]!.id], values })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(previewSelectionBatch(rt, w.counsellor, { pilotId: w.pilot.id, userIds: [w.youth[0]!.id], values: { ...values, criteria: '' } })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' })
    const { batchId } = await previewSelectionBatch(rt, w.counsellor, { pilotId: w.pilot.id, userIds: [w.youth[0]!.id, w.youth[1]!.id], values })
    expect(await issueNextChunk(rt, w.counsellor, batchId)).toMatchObject({ status: 'done', issued: 2, total: 2 })
    const batch = await getBatch(rt, w.counsellor, batchId)
    expect(batch.rows.map((r) => [r.person, r.skill, r.status])).toEqual([['jeune001', 'Ponctualité', 'issued'], ['jeune002', 'Ponctualité', 'issued']])
  })
})
