import { afterAll, beforeAll, expect, test } from 'vitest'
import { seedDemoWorld } from '@/lib/seed/demo'
import { toCard } from '@/lib/wallet/cards'
import { createTestRuntime } from '../../factories/runtime'

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
beforeAll(async () => {
  rt = await createTestRuntime()
  expect(await seedDemoWorld(rt)).toBe(true)
})
afterAll(() => rt.cleanup())

test('the demo’s credentials state their evidence level, signed in: some witnessed, some assessed; the skills index agrees', async () => {
  const rows = await rt.db.selectFrom('credentials').innerJoin('users', 'users.id', 'credentials.holder_user_id')
    .select(['credentials.id', 'credentials.document', 'credentials.format', 'credentials.title']).where('users.username', '=', 'samira').execute()
  const levels = rows.map((r) => toCard({ document: r.document, format: r.format }).evidenceLevel)
  expect(levels).not.toContain(null)
  expect(new Set(levels)).toEqual(new Set(['witnessed', 'assessed']))
  const indexed = await rt.db.selectFrom('credential_skills').select(['credential_id', 'evidence_level']).where('credential_id', 'in', rows.map((r) => r.id)).execute()
  expect(indexed.length).toBeGreaterThan(0)
  for (const i of indexed) expect(i.evidence_level).toBe(levels[rows.findIndex((r) => r.id === i.credential_id)])
})

test('the demo’s network: Samira is in the directory and Julie finds her blind; Lucas’s story waits in Claire’s queue', async () => {
  const { searchDirectory } = await import('@/lib/directory/service')
  const { parseSearch } = await import('@/lib/directory/schemas')
  const { listStoryRequests } = await import('@/lib/stories/service')
  const user = (username: string) => rt.db.selectFrom('users').select(['id', 'role', 'display_name']).where('username', '=', username).executeTakeFirstOrThrow()
  const [samira, lucas, julie, claire] = await Promise.all(['samira', 'lucas', 'julie', 'claire'].map(user))
  expect(await rt.db.selectFrom('directory_entries').select('user_id').execute()).toEqual([{ user_id: samira!.id }])
  expect(await rt.db.selectFrom('consent_events').select(['user_id', 'kind']).execute()).toEqual([{ user_id: samira!.id, kind: 'directory_opt_in' }])
  const found = await searchDirectory(rt, { id: julie!.id, role: 'recruiter' } as never, parseSearch({}), 'fr')
  expect(JSON.stringify(found)).not.toContain(samira!.display_name)
  expect(found.total).toBe(1)
  expect(JSON.stringify(found)).toMatch(/[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}/)
  const queue = await listStoryRequests(rt, { id: claire!.id, role: 'counsellor' } as never)
  expect(queue.requested.map((s) => [s.skillLabel, s.youthName])).toEqual([['Garder des enfants', lucas!.display_name]])
})
