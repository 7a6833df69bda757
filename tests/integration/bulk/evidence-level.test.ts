import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { bulkCsvTemplate, parseBulkCsv } from '@/lib/bulk/csv'
import { getBatch, issueNextChunk, previewCsvBatch, previewSelectionBatch } from '@/lib/bulk/service'
import { addPilotMembers } from '@/lib/pilots/service'
import { ValidationError } from '@/lib/errors'
import { evidenceLevelOf } from '@/lib/credentials/evidence'
import { verifyOnInstance } from '@/lib/verification/service'
import { createTestRuntime } from '../../factories/runtime'
import { createBulkWorld } from './_world'

// The optional `evidence_level` column: how the organisation knows (witnessed | assessed), witnessed
// when the column or the cell is empty; anything else is a row error in the preview.

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
let w: Awaited<ReturnType<typeof createBulkWorld>>

beforeAll(async () => {
  rt = await createTestRuntime()
  w = await createBulkWorld(rt, 6)
})
afterAll(() => rt.cleanup())

const HEADER = 'person,skill,level,observation,evidence_level,language'
// A key competence (a built-in taxonomy): aligned, so insertCredential indexes it in credential_skills.
const KC1 = '"https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32018H0604(01)#KC1"'
const row = (person: string, level: string) => `${person},${KC1},practising,A lu et résumé une notice sans aide.,${level},fr`

describe('the evidence_level column', () => {
  test('the CSV template includes it, with an example of each value', async () => {
    const parsed = await parseBulkCsv(bulkCsvTemplate())
    if (!parsed.ok) throw new Error('template refused')
    expect(parsed.rows.map((r) => r.evidence_level)).toEqual(['witnessed', 'assessed'])
  })

  test('a bad value is a row error on that column; self_declared is refused too; nothing is signed', async () => {
    const result = await previewCsvBatch(rt, w.counsellor, {
      pilotId: w.pilot.id, fileName: 'levels.csv',
      text: [HEADER, row('jeune001', 'assessed'), row('jeune002', 'seen'), row('jeune003', 'self_declared'), row('jeune004', ''), row('jeune005', 'ASSESSED')].join('\n'),
    })
    if (!result.ok) throw new Error('file refused')
    const batch = await getBatch(rt, w.counsellor, result.batchId)
    expect(batch.rows.map((r) => r.status)).toEqual(['ready', 'invalid', 'invalid', 'ready', 'ready'])
    expect(batch.rows[1]!.errors).toEqual([{ column: 'evidence_level', key: 'invalidEvidenceLevel' }])
    expect(batch.rows[2]!.errors).toEqual([{ column: 'evidence_level', key: 'invalidEvidenceLevel' }])
    expect(await rt.db.selectFrom('credentials').select('id').execute()).toEqual([])
  })

  test('issued credentials carry the level of their row (witnessed when empty or absent), signed and indexed', async () => {
    const withColumn = await previewCsvBatch(rt, w.counsellor, {
      pilotId: w.pilot.id, fileName: 'levels.csv', text: [HEADER, row('jeune001', 'assessed'), row('jeune002', '')].join('\n'),
    })
    const without = await previewCsvBatch(rt, w.counsellor, {
      pilotId: w.pilot.id, fileName: 'old.csv', text: `person,skill,level,observation\njeune003,${KC1},2,A lu et résumé une notice sans aide.`,
    })
    if (!withColumn.ok || !without.ok) throw new Error('file refused')
    expect(await issueNextChunk(rt, w.counsellor, withColumn.batchId)).toMatchObject({ status: 'done', issued: 2 })
    expect(await issueNextChunk(rt, w.counsellor, without.batchId)).toMatchObject({ status: 'done', issued: 1 })
    const levels = new Map<string, string | null>()
    for (const batchId of [withColumn.batchId, without.batchId]) {
      for (const r of (await getBatch(rt, w.counsellor, batchId)).rows) {
        const stored = await rt.db.selectFrom('credentials').select('document').where('id', '=', r.credentialId!).executeTakeFirstOrThrow()
        expect((await verifyOnInstance(rt, { input: stored.document })).verified).toBe(true)
        levels.set(r.person, evidenceLevelOf(JSON.parse(stored.document)))
        const skills = await rt.db.selectFrom('credential_skills').select('evidence_level').where('credential_id', '=', r.credentialId!).execute()
        expect(skills.length).toBeGreaterThan(0)
        expect(skills.every((s) => s.evidence_level === levels.get(r.person))).toBe(true)
      }
    }
    expect(Object.fromEntries(levels)).toEqual({ jeune001: 'assessed', jeune002: 'witnessed', jeune003: 'witnessed' })
  })

  test('the same badge for chosen participants carries the chosen level; self_declared is refused before anything is stored', async () => {
    await addPilotMembers(rt, w.counsellor, w.pilot.id, [w.youth[5]!.id])
    const values = { skill: 'Travail en équipe', level: 'practising', criteria: 'A tenu l’accueil du magasin deux semaines.', language: 'fr' }
    const refused = await previewSelectionBatch(rt, w.counsellor, { pilotId: w.pilot.id, userIds: [w.youth[5]!.id], values: { ...values, evidenceLevel: 'self_declared' } }).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(ValidationError)
    expect((refused as ValidationError).fieldErrors).toEqual([{ path: '/evidenceLevel', message: 'may be self_declared only when the issuer is the subject' }])
    const { batchId } = await previewSelectionBatch(rt, w.counsellor, { pilotId: w.pilot.id, userIds: [w.youth[5]!.id], values: { ...values, evidenceLevel: 'assessed' } })
    expect(await issueNextChunk(rt, w.counsellor, batchId)).toMatchObject({ status: 'done', issued: 1 })
    const [row] = (await getBatch(rt, w.counsellor, batchId)).rows
    const stored = await rt.db.selectFrom('credentials').select('document').where('id', '=', row!.credentialId!).executeTakeFirstOrThrow()
    expect(evidenceLevelOf(JSON.parse(stored.document))).toBe('assessed')
  })
})
