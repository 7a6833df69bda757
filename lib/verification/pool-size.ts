import { availableParallelism } from 'node:os'

/**
 * Default number of verification workers: every core but one, at least 1, at most 4 (1 on the
 * 2-core machines this runs on; docs/decisions/018, 022). Measured (issue 11): on 2 cores a second
 * worker verified no faster — JSON-LD expansion is allocation-heavy and V8's parallel garbage
 * collector already keeps the second core busy — while it took CPU from the thread that serves pages.
 * With more cores, the idle workers prove a presentation's credentials in parallel.
 */
export function defaultVerifyWorkers(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1))
}
