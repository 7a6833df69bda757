import { defineConfig } from 'vitest/config'
import { fileURLToPath } from 'node:url'

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('./', import.meta.url)) } },
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // One migrated database per run, copied per test file (SQLite, or PostgreSQL with TEST_DATABASE_URL).
    globalSetup: ['tests/setup/databases.ts'],
    // What `experimental.authInterrupts` in next.config.ts sets for the app: forbidden() works in tests too.
    env: { __NEXT_EXPERIMENTAL_AUTH_INTERRUPTS: 'true' },
  },
})
