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
