import { afterAll, beforeAll, expect, test } from 'vitest'
import { getProfile } from '@/lib/profile/service'
import { seedDemoWorld } from '@/lib/seed/demo'
import { createTestRuntime } from '../../factories/runtime'

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
beforeAll(async () => {
  rt = await createTestRuntime()
  expect(await seedDemoWorld(rt)).toBe(true)
})
afterAll(() => rt.cleanup())

test('the demo’s Samira has a path of three kinds, goals, languages, and credentials linked to where they came from', async () => {
  const samira = await rt.db.selectFrom('users').select('id').where('username', '=', 'samira').executeTakeFirstOrThrow()
  const profile = await getProfile(rt, { id: samira.id, role: 'youth' }, 'fr')
  expect(new Set(profile.experiences.map((e) => e.kind))).toEqual(new Set(['formal', 'non_formal', 'informal']))
  expect(profile.experiences[0]).toMatchObject({ kind: 'informal', endedOn: null })
  expect(profile.experiences.flatMap((e) => e.credentials).length).toBeGreaterThanOrEqual(1)
  expect(profile.goals.length).toBeGreaterThanOrEqual(1)
  expect(profile.availability).toBe('soon')
  expect(profile.languages.map((l) => l.code)).toEqual(['fr', 'ar', 'en'])
  const lucas = await rt.db.selectFrom('users').select('id').where('username', '=', 'lucas').executeTakeFirstOrThrow()
  expect((await getProfile(rt, { id: lucas.id, role: 'youth' }, 'fr')).experiences).toEqual([])
})
