/**
 * (d) What a recruiter waits for, server time, warm and cold (targets: ≤ 100 ms warm, ≤ 300 ms cold):
 * - the shared portfolio page GET /p/<token> of 10 credentials on a production server: time to
 *   the last byte, measured by the client on loopback (median). Warm: the same share viewed
 *   again; cold: a new share of freshly issued credentials per sample.
 * - /verify of one badge: a server action (app/(public)/verify/actions.ts), so measured
 *   in-process as the action does its work — the verify rate limit, `verifyOnInstance` through a
 *   real pool of the production default size, and the cards (`contentOf`) — warm (the same badge)
 *   and cold (a fresh badge per sample). Not HTTP: the label says so.
 */
import { checkLimit } from '@/lib/security/limits'
import { contentOf } from '@/lib/verification/cards'
import { createTestRuntime } from '../factories/runtime'
import { freshAddress, startAppServer } from './app-server'
import { absoluteRow, median, runs, warmupsFor, type BenchRow } from './measure'
import { createBenchWorld, mustVerify, ourVerifiers, type Credential } from './world'

const SECTION = 'd'

async function lastByte(url: string): Promise<void> {
  const res = await fetch(url, { headers: { 'x-forwarded-for': freshAddress() }, signal: AbortSignal.timeout(60_000) })
  const html = await res.text()
  if (res.status !== 200) throw new Error(`bench: GET ${url} answered ${res.status}`)
  // The page must show a verified portfolio: anything else (busy, failed) measures nothing.
  if (!html.includes('data-portfolio-counts')) throw new Error(`bench: ${url} did not show the portfolio (busy or unavailable?)`)
  if (html.includes('data-status="failed"')) throw new Error(`bench: ${url} shows a failed check`)
}

async function portfolioRows(): Promise<BenchRow[]> {
  const warmRuns = runs(20, 3)
  const coldRuns = runs(15, 2)
  const app = await startAppServer(async (rt) => {
    const world = await createBenchWorld(rt)
    const warm = await world.share(await world.issue(10))
    const cold: string[] = []
    for (let i = 0; i < coldRuns + warmupsFor(coldRuns); i++) cold.push(await world.share(await world.issue(10)))
    return { warm, cold }
  })
  try {
    const page = (token: string) => `${app.base}/p/${token}`
    const warm = await median('GET /p/<token>, 10 credentials, warm (same share again), to last byte', warmRuns, () => lastByte(page(app.data.warm)))
    const cold = await median('GET /p/<token>, 10 credentials, cold (new share, fresh badges), to last byte', coldRuns, (t: string) => lastByte(page(t)), () => app.data.cold.shift()!)
    return [
      absoluteRow(SECTION, 'recruiter page /p/<token>, 10 credentials, warm (HTTP, last byte)', warm, 100),
      absoluteRow(SECTION, 'recruiter page /p/<token>, 10 credentials, cold (HTTP, last byte)', cold, 300),
    ]
  } finally {
    await app.stop()
  }
}

async function verifyPageRows(): Promise<BenchRow[]> {
  const rt = await createTestRuntime()
  const ours = ourVerifiers(rt)
  try {
    const world = await createBenchWorld(rt)
    ours.startPool()
    const [badge] = await world.issue(1)
    await ours.pooled({ input: badge!.document })
    // What verifyAction does once its input is read: the limit, the verification, the cards.
    const action = async (document: string) => {
      const now = new Date()
      if (await checkLimit(rt, 'verify', freshAddress(), now)) throw new Error('bench: rate-limited')
      const result = await ours.pooled({ input: document, now })
      mustVerify('/verify of one badge', result)
      return contentOf(document, result, now)
    }
    const coldRuns = runs(20, 2)
    const fresh = await world.issue(coldRuns + warmupsFor(coldRuns))
    const label = `/verify of one badge, in-process (the action's work, pool of ${ours.workers}; not HTTP)`
    const warm = await median(`${label}, warm`, runs(30, 3), () => action(badge!.document))
    const cold = await median<Credential>(`${label}, cold`, coldRuns, (c) => action(c.document), () => fresh.shift()!)
    return [absoluteRow(SECTION, `${label}, warm`, warm, 100), absoluteRow(SECTION, `${label}, cold`, cold, 300)]
  } finally {
    await ours.stopPool()
    await rt.cleanup()
  }
}

export async function runRecruiterBench(): Promise<BenchRow[]> {
  console.log('\n(d) the recruiter page /p/<token> (10 credentials) and /verify of one badge: server time')
  return [...(await portfolioRows()), ...(await verifyPageRows())]
}
