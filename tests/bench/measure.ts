/**
 * What every bench section shares: the median of repeated runs, short runs (BENCH_QUICK=1), and
 * the row each comparison adds to the final table of `npm run bench`.
 */
import { createServer } from 'node:net'

/** BENCH_QUICK=1: a few samples per measurement, to check that the harness runs (numbers not meaningful). */
export const QUICK = process.env.BENCH_QUICK === '1'

/** `full` samples, or a handful under BENCH_QUICK. */
export const runs = (full: number, quick = Math.min(full, 3)): number => (QUICK ? quick : full)

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export interface Stats { median: number; p95: number; max: number; n: number }

export function stats(xs: number[]): Stats {
  const s = [...xs].sort((a, b) => a - b)
  return { median: s[Math.floor(s.length / 2)]!, p95: s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)]!, max: s[s.length - 1]!, n: s.length }
}

/**
 * Median time of `fn` over `n` runs, after a few warm-up runs, printed with its label.
 * `setup` (optional) runs before each timed call, outside the timing; its value is given to `fn`.
 */
/** Warm-up runs `median` makes before `n` timed ones (sections that prepare one input per run count them). */
export const warmupsFor = (n: number) => Math.min(QUICK ? 1 : 5, n)

export async function median<T = void>(label: string, n: number, fn: (prepared: T) => Promise<unknown> | unknown, setup?: () => Promise<T> | T): Promise<number> {
  for (let i = 0; i < warmupsFor(n); i++) await fn((await setup?.()) as T) // warm-up
  const times: number[] = []
  for (let i = 0; i < n; i++) {
    const prepared = (await setup?.()) as T
    const t = performance.now()
    await fn(prepared)
    times.push(performance.now() - t)
  }
  const m = stats(times).median
  console.log(`  ${label.padEnd(64)} median ${m.toFixed(3).padStart(9)} ms  (n=${n})`)
  return m
}

/** The type of `median`, for sections written elsewhere (tests/bench/jwt.ts). */
export type Median = typeof median

/**
 * One line of the final table. `ours` and `peer` are in `unit`; `ratio` is ours ÷ peer for times
 * (lower is better) and ours ÷ peer for throughput (higher is better): `target` says which.
 */
export interface BenchRow {
  section: string
  label: string
  unit: 'ms' | 'req/s'
  ours: number
  peer?: number
  /** ours ÷ peer; undefined without a peer. */
  ratio?: number
  /** The issue's target in words, e.g. "≤ 0.2×" or "≤ 100 ms". */
  target?: string
  /** Whether the target is met; undefined when the row has no target. */
  met?: boolean
  /** Anything that makes the row invalid or needs saying (errors, 429s…). */
  note?: string
}

/** A row comparing times: ratio = ours ÷ peer, met when the ratio is at most `maxRatio`. */
export function timeRow(section: string, label: string, ours: number, peer: number, maxRatio?: number): BenchRow {
  const ratio = ours / peer
  return { section, label, unit: 'ms', ours, peer, ratio, ...(maxRatio === undefined ? {} : { target: `≤ ${maxRatio}×`, met: ratio <= maxRatio }) }
}

/** A row with an absolute time target (no peer): met when `ours` ≤ `maxMs`. */
export function absoluteRow(section: string, label: string, ours: number, maxMs?: number): BenchRow {
  return { section, label, unit: 'ms', ours, ...(maxMs === undefined ? {} : { target: `≤ ${maxMs} ms`, met: ours <= maxMs }) }
}

export function freePort(): Promise<number> {
  return new Promise((ok, ko) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number }
      srv.close(() => ok(port))
    }).on('error', ko)
  })
}

const num = (x: number | undefined, unit: string) => (x === undefined || Number.isNaN(x) ? '' : unit === 'req/s' ? x.toFixed(1) : x.toFixed(x < 10 ? 2 : x < 100 ? 1 : 0))

/** The final table, as markdown. */
export function markdownTable(rows: BenchRow[]): string {
  const lines = [
    '| section | comparison | ours | peer | ratio | target | met? |',
    '| --- | --- | ---: | ---: | ---: | --- | --- |',
    ...rows.map((r) => {
      const met = r.met === undefined ? '' : r.met ? 'yes' : '**no**'
      const label = r.note ? `${r.label} — ${r.note}` : r.label
      return `| ${r.section} | ${label} | ${Number.isNaN(r.ours) ? '' : `${num(r.ours, r.unit)} ${r.unit}`} | ${r.peer === undefined ? '' : `${num(r.peer, r.unit)} ${r.unit}`} | ${r.ratio === undefined ? '' : `${r.ratio.toFixed(r.ratio >= 100 ? 0 : 2)}×`} | ${r.target ?? ''} | ${met} |`
    }),
  ]
  return lines.join('\n')
}
