/**
 * Vitest global setup of the browser tests: a production server on a fresh data folder, the way
 * README says to run Tremplin (`npm start`: data folder, demo world, build when none exists, serve).
 *
 * E2E_BASE_URL=http://localhost:3000 skips all of it and tests a server you started yourself
 * (e.g. `next dev` while working on a page). A missing build, or one older than the code
 * (scripts/build-freshness.ts, as npm start judges it), is built here first, where its output shows;
 * E2E_REBUILD=1 forces a fresh `next build`, E2E_REBUILD=0 tests the build there is (a tree others edit).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { TestProject } from 'vitest/node'
import { buildState } from '../../../scripts/build-freshness'

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string
  }
}

const root = resolve(import.meta.dirname, '../../..')
// The build under test: .next, or NEXT_DIST_DIR (a second build beside it, as next.config.ts allows).
const distDir = process.env.NEXT_DIST_DIR || '.next'
const START_TIMEOUT_MS = 10 * 60_000 // a first build takes a minute or two, more on a slow CI machine

export default async function setup(project: TestProject) {
  const external = process.env.E2E_BASE_URL?.replace(/\/+$/, '')
  if (external) {
    await waitForServer(external, undefined, 30_000)
    project.provide('baseURL', external)
    console.log(`e2e: testing ${external} (E2E_BASE_URL)`)
    return
  }

  // npm start would rebuild a stale build too, but into the server log, against its start timeout.
  const state = buildState(root, distDir)
  if (process.env.E2E_REBUILD === '1' || state.kind === 'missing' || (state.kind === 'stale' && process.env.E2E_REBUILD !== '0')) build(state.kind === 'stale' ? `${state.newer} changed since the last build` : undefined)

  const port = await freePort()
  const baseURL = `http://localhost:${port}`
  const dataDir = mkdtempSync(join(tmpdir(), 'tremplin-e2e-'))
  const logFile = join(dataDir, 'server.log')
  const log = createWriteStream(logFile)
  // A process group of its own, so that teardown stops npm, tsx and the Next server together.
  const server = spawn('npm', ['start'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Each browser profile of a test is a person with an address of their own (browser.ts sends it
    // as X-Forwarded-For), as clients behind a real reverse proxy are: the server trusts loopback as
    // that proxy. Without it every person of every test shares 127.0.0.1, and the per-address
    // sign-in limit (60 in 15 minutes) runs out part-way through a fast run.
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), PUBLIC_URL: baseURL, SEED_DEMO: 'true', START_REBUILD: '0', NEXT_TELEMETRY_DISABLED: '1', TRUST_PROXY: '127.0.0.1, ::1' },
  })
  server.stdout?.pipe(log)
  server.stderr?.pipe(log)
  try {
    await waitForServer(baseURL, server, START_TIMEOUT_MS)
  } catch (e) {
    stop(server)
    console.error(`e2e: the server did not start; its output:\n${readLog(logFile)}`)
    throw e
  }
  console.log(`e2e: Tremplin serving ${baseURL}, data in ${dataDir}`)
  project.provide('baseURL', baseURL)

  return async () => {
    await stop(server)
    log.end()
    if (process.env.E2E_KEEP_DATA === '1') console.log(`e2e: data and server log kept in ${dataDir}`)
    else rmSync(dataDir, { recursive: true, force: true })
  }
}

function build(reason?: string) {
  console.log(`e2e: building the app (next build${reason ? `: ${reason}` : ''})…`)
  const result = spawnSync(join(root, 'node_modules', '.bin', 'next'), ['build'], { cwd: root, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } })
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status})`)
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer()
    srv.unref()
    srv.on('error', fail)
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address()
      srv.close(() => (address && typeof address === 'object' ? ok(address.port) : fail(new Error('no port'))))
    })
  })
}

async function waitForServer(url: string, child: ChildProcess | undefined, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`npm start exited with code ${child.exitCode}`)
    try {
      const res = await fetch(url, { redirect: 'manual' })
      if (res.status < 500) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(`no answer from ${url} after ${Math.round(timeoutMs / 1000)} s`)
}

async function stop(child: ChildProcess) {
  if (child.pid === undefined || child.exitCode !== null) return
  const exited = new Promise((r) => child.once('exit', r))
  try {
    process.kill(-child.pid, 'SIGTERM')
  } catch {
    return
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL')
    } catch {
      // already gone
    }
  }, 5000)
  await exited
  clearTimeout(timer)
}

function readLog(file: string) {
  try {
    return readFileSync(file, 'utf8').slice(-8000)
  } catch {
    return '(no log)'
  }
}
