import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { readEnv } from '@/lib/env'
import { createRuntime } from '@/lib/runtime'
import { repoRoot } from '../../helpers/cli'

// `npm start`'s preparation (scripts/start.ts --prepare-only: everything but the build and the
// server) on a new data folder, in a real process on real SQLite (decision 033).
const folders: string[] = []
afterAll(() => { for (const f of folders) rmSync(f, { recursive: true, force: true }) })

function freshFolder() {
  const dir = mkdtempSync(join(tmpdir(), 'tremplin-first-start-'))
  folders.push(dir)
  return join(dir, 'data')
}

/** The environment of a shell that sets only `vars` (vitest's own NODE_ENV=test left out). */
function shellEnv(vars: Record<string, string>): NodeJS.ProcessEnv {
  const { NODE_ENV: _, SEED_DEMO: __, PUBLIC_URL: ___, MASTER_KEY: ____, ...rest } = process.env
  return { ...rest, ...vars } as NodeJS.ProcessEnv
}

function run(script: string, args: string[], env: NodeJS.ProcessEnv, input = ''): Promise<{ code: number; out: string }> {
  return new Promise((ok, fail) => {
    const child = spawn(join(repoRoot, 'node_modules/.bin/tsx'), [script, ...args], { cwd: repoRoot, env })
    let out = ''
    child.stdout.on('data', (c) => { out += c })
    child.stderr.on('data', (c) => { out += c })
    child.on('error', fail)
    child.on('close', (code) => ok({ code: code ?? -1, out }))
    child.stdin.end(input)
  })
}
const prepare = (env: NodeJS.ProcessEnv) => run('scripts/start.ts', ['--prepare-only'], env)

async function accounts(dataDir: string) {
  const rt = await createRuntime(readEnv({ DATA_DIR: dataDir, NODE_ENV: 'test' } as Partial<NodeJS.ProcessEnv> as NodeJS.ProcessEnv))
  try {
    return await rt.db.selectFrom('users').select(['username', 'role']).orderBy('username').execute()
  } finally {
    await rt.db.destroy()
  }
}

describe('npm start on a new data folder', () => {
  test('with NODE_ENV=production: migrated, no demo account, and it says how to create the first admin — until there is one', async () => {
    const dataDir = freshFolder()
    const env = shellEnv({ DATA_DIR: dataDir, NODE_ENV: 'production', PUBLIC_URL: 'https://tremplin.example.org' })
    const first = await prepare(env)
    expect(first.code, first.out).toBe(0)
    expect(first.out).not.toContain('Demo world created')
    expect(first.out).toContain('no admin account yet')
    expect(first.out).toContain('npm run vc -- admin create --username <username> --name')
    expect(first.out).not.toContain('serving on')
    expect(existsSync(join(dataDir, 'master.key'))).toBe(true)
    expect(await accounts(dataDir)).toEqual([])

    const created = await run('lib/cli/index.ts', ['admin', 'create', '--username', 'ops', '--name', 'Ops', '--password-stdin'], env, 'a long enough secret\n')
    expect(created.code, created.out).toBe(0)
    const again = await prepare(env)
    expect(again.code, again.out).toBe(0)
    expect(again.out).not.toContain('no admin account yet')
    expect(await accounts(dataDir)).toEqual([{ username: 'ops', role: 'admin' }])
  }, 120_000)

  test('with SEED_DEMO=true and NODE_ENV=production: refused, naming why, and nothing is created', async () => {
    const dataDir = freshFolder()
    const r = await prepare(shellEnv({ DATA_DIR: dataDir, NODE_ENV: 'production', SEED_DEMO: 'true' }))
    expect(r.code).toBe(1)
    expect(r.out).toContain('SEED_DEMO: true, but NODE_ENV is production')
    expect(existsSync(dataDir)).toBe(false)
  }, 60_000)

  test('a newcomer’s local start (nothing set) seeds the demo world, and needs no admin hint', async () => {
    const dataDir = freshFolder()
    const r = await prepare(shellEnv({ DATA_DIR: dataDir }))
    expect(r.code, r.out).toBe(0)
    expect(r.out).toContain('Demo world created')
    expect(r.out).not.toContain('no admin account yet')
    expect(await accounts(dataDir)).toContainEqual({ username: 'admin', role: 'admin' })
  }, 120_000)
})
