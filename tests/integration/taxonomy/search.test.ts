import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { upsertConcepts } from '@/lib/taxonomy/repository'
import { searchConcepts } from '@/lib/taxonomy/service'
import { ESCO, keyCompetenceUri, type ConceptRecord } from '@/lib/taxonomy/types'
import { createTestRuntime } from '../../factories/runtime'

// Data the test writes itself, so that the expected order is known.
const skill = (id: string, labels: Record<string, string | [string, string[]]>, kind: ConceptRecord['kind'] = 'skill'): ConceptRecord => ({
  uri: `http://data.europa.eu/esco/skill/${id}`,
  kind,
  framework: ESCO,
  code: null,
  labels: Object.entries(labels).map(([lang, v]) => ({ lang, label: typeof v === 'string' ? v : v[0], altLabels: typeof v === 'string' ? [] : v[1], description: `${lang} description` })),
})

const CONCEPTS = [
  skill('team', { fr: ['travailler en équipe', ['coopérer']], en: 'work in teams' }),
  skill('lead', { fr: 'diriger une équipe de bénévoles', en: 'lead a team of volunteers' }),
  skill('equip', { fr: 'équiper un atelier', en: 'equip a workshop' }),
  skill('spirit', { fr: ['motiver les autres', ['esprit d’équipe']], en: 'motivate others' }),
  skill('stress', { fr: 'gérer son stress', en: 'manage stress' }),
  skill('lux', { en: 'Luxembourgish' }),
  skill('only-de', { de: 'Mannschaftsgeist zeigen' }),
  skill('pct', { fr: 'atteindre 100% des objectifs', en: 'reach 100% of goals' }),
  { ...skill('chef', { fr: 'chef d’équipe', en: 'team leader' }), uri: 'http://data.europa.eu/esco/occupation/chef', kind: 'occupation' as const },
]

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
beforeAll(async () => {
  rt = await createTestRuntime()
  await upsertConcepts(rt.db, CONCEPTS)
})
afterAll(() => rt.cleanup())

const labels = async (q: string, lang = 'fr', kinds?: ConceptRecord['kind'][]) => (await searchConcepts(rt, { q, lang, kinds })).map((r) => r.label)

describe('searchConcepts', () => {
  test('ignores accents and case, in the query and in the labels', async () => {
    for (const q of ['equipe', 'ÉQUIPE', 'Équipe', 'eQuIpE']) {
      expect(await labels(q, 'fr', ['skill'])).toContain('travailler en équipe')
    }
  })

  test('lists preferred labels starting with the words first, then preferred labels with a word starting with them, then alternative labels', async () => {
    expect(await labels('equip', 'fr', ['skill'])).toEqual([
      'équiper un atelier', // the label starts with "equip"
      'travailler en équipe', // a word of the label starts with it; shorter first
      'diriger une équipe de bénévoles',
      'motiver les autres', // only an alternative label has it ("esprit d’équipe")
    ])
  })

  test('finds a concept by an alternative label, and answers in the requested language', async () => {
    expect(await searchConcepts(rt, { q: 'cooperer', lang: 'fr' })).toMatchObject([{ label: 'travailler en équipe', lang: 'fr', description: 'fr description', kind: 'skill', framework: ESCO }])
  })

  test('every word typed must appear, in any order', async () => {
    expect(await labels('equipe travailler', 'fr', ['skill'])).toEqual(['travailler en équipe'])
    expect(await labels('equipe inexistant', 'fr')).toEqual([])
  })

  test('falls back to English for a concept with no label in the language, then to any language', async () => {
    expect(await searchConcepts(rt, { q: 'luxem', lang: 'fr' })).toMatchObject([{ label: 'Luxembourgish', lang: 'en' }])
    expect(await searchConcepts(rt, { q: 'mannschaft', lang: 'fr' })).toMatchObject([{ label: 'Mannschaftsgeist zeigen', lang: 'de' }])
    // A concept labelled in French is not found through its English label in a French search.
    expect(await labels('stress', 'fr', ['skill'])).toEqual(['gérer son stress'])
    expect(await labels('manage', 'fr')).toEqual([])
  })

  test('includes the built-in key competences, and filters by kind', async () => {
    const results = await searchConcepts(rt, { q: 'numerique', lang: 'fr' })
    expect(results).toContainEqual(expect.objectContaining({ uri: keyCompetenceUri('KC4'), kind: 'key_competence', code: 'KC4', label: 'Compétence numérique' }))
    expect(await labels('equipe', 'fr', ['occupation'])).toEqual(['chef d’équipe'])
    expect((await searchConcepts(rt, { q: 'digital', lang: 'en', kinds: ['key_competence'] })).map((r) => r.code)).toEqual(['KC4'])
  })

  test('treats % and _ as plain characters, and returns nothing for a query with no letters', async () => {
    expect(await labels('100%', 'fr')).toEqual(['atteindre 100% des objectifs'])
    expect(await labels('%', 'fr')).toEqual([])
    expect(await labels('_', 'fr')).toEqual([])
    expect(await labels('   ', 'fr')).toEqual([])
  })

  test('returns at most `limit` results, never more than 50', async () => {
    expect(await searchConcepts(rt, { q: 'e', lang: 'fr', limit: 2 })).toHaveLength(2)
    const many = Array.from({ length: 60 }, (_, i) => skill(`bulk-${i}`, { fr: `compétence numéro ${i}` }))
    await upsertConcepts(rt.db, many)
    expect(await searchConcepts(rt, { q: 'numero', lang: 'fr', limit: 500 })).toHaveLength(50)
  })
})
