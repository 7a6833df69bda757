import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { createServer } from 'node:net'
import { hostname, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'

// Operations on real processes, as an operator meets them (docs/decisions/034): `npm start` on a
// fresh data folder (the build the browser tests use), GET /healthz and request ids over HTTP, a
// second `npm start` on the same folder refused by the lock, and a SIGTERM to npm — as Docker
// sends it — while a request is still being uploaded: the request is answered, new connections are
// refused, the database is closed (its WAL file gone), the lock removed, and npm exits 0.

const root = resolve(import.meta.dirname, '../..')
const folders: string[] = []
const started: ChildProcess[] = []

afterAll(() => {
  // The whole group: whatever outlived npm too.
  for (const child of started) try { process.kill(-child.pid!, 'SIGKILL') } catch { /* gone */ }
  for (const dir of folders) rmSync(dir, { recursive: true, force: true })
})

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer()
    srv.on('error', fail)
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address()
      srv.close(() => (address && typeof address === 'object' ? ok(address.port) : fail(new Error('no port'))))
    })
  })
}

/** `npm start` in a process group of its own; `output()` is what it printed so far. */
function npmStart(dataDir: string, port: number) {
  const child = spawn('npm', ['start'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', SEED_DEMO: 'false', NEXT_TELEMETRY_DISABLED: '1', LOG_LEVEL: 'info' },
  })
  started.push(child)
  let text = ''
  child.stdout!.on('data', (d: Buffer) => { text += d.toString() })
  child.stderr!.on('data', (d: Buffer) => { text += d.toString() })
  const exit = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)))
  return { child, output: () => text, exit }
}

async function waitForHealth(url: string, server: ReturnType<typeof npmStart>, timeoutMs = 5 * 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`npm start exited (${server.child.exitCode}):\n${server.output()}`)
    try {
      if ((await fetch(`${url}/healthz`)).status === 200) return
    } catch { /* not yet listening */ }
    await new Promise((r) => setTimeout(r, 300))
  }
  throw new Error(`no healthy answer from ${url}:\n${server.output()}`)
}

describe('the server process', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tremplin-ops-'))
  folders.push(dataDir)
  let port: number
  let url: string
  let first: ReturnType<typeof npmStart>

  test('npm start serves GET /healthz (ok, no-store) and gives every request an id', async () => {
    port = await freePort()
    url = `http://127.0.0.1:${port}`
    first = npmStart(dataDir, port)
    await waitForHealth(url, first)
    const res = await fetch(`${url}/healthz`, { headers: { 'x-request-id': 'probe-00000001' } })
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(res.headers.get('x-request-id')).toBe('probe-00000001')
    expect(await res.json()).toEqual({ status: 'ok', database: 'ok', migrations: 'current' })
    const other = await fetch(`${url}/healthz`, { headers: { 'x-request-id': 'not a token, "quoted"' } })
    expect(other.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    expect(first.output()).toContain(`Tremplin: serving on http://127.0.0.1:${port} (listening on 127.0.0.1)`)
    expect(JSON.parse(readFileSync(join(dataDir, 'tremplin.lock'), 'utf8'))).toMatchObject({ host: hostname() })
  }, 6 * 60_000)

  test('a second npm start on the same folder is refused with the first one named; the first keeps serving', async () => {
    const second = npmStart(dataDir, await freePort())
    expect(await second.exit).not.toBe(0)
    const holder = JSON.parse(readFileSync(join(dataDir, 'tremplin.lock'), 'utf8')) as { pid: number }
    expect(second.output()).toContain(`another server is already using this data folder (process ${holder.pid} on ${hostname()}`)
    expect((await fetch(`${url}/healthz`)).status).toBe(200)
  }, 120_000)

  test('SIGTERM to npm: the request in flight is answered, new ones refused, the database closed, the lock removed, exit 0', async () => {
    // A request still being uploaded when the signal comes: half its body now, the rest after.
    const body = JSON.stringify({ verifiableCredential: { hello: 'x'.repeat(2000) } })
    const answered = new Promise<number>((ok, fail) => {
      const req = httpRequest(`${url}/credentials/verify`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        res.resume()
        res.on('end', () => ok(res.statusCode!))
      })
      req.on('error', fail)
      req.write(body.slice(0, 1000))
      setTimeout(() => req.end(body.slice(1000)), 1500)
    })
    await new Promise((r) => setTimeout(r, 300))
    expect(existsSync(join(dataDir, 'tremplin.sqlite-wal'))).toBe(true)
    process.kill(first.child.pid!, 'SIGTERM')
    await new Promise((r) => setTimeout(r, 700))
    await expect(fetch(`${url}/healthz`)).rejects.toThrow()
    expect(await answered).toBeLessThan(500)
    expect(await first.exit).toBe(0)
    expect(first.output()).toMatch(/"msg":"shutting down: no new connections, finishing the requests in flight"/)
    expect(first.output()).toMatch(/"msg":"database closed"/)
    // SQLite removes the WAL file when the last connection closes cleanly.
    expect(existsSync(join(dataDir, 'tremplin.sqlite-wal'))).toBe(false)
    expect(existsSync(join(dataDir, 'tremplin.lock'))).toBe(false)
  }, 60_000)
})
