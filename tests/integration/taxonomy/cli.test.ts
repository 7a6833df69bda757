import { execFile } from 'node:child_process'
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, test } from 'vitest'
import { openSqlite } from '@/db/client'
import { main } from '@/lib/cli'
import { escoSkillsCsv, SKILL_1, tempDir } from './fixtures'

// `npm run vc -- taxonomy import …` as an operator runs it: a separate process on a data folder
// (`vc`). Spawning costs seconds, so the other cases run the same `main` in-process (`vcHere`).
const root = resolve(import.meta.dirname, '../../..')
const run = promisify(execFile)
const dataDir = mkdtempSync(join(tmpdir(), 'tremplin-taxonomy-cli-'))
const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'test' }
process.env.DATA_DIR = dataDir
const files = tempDir()
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true })
  files.cleanup()
})

async function vc(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(join(root, 'node_modules/.bin/tsx'), ['lib/cli/index.ts', ...args], { cwd: root, env })
    return { code: 0, stdout, stderr }
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string }
    return { code: err.code, stdout: err.stdout, stderr: err.stderr }
  }
}

async function vcHere(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await main(args, { stdout: (s) => { stdout += s }, stderr: (s) => { stderr += s } })
  return { code, stdout, stderr }
}

describe('npm run vc -- taxonomy', () => {
  test('import exits 0, says what it imported, and the labels are in the data folder’s database', async () => {
    const csv = files.write('skills_fr.csv', escoSkillsCsv())
    const result = await vc('taxonomy', 'import', csv)
    expect(result).toMatchObject({ code: 0 })
    expect(result.stdout).toContain('skills_fr.csv: 4 concepts, 4 labels, 2 skipped')
    const db = openSqlite(join(dataDir, 'tremplin.sqlite'))
    try {
      expect(await db.selectFrom('taxonomy_labels').select(['lang', 'label']).where('uri', '=', SKILL_1).execute()).toEqual([{ lang: 'fr', label: 'travailler en équipe' }])
    } finally {
      await db.destroy()
    }
  })

  test('search prints matches, key competences included', async () => {
    const result = await vcHere('taxonomy', 'search', 'equipe', '--json')
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout).map((r: { label: string }) => r.label)).toContain('travailler en équipe')
    expect((await vcHere('taxonomy', 'search', 'numerique', '--kinds', 'key_competence')).stdout).toContain('Compétence numérique')
  })

  test.each([
    ['no subcommand', ['taxonomy']],
    ['an unknown subcommand', ['taxonomy', 'export', 'x']],
    ['import without a path', ['taxonomy', 'import']],
    ['two paths', ['taxonomy', 'import', 'a_fr.csv', 'b_fr.csv']],
    ['an unknown option', ['taxonomy', 'import', 'skills_fr.csv', '--force']],
    ['a malformed --lang', ['taxonomy', 'import', 'skills_fr.csv', '--lang', 'french!']],
    ['a CSV whose language is unknown', ['taxonomy', 'import', 'export.csv']],
  ])('exits 2 with the usage for %s', async (_, args) => {
    const result = await vcHere(...args)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('taxonomy import <file|folder>')
  })

  test('exits 2 with the usage in a real process too', async () => {
    const result = await vc('taxonomy', 'import')
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('taxonomy import <file|folder>')
  })

  test('exits 1 for a file that does not exist, cannot be read, or is not valid CSV', async () => {
    const missing = await vc('taxonomy', 'import', join(files.dir, 'missing_fr.csv'))
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(/Cannot read/)
    // (root reads any file: the permission case only means something for another user.)
    if (process.getuid?.() !== 0) {
      const locked = files.write('locked_fr.csv', escoSkillsCsv())
      chmodSync(locked, 0o000)
      expect((await vcHere('taxonomy', 'import', locked)).code).toBe(1)
    }
    const broken = files.write('broken_fr.csv', 'conceptUri,preferredLabel\nhttp://x/1,"never closed\n')
    const result = await vcHere('taxonomy', 'import', broken)
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/quoted field \(line 2\)/)
    const badJson = files.write('bad.json', '{ not json')
    expect((await vcHere('taxonomy', 'import', badJson)).code).toBe(1)
  })
})
