import { rmSync } from 'node:fs'
import { afterAll, expect, test } from 'vitest'
import { cliOnFreshData } from '../../helpers/cli'

// `npm run vc -- recheck-imports` as an operator runs it: one run of the re-check the server runs on a timer.
const { dataDir, vc } = cliOnFreshData('tremplin-recheck-')
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

test('runs once and says what it found; bad options exit 2', async () => {
  const r = await vc('recheck-imports', '--all')
  expect(r.code, r.stderr).toBe(0)
  expect(r.stdout).toMatch(/^Re-checked 0 imported credentials: active 0, none 0, revoked 0, suspended 0, invalid 0, unknown 0/)
  for (const args of [['recheck-imports', '--batch', '0'], ['recheck-imports', '--soon'], ['recheck-imports', 'now']]) {
    const bad = await vc(...args)
    expect(bad.code, args.join(' ')).toBe(2)
    expect(bad.stderr).toContain('recheck-imports')
  }
  expect((await vc('help')).stdout).toContain('recheck-imports [--all] [--batch N]')
}, 120_000)
