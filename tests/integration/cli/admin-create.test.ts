import { spawn } from 'node:child_process'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { authenticate } from '@/lib/auth/service'
import { readEnv } from '@/lib/env'
import { main } from '@/lib/cli/index'
import { createRuntime, type Runtime } from '@/lib/runtime'
import { cliOnFreshData, repoRoot } from '../../helpers/cli'

// `npm run vc -- admin create` as an operator runs it: a separate process on a real data folder,
// the password generated or given on standard input (decision 033).
const { dataDir, env } = cliOnFreshData('tremplin-cli-admin-')
let rt: Runtime

/** The CLI with `input` on its standard input (a pipe, as in a script). */
function vc(args: string[], input = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((ok, fail) => {
    const child = spawn(join(repoRoot, 'node_modules/.bin/tsx'), ['lib/cli/index.ts', ...args], { cwd: repoRoot, env })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c) => { stdout += c })
    child.stderr.on('data', (c) => { stderr += c })
    child.on('error', fail)
    child.on('close', (code) => ok({ code: code ?? -1, stdout, stderr }))
    child.stdin.end(input)
  })
}

const admins = () => rt.db.selectFrom('users').select(['username', 'display_name', 'role', 'activated_at']).where('role', '=', 'admin').orderBy('username').execute()

beforeAll(async () => {
  rt = await createRuntime(readEnv(env))
})
afterAll(async () => {
  await rt.db.destroy()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('npm run vc -- admin create', () => {
  test('with no password given, generates a strong one, prints it once, and it signs the admin in', async () => {
    const r = await vc(['admin', 'create', '--username', 'Ops', '--name', 'Équipe exploitation'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain('Admin "ops" created (1 admin account now). Sign in at https://tremplin.test/sign-in')
    const password = /shown once[^:]*: (\S+)/.exec(r.stdout)?.[1]
    expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/)
    expect(await admins()).toEqual([expect.objectContaining({ username: 'ops', display_name: 'Équipe exploitation', role: 'admin', activated_at: expect.any(String) })])
    expect((await authenticate(rt, 'ops', password!)).role).toBe('admin')
    const stored = await rt.db.selectFrom('users').select('password_hash').where('username', '=', 'ops').executeTakeFirstOrThrow()
    expect(stored.password_hash).toMatch(/^scrypt\$/)
    expect(stored.password_hash).not.toContain(password!)
  })

  test('--password-stdin takes the first line of standard input and prints no password', async () => {
    const r = await vc(['admin', 'create', '--username', 'second', '--name', 'Second Admin', '--password-stdin'], 'une phrase facile à retenir\nignored\n')
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain('(2 admin accounts now)')
    expect(r.stdout).not.toContain('shown once')
    expect((await authenticate(rt, 'second', 'une phrase facile à retenir')).role).toBe('admin')
  })

  test('a username already used (in any case) is refused, and nothing changes', async () => {
    const r = await vc(['admin', 'create', '--username', 'OPS', '--name', 'Impostor'])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('username: "ops" is already taken')
    expect((await admins()).map((a) => a.display_name)).toEqual(['Équipe exploitation', 'Second Admin'])
  })

  test('the app’s password rules hold: a password under 10 characters is refused', async () => {
    const r = await vc(['admin', 'create', '--username', 'shorty', '--name', 'Short Password', '--password-stdin'], 'court\n')
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('password: at least 10 characters')
    expect((await admins()).map((a) => a.username)).not.toContain('shorty')
  })

  test.each([
    [['admin', 'create', '--username', 'x1x'], 'needs --username and --name'],
    [['admin'], 'admin needs a command: create'],
    [['admin', 'create', '--username', 'ok1', '--name', 'OK', '--password', 'given-on-the-line'], "Unknown option '--password'"],
  ])('%j is a usage error (exit 2)', async (args, message) => {
    // Refused before anything is opened: the CLI's main function, in this process.
    let stderr = ''
    expect(await main(args, { stdout: () => {}, stderr: (s) => { stderr += s } })).toBe(2)
    expect(stderr).toContain(message)
  })

  test('an invalid username or an empty standard input is refused', async () => {
    const bad = await vc(['admin', 'create', '--username', 'a b', '--name', 'Spaces'])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('username: 3 to 40 characters')
    const empty = await vc(['admin', 'create', '--username', 'nopass', '--name', 'No Password', '--password-stdin'], '')
    expect(empty.code).toBe(2)
    expect(empty.stderr).toContain('standard input was empty')
    expect((await admins()).map((a) => a.username)).toEqual(['ops', 'second'])
  })
})
