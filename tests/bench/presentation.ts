/**
 * (a) Verifying a 10-credential OB 3.0 presentation (eddsa-rdfc-2022): our pipeline against
 * @digitalbazaar/vc's `verify` on the same kind of document, cold and warm.
 *
 * - cold: 10 credentials never seen by this process (a fresh set per sample, issued before timing);
 * - warm: the same 10 credentials, in a NEW presentation with a NEW challenge per sample (as when
 *   a portfolio is viewed again). Presentations are signed outside the timed part.
 * Ours is measured in-process (`verify()` with the instance's services) and through a real worker
 * pool of the production default size (`verifyOnInstance`, as the server runs it).
 */
import { createTestRuntime } from '../factories/runtime'
import { median, runs, timeRow, warmupsFor, type BenchRow } from './measure'
import { createBenchWorld, ourVerifiers, peerVerifier, type BenchWorld, type Credential } from './world'

const SECTION = 'a'
const N = 10

type Signed = Awaited<ReturnType<BenchWorld['present']>>

export async function runPresentationBench(): Promise<BenchRow[]> {
  console.log('\n(a) verify a 10-credential OB 3.0 presentation (eddsa-rdfc-2022): ours vs @digitalbazaar/vc')
  const rt = await createTestRuntime()
  const ours = ourVerifiers(rt)
  try {
    const world = await createBenchWorld(rt)
    const peer = peerVerifier(rt)
    const coldRuns = runs(15, 2)
    const warmRuns = runs(30, 3)
    const warmups = warmupsFor(coldRuns)
    console.log(`  issuing ${3 * (coldRuns + warmups) + 1} sets of ${N} badges for the cold samples…`)
    const coldSets = await world.issueSets(3 * (coldRuns + warmups), N)
    const warmSet = await world.issue(N)
    // Cold: each verifier takes its own never-seen sets (the peer too: nothing it saw is reused).
    const coldFeed = (sets: Credential[][]) => () => world.present(sets.shift()!)
    const [coldIn, coldPool, coldPeer] = [0, 1, 2].map((k) => coldSets.slice(k * (coldRuns + warmups), (k + 1) * (coldRuns + warmups)))
    const warmFeed = () => world.present(warmSet)
    const asRequest = (s: Signed) => ({ input: s.document, challenge: s.challenge, domain: s.domain })

    ours.startPool()
    await ours.pooled(asRequest(await world.present(await world.issue(1)))) // the pool's threads loaded
    const peerCold = await median<Signed>('peer @digitalbazaar/vc verify, cold', coldRuns, (s) => peer(s), coldFeed(coldPeer!))
    const inCold = await median<Signed>('ours in-process (verify()), cold', coldRuns, (s) => ours.inProcess(asRequest(s)), coldFeed(coldIn!))
    const poolCold = await median<Signed>(`ours through the pool (${ours.workers} worker(s)), cold`, coldRuns, (s) => ours.pooled(asRequest(s)), coldFeed(coldPool!))
    const peerWarm = await median<Signed>('peer @digitalbazaar/vc verify, warm', warmRuns, (s) => peer(s), warmFeed)
    const inWarm = await median<Signed>('ours in-process (verify()), warm', warmRuns, (s) => ours.inProcess(asRequest(s)), warmFeed)
    const poolWarm = await median<Signed>(`ours through the pool (${ours.workers} worker(s)), warm`, warmRuns, (s) => ours.pooled(asRequest(s)), warmFeed)
    return [
      timeRow(SECTION, '10-credential VP, cold, in-process', inCold, peerCold, 0.7),
      timeRow(SECTION, `10-credential VP, cold, pool of ${ours.workers}`, poolCold, peerCold, 0.7),
      timeRow(SECTION, '10-credential VP, warm, in-process', inWarm, peerWarm, 0.2),
      timeRow(SECTION, `10-credential VP, warm, pool of ${ours.workers}`, poolWarm, peerWarm, 0.2),
    ]
  } finally {
    await ours.stopPool()
    await rt.cleanup()
  }
}
