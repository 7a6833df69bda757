import { defineConfig } from 'vitest/config'
import { fileURLToPath } from 'node:url'

// Vitest 5's reporters call Map.groupBy (Node 21+). On this project's Node 20 the reporter would
// crash while printing failures, hiding which tests failed: provide it, per the ES2024 spec.
if (typeof (Map as unknown as { groupBy?: unknown }).groupBy !== 'function') {
  Object.defineProperty(Map, 'groupBy', {
    configurable: true,
    writable: true,
    value: <K, V>(items: Iterable<V>, key: (item: V, index: number) => K): Map<K, V[]> => {
      const map = new Map<K, V[]>()
      let i = 0
      for (const item of items) {
        const k = key(item, i++)
        const group = map.get(k)
        if (group) group.push(item)
        else map.set(k, [item])
      }
      return map
    },
  })
}

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('./', import.meta.url)) } },
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // What `experimental.authInterrupts` in next.config.ts sets for the app: forbidden() works in tests too.
    env: { __NEXT_EXPERIMENTAL_AUTH_INTERRUPTS: 'true' },
  },
})
