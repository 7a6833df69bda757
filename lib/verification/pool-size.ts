import { availableParallelism } from 'node:os'

/**
 * Default number of verification workers: one per core, at most 4 (docs/decisions/018, amended by
 * 022). The main thread mostly waits (pages, the database, the workers' calls): a worker per core
 * lets one presentation's credentials be proved on every core at once. On the 2-core machines this
 * runs on: 2.
 */
export function defaultVerifyWorkers(): number {
  return Math.max(1, Math.min(4, availableParallelism()))
}
