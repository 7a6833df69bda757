/**
 * `npm run bench`: issue 11's comparisons against the peers, each measured side by side in one
 * run on this machine (shared and noisy: compare ratios, not milliseconds, across runs), then
 * one markdown table of every comparison. BENCHMARKS.md says what each row means.
 *
 * - BENCH_ONLY=a,c,…  only these sections (engine, directory, a, b, c, d, e, f, stalling, large);
 * - BENCH_QUICK=1     a few samples each: checks that the harness runs, the numbers mean little;
 * - BENCH_OUT=path    also writes the table to this file;
 * - BENCH_STALLING=0  skips the stalling section; BENCH_DIST_DIR, BENCH_REBUILD: the HTTP sections' build.
 * - BENCH_LARGE_DIR, BENCH_DATABASE_URL…: the large-data section's databases (tests/bench/large.ts).
 */
import { writeFileSync } from 'node:fs'
import { runDirectoryBench } from './directory'
import { runEngineBench } from './engine'
import { runHttpBench } from './http'
import { runLargeBench } from './large'
import { markdownTable, median, QUICK, timeRow, type BenchRow } from './measure'
import { runPresentationBench } from './presentation'
import { runProtectionsBench } from './protections'
import { runRecruiterBench } from './recruiter'
import { runStallingBench } from './stalling'

/** (b) and (e) live in their own files (tests/bench/jwt.ts, issuing.ts), loaded only when run. */
async function runJwt(): Promise<BenchRow[]> {
  console.log('\n(b) verify one VC-JWT: ours vs Veramo verifyCredential')
  const { runJwtBench } = await import('./jwt')
  const { ours, veramo } = await runJwtBench(median)
  return [timeRow('b', 'one VC-JWT (peer: Veramo verifyCredential)', ours, veramo, 0.25)]
}

async function runIssuing(): Promise<BenchRow[]> {
  console.log('\n(e) issuing 1,000 badges to a pilot action')
  const { runIssuingBench } = await import('./issuing')
  // Its rows: { label, ms, target?, met? } (or already BenchRow-shaped).
  return (await runIssuingBench()).map((r: { label: string; ms?: number; ours?: number; target?: string; met?: boolean }) =>
    ({ unit: 'ms', ...r, section: 'e', ours: r.ours ?? r.ms ?? Number.NaN }) as BenchRow)
}

const SECTIONS: Record<string, () => Promise<BenchRow[]>> = {
  engine: runEngineBench,
  directory: runDirectoryBench,
  a: runPresentationBench,
  b: runJwt,
  c: runHttpBench,
  d: runRecruiterBench,
  e: runIssuing,
  f: runProtectionsBench,
  stalling: runStallingBench,
  large: runLargeBench,
}

function chosen(): string[] {
  const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim()).filter(Boolean)
  const unknown = only?.filter((s) => !(s in SECTIONS)) ?? []
  if (unknown.length) throw new Error(`BENCH_ONLY: unknown section(s) ${unknown.join(', ')}; known: ${Object.keys(SECTIONS).join(', ')}`)
  const all = Object.keys(SECTIONS).filter((s) => s !== 'stalling' || process.env.BENCH_STALLING !== '0')
  return only ?? all
}

const rows: BenchRow[] = []
const failures: string[] = []
for (const name of chosen()) {
  try {
    rows.push(...(await SECTIONS[name]!()))
  } catch (e) {
    // One broken section does not hide the others' numbers; the run still fails at the end.
    console.error(`\nbench: section ${name} FAILED: ${(e as Error).stack ?? e}`)
    failures.push(name)
    rows.push({ section: name, label: `FAILED: ${(e as Error).message.split('\n')[0]}`, unit: 'ms', ours: Number.NaN })
  }
}

const table = markdownTable(rows)
console.log(`\n## Every comparison${QUICK ? ' (BENCH_QUICK=1: a few samples each, not a measurement)' : ''}\n\n${table}\n`)
const invalid = rows.filter((r) => r.note?.includes('INVALID'))
if (invalid.length) console.log(`bench: ${invalid.length} row(s) are INVALID (errors or non-2xx answers): see their notes.`)
if (process.env.BENCH_OUT) {
  const header = `Run of ${new Date().toISOString()}${QUICK ? ' — BENCH_QUICK=1 (a few samples each, not a measurement)' : ''}; sections: ${chosen().join(', ')}.\n\n`
  writeFileSync(process.env.BENCH_OUT, header + table + '\n')
  console.log(`bench: table written to ${process.env.BENCH_OUT}`)
}
// Child processes (servers) are stopped by each section; worker pools too. Exit explicitly: a
// leftover handle (a keep-alive socket) must not keep the run open.
process.exit(failures.length ? 1 : 0)
