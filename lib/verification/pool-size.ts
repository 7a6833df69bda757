import { availableParallelism } from 'node:os'

/**
 * Default number of verification workers: every core but one, which stays with the main thread
 * (pages, the database, the answers to the workers' calls); at least 1, at most 4. On the 2-core
 * machines this runs on: 1 (docs/decisions/018).
 */
export function defaultVerifyWorkers(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1))
}
