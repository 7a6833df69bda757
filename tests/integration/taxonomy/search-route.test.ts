import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { setRuntime } from '@/lib/runtime'
import { upsertConcepts } from '@/lib/taxonomy/repository'
import { ESCO } from '@/lib/taxonomy/types'
import { GET } from '@/app/api/taxonomy/search/route'
import { createTestRuntime } from '../../factories/runtime'

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
beforeAll(async () => {
  rt = await createTestRuntime()
  setRuntime(rt)
  await upsertConcepts(rt.db, [{
    uri: 'http://data.europa.eu/esco/skill/team', kind: 'skill', framework: ESCO, code: null,
    labels: [{ lang: 'fr', label: 'travailler en équipe', altLabels: [], description: 'Coopérer.' }, { lang: 'en', label: 'work in teams', altLabels: [], description: null }],
  }])
})
afterAll(() => rt.cleanup())

const get = (query: string) => GET(new Request(`https://tremplin.test/api/taxonomy/search?${query}`))

describe('GET /api/taxonomy/search', () => {
  test('answers { results } in the requested language, publicly cacheable for a short time', async () => {
    const response = await get('q=EQUIPE&lang=fr&kinds=skill,key_competence&limit=5')
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toMatch(/^public, max-age=60\b/)
    // First the skill named so; then what everyday words lead to (here a key competence, via "esprit d’équipe").
    expect((await response.json()).results[0]).toEqual({ uri: 'http://data.europa.eu/esco/skill/team', kind: 'skill', framework: ESCO, code: null, label: 'travailler en équipe', description: 'Coopérer.', lang: 'fr' })
  })

  test('needs no session (public reference data)', async () => {
    expect((await get('q=teams&lang=en')).status).toBe(200)
  })

  test.each([
    ['no q', 'lang=fr'],
    ['an empty q', 'q=%20%20&lang=fr'],
    ['a q over 100 characters', `q=${'a'.repeat(101)}`],
    ['a limit over 50', 'q=team&limit=51'],
    ['a limit that is not a number', 'q=team&limit=ten'],
    ['an unknown kind', 'q=team&kinds=skill,planet'],
    ['a malformed language', 'q=team&lang=fr-FR;drop'],
  ])('refuses %s with 400 and the field at fault', async (_, query) => {
    const response = await get(query)
    expect(response.status).toBe(400)
    const body = await response.json()
    expect(body.error).toBe('INVALID_QUERY')
    expect(Object.keys(body.fieldErrors).length).toBeGreaterThan(0)
  })
})
