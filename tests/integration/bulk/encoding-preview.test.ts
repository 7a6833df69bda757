import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createUser } from '@/lib/auth/service'
import { batchSample } from '@/lib/bulk/sample'
import { getBatch, issueNextChunk, previewCsvBatch } from '@/lib/bulk/service'
import { verifyOnInstance } from '@/lib/verification/service'
import { createTestRuntime } from '../../factories/runtime'
import { cp1252, utf16leBom, utf8Bom } from './_bytes'
import { createBulkWorld } from './_world'

// Issue 12 §7: a semicolon file saved by Excel in Windows-1252 was accepted as "all rows valid" and
// signed with "matin�e". Here such files, byte for byte, are previewed as they will be signed and
// signed with every accent; a byte that cannot be read refuses its row only.

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
let w: Awaited<ReturnType<typeof createBulkWorld>>

beforeAll(async () => {
  rt = await createTestRuntime()
  w = await createBulkWorld(rt, 8)
  await createUser(rt, { role: 'youth', username: 'helene', displayName: 'Hélène Dupré', email: 'helene@example.org', organisationId: w.a.id })
})
afterAll(() => rt.cleanup())

const OBSERVATION = 'A accueilli les visiteurs toute la matinée, avec Hélène ; très à l’aise.'
const EXCEL = [
  'person;skill;level;observation;evidence_level;language',
  `helene;Accueil du public;Autonome;"${OBSERVATION}";Vu en situation;fr`,
  'jeune001;Préparation des repas;En pratique;Prépare l’entrée et le dessert pour douze personnes.;Évalué;fr',
  'jeune002;Travail en équipe;Découverte;Répartit les tâches de la matinée avec deux collègues.;;fr',
].join('\r\n') + '\r\n'

const preview = async (fileName: string, bytes: Buffer) => {
  const result = await previewCsvBatch(rt, w.counsellor, { pilotId: w.pilot.id, fileName, bytes })
  if (!result.ok) throw new Error(`file refused: ${JSON.stringify(result.error)}`)
  return result.batchId
}

describe('an Excel file in Windows-1252, separated by semicolons', () => {
  let batchId = ''
  test('the preview says how it was read and shows the rows as they will be signed, accents and all', async () => {
    batchId = await preview('excel.csv', cp1252(EXCEL))
    const batch = await getBatch(rt, w.counsellor, batchId)
    expect(batch).toMatchObject({ encoding: 'windows-1252', delimiter: ';', total: 3, ready: 3, invalid: 0 })
    const sample = await batchSample(rt, w.counsellor, batchId)
    expect(sample.ready).toBe(3)
    expect(sample.rows[0]).toMatchObject({ rowNumber: 1, displayName: 'Hélène Dupré', skill: 'Accueil du public', level: 'Autonome', criteria: OBSERVATION, validUntil: null, language: 'fr' })
    expect(sample.rows[1]).toMatchObject({ skill: 'Préparation des repas', level: 'En pratique' })
    expect(sample.rows[2]).toMatchObject({ skill: 'Travail en équipe', level: 'Découverte' })
    // The evidence word is the one the badge will carry, different for the two levels.
    expect(sample.rows[0]!.evidence).toBeTruthy()
    expect(sample.rows[1]!.evidence).not.toBe(sample.rows[0]!.evidence)
    expect(JSON.stringify(sample)).not.toContain('\uFFFD')
  })

  test('the signed credential says "matinée" exactly, and verifies', async () => {
    expect(await issueNextChunk(rt, w.counsellor, batchId)).toMatchObject({ status: 'done', issued: 3 })
    const batch = await getBatch(rt, w.counsellor, batchId)
    const stored = await rt.db.selectFrom('credentials').select('document').where('id', '=', batch.rows[0]!.credentialId!).executeTakeFirstOrThrow()
    const credential = JSON.parse(stored.document)
    expect(credential.credentialSubject.achievement.criteria.narrative).toBe(OBSERVATION)
    expect(stored.document).toContain('matinée')
    expect(stored.document).not.toContain('\uFFFD')
    expect(credential.credentialSubject.result.map((r: { achievedLevel: string }) => r.achievedLevel)).toContain('urn:tremplin:level:autonomous')
    expect((await verifyOnInstance(rt, { input: stored.document })).verified).toBe(true)
    const second = await rt.db.selectFrom('credentials').select('document').where('id', '=', batch.rows[1]!.credentialId!).executeTakeFirstOrThrow()
    expect(JSON.parse(second.document).name).toBe('Préparation des repas')
  })
})

describe('the other encodings spreadsheets write', () => {
  const TEXT = 'person,skill,level,observation\r\njeune003,Accueil du public,expert,"Accueille seul le public de la matinée, oriente et renseigne."\r\n'
  test.each([
    ['UTF-8 with a byte-order mark', utf8Bom(TEXT), 'utf-8'],
    ['UTF-16 LE with a byte-order mark', utf16leBom(TEXT), 'utf-16le'],
    ['UTF-8 without a mark', Buffer.from(TEXT, 'utf8'), 'utf-8'],
  ])('%s is previewed with its accents', async (_, bytes, encoding) => {
    const batchId = await preview('x.csv', bytes)
    expect(await getBatch(rt, w.counsellor, batchId)).toMatchObject({ encoding, delimiter: ',', ready: 1 })
    expect((await batchSample(rt, w.counsellor, batchId)).rows[0]).toMatchObject({ criteria: 'Accueille seul le public de la matinée, oriente et renseigne.', level: 'Expert·e — peut transmettre' })
  })
})

describe('a file with a byte from elsewhere', () => {
  test('the row holding it is refused (the preview says why); the valid rows are signed with their accents', async () => {
    const bytes = Buffer.concat([
      Buffer.from('person;skill;level;observation\njeune004;Accueil du public;2;Accueille les visiteurs de la matinée.\njeune005;Accueil du public;2;Accueille les visiteurs de la ', 'utf8'),
      cp1252('matinée'), // pasted from a Windows-1252 file
      Buffer.from('.\njeune006;Accueil du public;2;Très à l’aise à l’accueil, poli et calme.\n', 'utf8'),
    ])
    const batchId = await preview('mixed.csv', bytes)
    const batch = await getBatch(rt, w.counsellor, batchId)
    expect(batch).toMatchObject({ encoding: 'utf-8', ready: 2, invalid: 1 })
    expect(batch.rows[1]).toMatchObject({ status: 'invalid', errors: [{ column: 'observation', key: 'unreadableCharacter' }] })
    expect(await issueNextChunk(rt, w.counsellor, batchId)).toMatchObject({ status: 'done', issued: 2, invalid: 1 })
    const docs = await rt.db.selectFrom('credentials').innerJoin('bulk_rows', 'bulk_rows.credential_id', 'credentials.id')
      .select('credentials.document').where('bulk_rows.batch_id', '=', batchId).execute()
    expect(docs).toHaveLength(2)
    expect(docs.every((d) => !d.document.includes('\uFFFD'))).toBe(true)
    expect(docs.map((d) => JSON.parse(d.document).credentialSubject.achievement.criteria.narrative).sort()).toEqual(['Accueille les visiteurs de la matinée.', 'Très à l’aise à l’accueil, poli et calme.'])
  })

  test('a byte Windows-1252 does not define refuses its row too', async () => {
    const bytes = Buffer.concat([cp1252('person;skill;level;observation\njeune007;Accueil;2;Accueille les visiteurs '), Buffer.from([0x81]), cp1252(' chaque matinée.\njeune008;Accueil;2;Accueille les visiteurs chaque matinée.\n')])
    const batch = await getBatch(rt, w.counsellor, await preview('bad-byte.csv', bytes))
    expect(batch).toMatchObject({ encoding: 'windows-1252', ready: 1, invalid: 1 })
    expect(batch.rows[0]!.errors).toEqual([{ column: 'observation', key: 'unreadableCharacter' }])
  })
})

describe('level words in French and English', () => {
  test('the words the app shows are read, in any case and with or without accents; others are refused', async () => {
    const levels = ['Découverte', 'EN PRATIQUE', 'autonome', 'Expert·e', 'Independent', 'decouverte', 'champion']
    const text = ['person;skill;level;observation;evidence_level', ...levels.map((l, i) => `jeune00${(i % 8) + 1};Compétence ${i};${l};Observé en atelier, deux fois.;${i % 2 ? 'évalué' : 'Seen in action'}`)].join('\n')
    const result = await previewCsvBatch(rt, w.counsellor, { pilotId: w.pilot.id, fileName: 'levels.csv', text })
    if (!result.ok) throw new Error('file refused')
    const batch = await getBatch(rt, w.counsellor, result.batchId)
    expect(batch.rows.map((r) => r.level)).toEqual(['discovering', 'practising', 'autonomous', 'expert', 'autonomous', 'discovering', 'champion'])
    expect(batch.rows.map((r) => r.status)).toEqual(['ready', 'ready', 'ready', 'ready', 'ready', 'ready', 'invalid'])
    expect(batch.rows[6]!.errors).toEqual([{ column: 'level', key: 'invalidChoice' }])
  })
})
