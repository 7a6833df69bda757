import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// The browser tests (`npm run test:e2e`): Debian's chromium driven by playwright-core against a
// production server that tests/e2e/support/global-setup.ts starts on a fresh data folder
// (or against E2E_BASE_URL). One file at a time, one worker: the files share that server.

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('./', import.meta.url)) } },
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    globalSetup: ['tests/e2e/support/global-setup.ts'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
})
