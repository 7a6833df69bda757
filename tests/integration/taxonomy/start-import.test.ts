import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { countConcepts } from '@/lib/taxonomy/repository'
import { ESCO, KEY_COMPETENCES } from '@/lib/taxonomy/types'
import { importSharedTaxonomies } from '@/scripts/import-shared-taxonomies'
import { createTestRuntime } from '../../factories/runtime'
import { tempDir } from './fixtures'

// npm start imports ../shared/taxonomies (relative to the repository root) once. The test builds
// its own small "shared" folder beside a pretend repository root.
const workspace = tempDir('tremplin-start-')
const repoRoot = join(workspace.dir, 'repo')
const shared = join(workspace.dir, 'shared', 'taxonomies')

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
beforeAll(async () => {
  rt = await createTestRuntime()
  mkdirSync(repoRoot, { recursive: true })
  mkdirSync(shared, { recursive: true })
  writeFileSync(join(shared, 'skills.json'), JSON.stringify({
    concepts: [
      { uri: 'http://data.europa.eu/esco/skill/s1', type: 'skill', labels: { en: 'show initiative', fr: 'faire preuve d’initiative' }, altLabels: { en: ['take the initiative'] } },
      { uri: 'http://data.europa.eu/esco/skill/g1', type: 'skillGroup', code: 'T3', labels: { en: 'self-management skills' } },
    ],
  }))
})
afterAll(async () => { await rt.cleanup(); workspace.cleanup() })

describe('importSharedTaxonomies (npm start)', () => {
  test('without a shared folder, loads only the built-in key competences', async () => {
    const lines: string[] = []
    const result = await importSharedTaxonomies(rt, { root: join(workspace.dir, 'elsewhere', 'repo'), log: (l) => lines.push(l) })
    expect(result).toEqual({ builtin: 8 })
    expect(await countConcepts(rt.db, { framework: KEY_COMPETENCES })).toBe(8)
    expect(await countConcepts(rt.db, { framework: ESCO })).toBe(0)
    expect(lines).toEqual([])
  })

  test('with a shared folder and no ESCO concept yet, imports it and prints one line with the counts', async () => {
    const lines: string[] = []
    const result = await importSharedTaxonomies(rt, { root: repoRoot, log: (l) => lines.push(l) })
    expect(result.imported).toMatchObject({ concepts: 2, labels: 3 })
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/2 concepts, 3 labels/)
    expect(await countConcepts(rt.db, { framework: ESCO })).toBe(2)
  })

  test('once ESCO concepts exist, the next start imports nothing', async () => {
    writeFileSync(join(shared, 'more.json'), JSON.stringify({ concepts: [{ uri: 'http://data.europa.eu/esco/skill/s2', type: 'skill', labels: { en: 'new skill' } }] }))
    const lines: string[] = []
    expect(await importSharedTaxonomies(rt, { root: repoRoot, log: (l) => lines.push(l) })).toEqual({ builtin: 8 })
    expect(lines).toEqual([])
    expect(await countConcepts(rt.db, { framework: ESCO })).toBe(2)
  })
})
