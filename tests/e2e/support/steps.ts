import { it } from 'vitest'

/**
 * Steps of one journey, run in order (tests in a file run one after the other). When a step fails,
 * the later ones are skipped with the reason, rather than failing for the same cause.
 */
export function journeySteps() {
  let failed: string | undefined
  return function step(name: string, fn: () => Promise<void>, timeout?: number) {
    it(name, async (ctx) => {
      if (failed) ctx.skip(`an earlier step failed: ${failed}`)
      try {
        await fn()
      } catch (e) {
        failed = name
        throw e
      }
    }, timeout)
  }
}
