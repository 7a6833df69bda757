import { execFile } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)
export const repoRoot = resolve(import.meta.dirname, '../..')

/**
 * The CLI as a user runs it (`npm run vc` is `tsx lib/cli/index.ts`): a separate process on its own
 * fresh data folder. Returns the environment (for an in-process runtime on the same folder) and a
 * runner that never throws on a non-zero exit.
 */
export function cliOnFreshData(prefix: string) {
  const dataDir = mkdtempSync(join(tmpdir(), prefix))
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PUBLIC_URL: 'https://tremplin.test', NODE_ENV: 'test' }
  async function vc(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await run(join(repoRoot, 'node_modules/.bin/tsx'), ['lib/cli/index.ts', ...args], { cwd: repoRoot, env, maxBuffer: 20 * 1024 * 1024 })
      return { code: 0, stdout, stderr }
    } catch (e) {
      const err = e as { code: number; stdout: string; stderr: string }
      return { code: err.code, stdout: err.stdout, stderr: err.stderr }
    }
  }
  return { dataDir, env, vc }
}

/**
 * A TypeScript script of the tests run as its own process (tsx, from the repository), whose last
 * line of standard output is its JSON result. Throws (with its output) when it exits non-zero.
 */
export async function runScriptForJson<T>(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<T> {
  const { stdout } = await run(join(repoRoot, 'node_modules/.bin/tsx'), [join(repoRoot, script), ...args], { cwd: repoRoot, env, maxBuffer: 10 * 1024 * 1024 })
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as T
}
