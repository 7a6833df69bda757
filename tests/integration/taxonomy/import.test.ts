import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { loadBuiltinTaxonomies } from '@/lib/taxonomy/builtin'
import { importTaxonomyPath } from '@/lib/taxonomy/import'
import { countConcepts, countLabels, findConceptLabels } from '@/lib/taxonomy/repository'
import { getConcept } from '@/lib/taxonomy/service'
import { ESCO, KEY_COMPETENCES, keyCompetenceUri } from '@/lib/taxonomy/types'
import { createTestRuntime } from '../../factories/runtime'
import { escoSkillsCsv, escoSkillsCsvEn, GROUP_1, SHARED_TAXONOMIES, SKILL_1, SKILL_2, SKILL_3, tempDir } from './fixtures'

type Rt = Awaited<ReturnType<typeof createTestRuntime>>

describe('ESCO CSV import', () => {
  let rt: Rt
  const files = tempDir()
  beforeAll(async () => { rt = await createTestRuntime() })
  afterAll(async () => { await rt.cleanup(); files.cleanup() })

  test('imports skills and skill groups with the language of the file name, multi-line alt labels and quotes intact', async () => {
    const csv = files.write('skills_fr.csv', escoSkillsCsv())
    const [report] = await importTaxonomyPath(rt.db, csv)
    expect(report).toMatchObject({ concepts: 4, labels: 4, skipped: 2 })
    const [label] = await findConceptLabels(rt.db, SKILL_1)
    expect(label).toMatchObject({
      kind: 'skill', framework: ESCO, lang: 'fr', label: 'travailler en équipe',
      alt_labels: 'coopérer avec les autres\ntravailler en groupe\nfaire équipe',
      description: 'Travailler avec d’autres pour un "objectif" commun.',
    })
    expect((await findConceptLabels(rt.db, SKILL_3))[0]?.alt_labels).toBe('garder son calme, même sous pression')
    expect((await findConceptLabels(rt.db, GROUP_1))[0]?.kind).toBe('skill_group')
    // The ISCO group row and the row without a label were left out.
    expect(await findConceptLabels(rt.db, 'http://data.europa.eu/esco/isco/C5')).toEqual([])
    expect(await countConcepts(rt.db, { framework: ESCO })).toBe(4)
  })

  test('importing the same file again changes nothing', async () => {
    const before = { concepts: await countConcepts(rt.db), labels: await countLabels(rt.db), rows: await findConceptLabels(rt.db, SKILL_1) }
    await importTaxonomyPath(rt.db, join(files.dir, 'skills_fr.csv'))
    expect({ concepts: await countConcepts(rt.db), labels: await countLabels(rt.db), rows: await findConceptLabels(rt.db, SKILL_1) }).toEqual(before)
  })

  test('a re-import with a changed label updates it, and another language adds a label row', async () => {
    await importTaxonomyPath(rt.db, files.write('skills_fr.csv', escoSkillsCsv({ teamworkLabel: 'travailler en équipe (mis à jour)' })))
    await importTaxonomyPath(rt.db, files.write('skills_en.csv', escoSkillsCsvEn()))
    const labels = await findConceptLabels(rt.db, SKILL_1)
    expect(Object.fromEntries(labels.map((l) => [l.lang, l.label]))).toEqual({ fr: 'travailler en équipe (mis à jour)', en: 'work in teams' })
    expect(await countConcepts(rt.db, { framework: ESCO })).toBe(4)
    expect((await getConcept(rt, { uri: SKILL_2, lang: 'en' }))?.label).toBe('equip a workshop')
  })

  test('--lang gives the language of a file whose name does not say it; without it the file is refused', async () => {
    const csv = files.write('export.csv', escoSkillsCsvEn())
    await expect(importTaxonomyPath(rt.db, csv)).rejects.toThrow(/language/)
    await importTaxonomyPath(rt.db, csv, { lang: 'de' })
    expect((await findConceptLabels(rt.db, SKILL_2)).map((l) => l.lang).sort()).toEqual(['de', 'en', 'fr'])
  })

  test('a folder imports every concept file, and leaves out relation files and unknown JSON', async () => {
    const folder = tempDir()
    try {
      folder.write('skills_fr.csv', escoSkillsCsv())
      folder.write('skillSkillRelations_fr.csv', 'originalSkillUri,relationType,skillType,relatedSkillUri\nhttp://a,optional,skill,http://b\n')
      folder.write('notes.json', '{"hello": "world"}')
      folder.write('README.md', '# not imported')
      const reports = await importTaxonomyPath(rt.db, folder.dir)
      expect(reports.map((r) => [r.file.split('/').pop(), r.ignored ? 'ignored' : r.concepts])).toEqual([
        ['notes.json', 'ignored'], ['skillSkillRelations_fr.csv', 'ignored'], ['skills_fr.csv', 4],
      ])
    } finally {
      folder.cleanup()
    }
  })

  test('a file ending inside a quoted field is refused with its line, and what it held is not half-written', async () => {
    const rt2 = await createTestRuntime()
    try {
      const csv = files.write('broken_fr.csv', 'conceptType,conceptUri,preferredLabel\nKnowledgeSkillCompetence,http://x/1,"never closed\n')
      await expect(importTaxonomyPath(rt2.db, csv)).rejects.toThrow(/line 2/)
      expect(await countConcepts(rt2.db)).toBe(0)
    } finally {
      await rt2.cleanup()
    }
  })

  test('a path that does not exist is refused', async () => {
    await expect(importTaxonomyPath(rt.db, join(files.dir, 'missing_fr.csv'))).rejects.toThrow(/Cannot read/)
  })
})

describe('built-in key competences', () => {
  test('the eight EU key competences exist in French and English, keyed by the Recommendation’s address', async () => {
    const rt = await createTestRuntime()
    try {
      await loadBuiltinTaxonomies(rt.db)
      await loadBuiltinTaxonomies(rt.db)
      expect(await countConcepts(rt.db, { framework: KEY_COMPETENCES })).toBe(8)
      expect(await countLabels(rt.db)).toBe(16)
      const kc1 = await findConceptLabels(rt.db, keyCompetenceUri('KC1'))
      expect(keyCompetenceUri('KC1')).toBe('https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32018H0604(01)#KC1')
      expect(Object.fromEntries(kc1.map((l) => [l.lang, l.label]))).toEqual({ en: 'Literacy competence', fr: 'Compétences en lecture et en écriture' })
      expect(kc1[0]).toMatchObject({ kind: 'key_competence', code: 'KC1' })
      expect((await getConcept(rt, { uri: keyCompetenceUri('KC4'), lang: 'fr' }))?.label).toBe('Compétence numérique')
    } finally {
      await rt.cleanup()
    }
  })
})

describe.skipIf(!existsSync(SHARED_TAXONOMIES))('import of ../shared/taxonomies', () => {
  let rt: Rt
  beforeAll(async () => {
    rt = await createTestRuntime()
    await loadBuiltinTaxonomies(rt.db)
    await importTaxonomyPath(rt.db, SHARED_TAXONOMIES)
  })
  afterAll(() => rt.cleanup())

  test('imports the transversal skills, their groups and the entry-level occupations', async () => {
    const byKind = await rt.db.selectFrom('taxonomy_concepts').select(['kind', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('kind').execute()
    expect(Object.fromEntries(byKind.map((r) => [r.kind, Number(r.n)]))).toEqual({ skill: 165, skill_group: 31, occupation: 1110, key_competence: 8 })
    const fr = await rt.db.selectFrom('taxonomy_labels').select((eb) => eb.fn.countAll<number>().as('n')).where('lang', '=', 'fr').where('uri', 'like', 'http://data.europa.eu/esco/%').executeTakeFirstOrThrow()
    expect(Number(fr.n)).toBe(195 + 1104)
  })

  test('finds a French label by URI', async () => {
    const concept = await getConcept(rt, { uri: 'http://data.europa.eu/esco/skill/001115fb-569f-4ee6-8381-c6807ef2527f', lang: 'fr' })
    expect(concept).toMatchObject({ kind: 'skill', framework: ESCO, lang: 'fr', label: 'faire preuve d’initiative' })
    const hairdresser = await getConcept(rt, { uri: 'http://data.europa.eu/esco/occupation/099c6bb0-22d3-4c5d-8bf5-70910af381ef', lang: 'fr' })
    expect(hairdresser).toMatchObject({ kind: 'occupation', code: '5141.1', label: 'coiffeur/coiffeuse' })
  })

  test('the key-competence file adds languages but does not override the built-in French and English', async () => {
    const labels = await findConceptLabels(rt.db, keyCompetenceUri('KC1'))
    expect(Object.fromEntries(labels.map((l) => [l.lang, l.label]))).toMatchObject({ en: 'Literacy competence', fr: 'Compétences en lecture et en écriture' })
    expect(labels.map((l) => l.lang).sort()).toEqual(['en', 'es', 'fr'])
  })

  test('importing the folder again changes no count', async () => {
    const before = [await countConcepts(rt.db), await countLabels(rt.db)]
    await importTaxonomyPath(rt.db, SHARED_TAXONOMIES)
    expect([await countConcepts(rt.db), await countLabels(rt.db)]).toEqual(before)
  })
})

if (!existsSync(SHARED_TAXONOMIES)) {
  console.warn(`[taxonomy] ${SHARED_TAXONOMIES} is absent: the tests importing ../shared/taxonomies are skipped.`)
}
