/**
 * A production server of the app for the HTTP sections, started as `npm start` starts it: Node
 * with scripts/peer-address.cjs preloaded, `next start` on the build in BENCH_DIST_DIR (default
 * .next-bench; built when missing or stale: ensureBuild), NODE_ENV=production (the worker pool
 * of its default size), on a fresh data folder seeded BEFORE it starts through the lib services.
 *
 * TRUST_PROXY=127.0.0.1: the bench client is on loopback and names, per request, the address it
 * "forwards" (X-Forwarded-For), so that the per-address limits see many clients and each request
 * still pays the limiter's cost (lib/security/client-address.ts).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { THREADPOOL_SIZE } from '@/lib/auth/password'
import { readEnv } from '@/lib/env'
import { createRuntime, type Runtime } from '@/lib/runtime'
import { buildState } from '@/scripts/build-freshness'
import { freePort, sleep } from './measure'

const root = resolve(import.meta.dirname, '../..')
const nextBin = join(root, 'node_modules', '.bin', 'next')
const nextCli = join(root, 'node_modules', 'next', 'dist', 'bin', 'next')

export const benchDistDir = () => process.env.BENCH_DIST_DIR ?? '.next-bench'

/**
 * A production build in `distDir`, rebuilt when missing, older than a source file (the engine
 * changes while it is being made faster: a stale build would measure yesterday's code), or when
 * BENCH_REBUILD=1; BENCH_REBUILD=0 serves whatever build is there (while the tree does not
 * compile, say). `next build` adds the folder's types to tsconfig.json: put back as it was.
 */
export function ensureBuild(distDir = benchDistDir()) {
  const state = buildState(root, distDir)
  const stale = state.kind === 'stale'
  if (process.env.BENCH_REBUILD !== '1' && state.kind !== 'missing' && (!stale || process.env.BENCH_REBUILD === '0')) return
  console.log(`bench: building the app into ${distDir} (next build${stale ? `: ${state.newer} changed since the last build` : ''})…`)
  const tsconfig = join(root, 'tsconfig.json')
  const before = readFileSync(tsconfig, 'utf8')
  try {
    const built = spawnSync(nextBin, ['build'], { cwd: root, stdio: 'inherit', env: { ...process.env, NEXT_DIST_DIR: distDir === '.next' ? '' : distDir, NEXT_TELEMETRY_DISABLED: '1' } })
    if (built.status !== 0) throw new Error(`next build failed (exit ${built.status})`)
  } finally {
    if (readFileSync(tsconfig, 'utf8') !== before) writeFileSync(tsconfig, before)
  }
}

/** Per-request client addresses 10.x.y.z, never twice in a run (the verify limit is 60 per 10 minutes per address). */
let nextAddress = 0
export function freshAddress(): string {
  const n = ++nextAddress
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`
}

export interface AppServer<T> { base: string; data: T; stop: () => Promise<void> }

/**
 * Seeds a fresh data folder with `seed` (a runtime on that folder, closed before the server opens
 * it), then starts the server and waits until it answers.
 */
export async function startAppServer<T>(seed: (rt: Runtime) => Promise<T>): Promise<AppServer<T>> {
  const distDir = benchDistDir()
  ensureBuild(distDir)
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const dataDir = mkdtempSync(join(tmpdir(), 'tremplin-bench-http-'))
  const vars: Record<string, string> = {
    DATA_DIR: dataDir, MASTER_KEY: randomBytes(32).toString('hex'), PUBLIC_URL: base, NODE_ENV: 'production',
    TRUST_PROXY: '127.0.0.1', RECHECK_IMPORTS_MINUTES: '0',
  }
  const rt = await createRuntime(readEnv(vars as NodeJS.ProcessEnv))
  let data: T
  try {
    data = await seed(rt)
  } finally {
    await rt.db.destroy()
  }
  const server: ChildProcess = spawn(process.execPath, ['--require', join(root, 'scripts', 'peer-address.cjs'), nextCli, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env, ...vars, NEXT_TELEMETRY_DISABLED: '1', UV_THREADPOOL_SIZE: String(THREADPOOL_SIZE),
      ...(distDir === '.next' ? {} : { NEXT_DIST_DIR: distDir }),
    } as NodeJS.ProcessEnv,
  })
  const stop = async () => {
    try { process.kill(-server.pid!, 'SIGTERM') } catch { /* already gone */ }
    await sleep(500)
    rmSync(dataDir, { recursive: true, force: true })
  }
  await waitUntilUp(base + '/', server, stop)
  return { base, data: data!, stop }
}

/** Polls `url` until it answers 2xx; stops the child and throws when it exits or 2 minutes pass. */
export async function waitUntilUp(url: string, child: ChildProcess, stop: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + 120_000
  for (;;) {
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(5000) })).ok) return
    } catch { /* not up yet */ }
    if (Date.now() > deadline || child.exitCode !== null) {
      await stop()
      throw new Error(`bench: the server at ${url} did not start`)
    }
    await sleep(300)
  }
}
