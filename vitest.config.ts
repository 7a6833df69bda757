import { defineConfig } from 'vitest/config'
import { fileURLToPath } from 'node:url'

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('./', import.meta.url)) } },
  test: {
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // One migrated database per run, copied per test file (SQLite, or PostgreSQL with TEST_DATABASE_URL).
    globalSetup: ['tests/setup/databases.ts'],
    // What `experimental.authInterrupts` in next.config.ts sets for the app: forbidden() works in tests too.
    env: { __NEXT_EXPERIMENTAL_AUTH_INTERRUPTS: 'true' },
    projects: [
      // Pure functions and their fixtures: one module graph shared by the files of a worker (no
      // fresh import per file), about 2.5× faster. A unit test keeps no state in module globals.
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], isolate: false } },
      // Databases, processes, the runtime singleton: each file in a fresh module graph.
      { extends: true, test: { name: 'integration', include: ['tests/integration/**/*.test.ts'] } },
    ],
  },
})
