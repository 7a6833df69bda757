/**
 * (f) What the trust issue's protections cost, so that they stay cheap:
 * - the worker hand-off: the same warm 1-credential verification in-process and through the pool;
 * - the input and remote-work limits: verify() of a warm 10-credential presentation with the
 *   default limits and with limits so large they never bind;
 * - the per-address rate limit: one `enforceLimits` hit on the real SQLite file, a new address
 *   each time (as the HTTP bench's clients), against the warm 1-credential verification it guards.
 */
import { DEFAULT_VERIFY_LIMITS } from '@/lib/credentials/verify/limits'
import { enforceLimits } from '@/lib/security/limits'
import { createTestRuntime } from '../factories/runtime'
import { freshAddress } from './app-server'
import { median, runs, type BenchRow } from './measure'
import { createBenchWorld, ourVerifiers, type BenchWorld } from './world'

const SECTION = 'f'

type Signed = Awaited<ReturnType<BenchWorld['present']>>

/** A cost row: `ours` with the protection, `peer` without; the note gives the difference in ms. */
function costRow(label: string, withIt: number, without: number): BenchRow {
  return { section: SECTION, label, unit: 'ms', ours: withIt, peer: without, ratio: withIt / without, note: `cost ${(withIt - without).toFixed(2)} ms` }
}

export async function runProtectionsBench(): Promise<BenchRow[]> {
  console.log('\n(f) the cost of the protections (worker hand-off, limits, rate limit)')
  const rt = await createTestRuntime()
  const ours = ourVerifiers(rt)
  try {
    const world = await createBenchWorld(rt)
    const [one] = await world.issue(1)
    const ten = await world.issue(10)
    ours.startPool()
    const single = { input: one!.document }
    await ours.pooled(single) // threads loaded, the credential seen by the worker
    const n = runs(50, 3)
    const inProcess = await median('warm 1-credential verify, in-process', n, () => ours.inProcess(single))
    const pooled = await median(`warm 1-credential verify, through the pool (${ours.workers} worker(s))`, n, () => ours.pooled(single))

    // Every limit at a value it never reaches: what is left is the bookkeeping's cost.
    const huge = Object.fromEntries(Object.keys(DEFAULT_VERIFY_LIMITS).map((k) => [k, 1_000_000_000]))
    const vp = (s: Signed, limits?: Record<string, number>) => ({ input: s.document, challenge: s.challenge, domain: s.domain, ...(limits ? { limits } : {}) })
    const fresh = () => world.present(ten)
    const m = runs(20, 3)
    const defaults = await median<Signed>('warm 10-credential VP, in-process, default limits', m, (s) => ours.inProcess(vp(s)), fresh)
    const unbounded = await median<Signed>('warm 10-credential VP, in-process, limits that never bind', m, (s) => ours.inProcess(vp(s, huge)), fresh)

    const hit = await median('rate-limit hit (enforceLimits, real SQLite, new address)', runs(200, 5), () => enforceLimits(rt, [['verify', freshAddress()]]))
    return [
      costRow(`worker hand-off: warm 1-credential verify, pool of ${ours.workers} vs in-process`, pooled, inProcess),
      costRow('limits: warm 10-credential VP, default limits vs never-binding ones', defaults, unbounded),
      { section: SECTION, label: 'rate-limit hit per request vs the warm 1-credential verify it guards', unit: 'ms', ours: hit, peer: inProcess, ratio: hit / inProcess, note: `cost ${hit.toFixed(2)} ms` },
    ]
  } finally {
    await ours.stopPool()
    await rt.cleanup()
  }
}
