import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { EVERYDAY_WORDS } from '@/lib/taxonomy/everyday'
import { importTaxonomyPath } from '@/lib/taxonomy/import'
import { countWords, upsertConcepts } from '@/lib/taxonomy/repository'
import { SEARCH_BOUNDS, searchConcepts } from '@/lib/taxonomy/service'
import { ESCO, keyCompetenceUri } from '@/lib/taxonomy/types'
import { dialectOf } from '@/db/client'
import { createTestRuntime } from '../../factories/runtime'
import { SHARED_TAXONOMIES } from './fixtures'

// Issue 12 §9 on the real ESCO data (../shared/taxonomies: 95 transversal skills, 1,110
// occupations, in en/fr/de/es/nl): everyday words, alternative labels, accents, ranking, bounds.

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let esco: Rt
let bare: Rt
beforeAll(async () => {
  esco = await createTestRuntime()
  await importTaxonomyPath(esco.db, SHARED_TAXONOMIES)
  bare = await createTestRuntime() // the built-in key competences only
}, 120_000)
afterAll(async () => { await esco.cleanup(); await bare.cleanup() })

const SKILLS = ['skill', 'key_competence'] as const
const search = (rt: Rt, q: string, lang = 'fr', limit = 8) => searchConcepts(rt, { q, lang, kinds: SKILLS, limit })
const first = async (rt: Rt, q: string, lang = 'fr') => (await search(rt, q, lang))[0]

describe('everyday words (fr, en) on the real ESCO data', () => {
  test.each([
    ['caisse', 'fr', 'effectuer des calculs'],
    ['accueil', 'fr', 'faire preuve d’empathie'],
    ['garde d’enfants', 'fr', 'assumer des responsabilités'],
    ['ménage', 'fr', 'mettre en application des normes d’hygiène'],
    ['bricolage', 'fr', 'utiliser avec précision des équipements, des outils ou des technologies'],
    ['service en salle', 'fr', 'travailler de manière efficace'],
    ['ponctualité', 'fr', 'gérer le temps'],
    ['childcare', 'en', 'assume responsibility'],
    ['cashier', 'en', 'carry out calculations'],
  ])('%s (%s) → %s, saying which everyday word matched', async (q, lang, label) => {
    const hit = await first(esco, q, lang)
    expect(hit).toMatchObject({ label, kind: 'skill', framework: ESCO, lang })
    expect(hit!.matched).toBeDefined()
    expect(hit!.matched!.toLowerCase()).toContain(q.slice(0, 4).toLowerCase())
  })

  test('"travail en équipe" finds the ESCO skill by its own label first', async () => {
    const results = await search(esco, 'travail en équipe')
    expect(results[0]).toMatchObject({ label: 'travailler en équipe' })
    expect(results[0]!.matched).toBeUndefined()
  })

  test('ignores accents, case and apostrophes: "equipe" finds "équipe", "garde d enfants" the childcare words', async () => {
    expect((await search(esco, 'equipe')).map((r) => r.label)).toContain('travailler en équipe')
    for (const q of ['GARDE D\'ENFANTS', 'garde d enfants', 'Garde d’Enfants', 'garde denf']) {
      expect((await first(esco, q))?.label, q).toBe(q === 'garde denf' ? undefined : 'assumer des responsabilités')
    }
    expect((await first(esco, 'menage'))?.matched).toBe('ménage')
  })

  test('finds a skill by an ESCO alternative label and says which', async () => {
    // "tenir ses promesses" is an alternative label of "respecter ses engagements".
    expect(await first(esco, 'tenir ses promesses')).toMatchObject({ label: 'respecter ses engagements', matched: 'tenir ses promesses' })
    expect(await first(esco, 'keep promises', 'en')).toMatchObject({ label: 'meet commitments', matched: 'keep promises' })
  })

  test('ranks the preferred label (exact, then starting with, then containing the words) before alternative labels and everyday words', async () => {
    const labels = (await search(esco, 'planifier')).map((r) => [r.label, r.matched])
    expect(labels[0]).toEqual(['planifier', undefined])
    const stress = (await search(esco, 'gerer')).map((r) => r.label)
    // "gérer …" labels (prefix) before labels that only contain the word.
    const lastPrefix = Math.max(...stress.map((l, i) => (l.startsWith('gérer') ? i : -1)))
    const firstOther = stress.findIndex((l) => !l.startsWith('gérer'))
    expect(firstOther === -1 || lastPrefix < firstOther).toBe(true)
  })

  test('without ESCO, everyday words lead to the built-in key competences', async () => {
    expect(await first(bare, 'caisse')).toMatchObject({ uri: keyCompetenceUri('KC3'), kind: 'key_competence', matched: 'caisse' })
    expect(await first(bare, 'childcare', 'en')).toMatchObject({ uri: keyCompetenceUri('KC5'), matched: 'childcare' })
    expect(await first(bare, 'informatique')).toMatchObject({ uri: keyCompetenceUri('KC4') })
  })

  test('every ESCO skill named by an everyday word exists in the shared ESCO data', async () => {
    const uris = [...new Set([...EVERYDAY_WORDS.values()].flat().flatMap((w) => w.uris).filter((u) => u.startsWith('http://data.europa.eu/esco/')))]
    expect(uris.length).toBeGreaterThan(20)
    const found = await esco.db.selectFrom('taxonomy_concepts').select('uri').where('uri', 'in', uris).where('kind', '=', 'skill').execute()
    expect(found.map((r) => r.uri).sort()).toEqual(uris.sort())
  })
})

describe('bounded work per request', () => {
  test('returns at most `limit` results, cuts the query at 100 characters and 8 words', async () => {
    expect(await searchConcepts(esco, { q: 'e', lang: 'fr', limit: 3 })).toHaveLength(3)
    const long = `travailler${' '.repeat(SEARCH_BOUNDS.maxQuery)}zzzz`
    // The tail past 100 characters ("zzzz") is not searched for; nor a ninth word.
    expect((await search(esco, long)).map((r) => r.label)).toContain('travailler en équipe')
    const nine = 'utiliser avec précision des équipements, des outils ou des technologies zzzz'
    expect((await search(esco, nine)).map((r) => r.label)).toEqual(['utiliser avec précision des équipements, des outils ou des technologies'])
    expect(await search(esco, 'zzzz utiliser')).toEqual([])
  })

  test('looks words up in the word index (a range of the primary key), never by scanning the labels', async () => {
    expect(await countWords(esco.db)).toBeGreaterThan(10_000)
    const query = sql`select distinct w.uri from taxonomy_words w where w.lang in ('fr', 'en') and w.word > 'equip' and w.word < 'equiq' limit 200`
    if (dialectOf(esco.db) === 'postgres') {
      // PostgreSQL's planner may prefer a scan of a small table: with scans priced out, the plan
      // shows whether the primary key can serve the range at all.
      const detail = await esco.db.transaction().execute(async (trx) => {
        await sql`set local enable_seqscan = off`.execute(trx)
        return (await sql<{ 'QUERY PLAN': string }>`explain ${query}`.execute(trx)).rows.map((r) => r['QUERY PLAN']).join(' | ')
      })
      expect(detail).toMatch(/Index (Only )?Scan using taxonomy_words_pk on taxonomy_words w/)
      expect(detail).not.toMatch(/Seq Scan/)
      return
    }
    const plan = await sql<{ detail: string }>`explain query plan ${query}`.execute(esco.db)
    const detail = plan.rows.map((r) => r.detail).join(' | ')
    expect(detail).toMatch(/SEARCH w USING (COVERING )?INDEX (sqlite_autoindex_taxonomy_words_1|taxonomy_words_pk)/)
    expect(detail).not.toMatch(/SCAN (w|taxonomy_labels)\b/)
  })

  test('keeps the word index in step with re-imported labels', async () => {
    const uri = 'http://data.europa.eu/esco/skill/test-reimport'
    await upsertConcepts(esco.db, [{ uri, kind: 'skill', framework: ESCO, code: null, labels: [{ lang: 'fr', label: 'jongler avec des quilles', altLabels: [], description: null }] }])
    expect((await first(esco, 'jongler'))?.uri).toBe(uri)
    await upsertConcepts(esco.db, [{ uri, kind: 'skill', framework: ESCO, code: null, labels: [{ lang: 'fr', label: 'faire du monocycle', altLabels: [], description: null }] }])
    expect(await search(esco, 'jongler')).toEqual([])
    expect((await first(esco, 'monocycle'))?.uri).toBe(uri)
  })
})
