import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readEnv } from '@/lib/env'
import { createRuntime, type Runtime } from '@/lib/runtime'

export const TEST_PUBLIC_URL = 'https://tremplin.test'

/**
 * A real runtime on a fresh SQLite file in its own temporary folder (one per test file or test),
 * with a random master key. `cleanup()` closes the database and removes the folder.
 */
export async function createTestRuntime(): Promise<Runtime & { dataDir: string; cleanup: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tremplin-test-'))
  const env = readEnv({
    DATA_DIR: dataDir,
    MASTER_KEY: randomBytes(32).toString('hex'),
    PUBLIC_URL: TEST_PUBLIC_URL,
    NODE_ENV: 'test',
  })
  const rt = await createRuntime(env)
  return {
    ...rt,
    dataDir,
    cleanup: async () => {
      await rt.db.destroy()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
