// Vitest 5's reporters call Map.groupBy (ES2024, Node 21+). On this project's Node 20 a reporter
// would crash while printing failures, hiding which tests failed: provide it, per the spec.
// Imported by both vitest configs (they run in the main process, where the reporters live).
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
export {}
