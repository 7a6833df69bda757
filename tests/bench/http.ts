/**
 * (c) HTTP: POST /presentations/verify of a 10-credential presentation, throughput and p50/p99
 * with autocannon at 1, 10 and 50 connections, warm and cold, on a production server of the app
 * and on the baseline (tests/bench/baseline-server.ts), both started here and stopped at the end.
 *
 * - warm: the same VP body for every request, for a fixed duration (the VC-API verifier's
 *   challenge is the one in `options`: reusing it is fine);
 * - cold: a distinct VP of never-seen credentials per request, sent in order (`setupRequest`),
 *   `amount` = the number of bodies. Both servers get the same bodies: each sees them first.
 * Every request names its own client address (X-Forwarded-For 10.x.y.z, trusted from loopback):
 * the verify limit (60 / 10 min per address) is never reached, and its cost is paid per request.
 * A run with errors, timeouts or any non-2xx answer (429, 503, 422…) is INVALID and says so.
 * Requests/s: 2xx answers ÷ the time to the last answer; p50/p99: of the 2xx answers (autocannon).
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import autocannon from 'autocannon'
import { instanceDidResolver } from '@/lib/verification/service'
import { freshAddress, startAppServer, waitUntilUp } from './app-server'
import { freePort, QUICK, sleep, type BenchRow } from './measure'
import { createBenchWorld } from './world'

const SECTION = 'c'
const LEVELS = [1, 10, 50]
const root = resolve(import.meta.dirname, '../..')
const tsxCli = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs')

/** Cold bodies per connection level: enough for a steady state, fewer under BENCH_QUICK. */
const coldAmount = (connections: number) => (QUICK ? connections : Math.max(20, 2 * connections))
const WARM_SECONDS = QUICK ? 3 : 10

interface Run { rps: number; p50: number; p99: number; invalid?: string }

const bodyOf = (vp: { document: string; challenge: string; domain: string }) =>
  JSON.stringify({ verifiablePresentation: JSON.parse(vp.document), options: { challenge: vp.challenge, domain: vp.domain } })

async function cannon(url: string, connections: number, bodies: string[], warm: boolean): Promise<Run> {
  let next = 0
  const started = performance.now()
  let last = started
  const options: autocannon.Options = {
    url: url + '/presentations/verify',
    method: 'POST',
    connections,
    timeout: 60,
    ...(warm ? { duration: WARM_SECONDS } : { amount: bodies.length }),
    headers: { 'content-type': 'application/json' },
    body: bodies[0],
    requests: [{
      // A new client address per request; cold: the next never-seen body. Each connection builds
      // one request ahead that it never sends once its share is done, so near the very end a few
      // requests (fewer than `connections`) may wrap onto a body already sent.
      setupRequest: (req) => ({ ...req, headers: { ...req.headers, 'x-forwarded-for': freshAddress() }, body: bodies[next++ % bodies.length] }),
    }],
  }
  const result = await new Promise<autocannon.Result>((ok, ko) => {
    autocannon(options, (error, r) => (error ? ko(error) : ok(r))).on('response', () => { last = performance.now() })
  })
  // Our own clock, to the last answer: autocannon stops on a 1 s tick, too coarse for a short run.
  const seconds = (last - started) / 1000
  const counts = Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => `${s.count}×${code}`).join(' ')
  const ok = result['2xx']
  const problems = result.errors + result.timeouts + result.non2xx
  return {
    rps: ok / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ...(problems || ok === 0 ? { invalid: `INVALID: ${result.errors} errors, ${result.timeouts} timeouts, answers ${counts || 'none'}` } : {}),
  }
}

/** The baseline in its own process, on the organisation's DID document(s) given as a file. */
async function startBaseline(didDocuments: Record<string, unknown>) {
  const dir = mkdtempSync(join(tmpdir(), 'tremplin-bench-baseline-'))
  const file = join(dir, 'did-documents.json')
  writeFileSync(file, JSON.stringify(didDocuments))
  const port = await freePort()
  const child = spawn(process.execPath, [tsxCli, join(import.meta.dirname, 'baseline-server.ts'), String(port), file], { cwd: root, detached: true, stdio: ['ignore', 'ignore', 'inherit'] })
  const base = `http://127.0.0.1:${port}`
  const stop = async () => {
    try { process.kill(-child.pid!, 'SIGTERM') } catch { /* already gone */ }
    await sleep(300)
    rmSync(dir, { recursive: true, force: true })
  }
  await waitUntilUp(base + '/', child, stop)
  return { base, stop }
}

const fmtRun = (r: Run) => `${r.rps.toFixed(1).padStart(7)} req/s  p50 ${String(r.p50).padStart(6)} ms  p99 ${String(r.p99).padStart(6)} ms${r.invalid ? `  ${r.invalid}` : ''}`

export async function runHttpBench(): Promise<BenchRow[]> {
  console.log('\n(c) HTTP POST /presentations/verify, 10 credentials: the app (production server) vs a bare node:http + @digitalbazaar/vc')
  console.log(`  seeding: ${LEVELS.reduce((n, c) => n + coldAmount(c), 0)} cold presentations of 10 fresh badges, before the server starts…`)
  const app = await startAppServer(async (rt) => {
    const world = await createBenchWorld(rt)
    const warm = bodyOf(await world.present(await world.issue(10)))
    const cold: Record<number, string[]> = {}
    for (const c of LEVELS) {
      cold[c] = []
      for (let i = 0; i < coldAmount(c); i++) cold[c].push(bodyOf(await world.present(await world.issue(10))))
    }
    const did = world.org.did!
    const { didDocument } = await instanceDidResolver(rt).resolve(did)
    return { warm, cold, didDocuments: { [did]: didDocument } }
  })
  const baseline = await startBaseline(app.data.didDocuments).catch(async (e) => { await app.stop(); throw e })
  const rows: BenchRow[] = []
  try {
    // Both servers warmed up: compiled routes, JIT, the pool's threads, the warm VP seen once.
    for (const base of [app.base, baseline.base]) await cannon(base, 1, [app.data.warm], false)
    for (const connections of LEVELS) {
      for (const warm of [true, false]) {
        const bodies = warm ? [app.data.warm] : app.data.cold[connections]!
        const ours = await cannon(app.base, connections, bodies, warm)
        const peer = await cannon(baseline.base, connections, bodies, warm)
        const label = `${warm ? 'warm' : 'cold'}, ${connections} connection(s)`
        console.log(`  ${label.padEnd(24)} app      ${fmtRun(ours)}\n  ${''.padEnd(24)} baseline ${fmtRun(peer)}   ratio ×${(ours.rps / peer.rps).toFixed(2)}`)
        rows.push(...rowsOf(label, connections, warm, ours, peer))
        if (ours.invalid || peer.invalid) console.log(`  !!! ${label}: this run is INVALID (${[ours.invalid && 'app', peer.invalid && 'baseline'].filter(Boolean).join(' and ')}): its numbers do not compare !!!`)
      }
    }
    return rows
  } finally {
    await baseline.stop()
    await app.stop()
  }
}

/** Throughput against the baseline (target at 10 connections), and p50/p99 as rows without a peer ratio target but p99 < 100 ms warm at 10. */
function rowsOf(label: string, connections: number, warm: boolean, ours: Run, peer: Run): BenchRow[] {
  const minRatio = connections === 10 ? (warm ? 2 : 1.5) : undefined
  const ratio = ours.rps / peer.rps
  const note = [ours.invalid && `app ${ours.invalid}`, peer.invalid && `baseline ${peer.invalid}`].filter(Boolean).join('; ') || undefined
  const valid = !note
  // An invalid run's latencies include fast refusals (503, 429): every row of it carries the note.
  const flag = note ? { note } : {}
  return [
    { section: SECTION, label: `${label}: requests/s`, unit: 'req/s', ours: ours.rps, peer: peer.rps, ratio, ...(minRatio ? { target: `≥ ${minRatio}×`, met: valid && ratio >= minRatio } : {}), ...flag },
    { section: SECTION, label: `${label}: p50 latency`, unit: 'ms', ours: ours.p50, peer: peer.p50, ratio: ours.p50 / peer.p50, ...flag },
    { section: SECTION, label: `${label}: p99 latency`, unit: 'ms', ours: ours.p99, peer: peer.p99, ratio: ours.p99 / peer.p99, ...(warm && connections === 10 ? { target: '< 100 ms', met: valid && ours.p99 < 100 } : {}), ...flag },
  ]
}
