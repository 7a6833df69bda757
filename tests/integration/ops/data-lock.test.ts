import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { acquireDataLock, DataFolderLocked, LOCK_FILE } from '@/lib/ops/data-lock'
import { repoRoot } from '../../helpers/cli'

// The data folder's lock between real processes: one holds it (as `npm start` does for the
// server's life), another is refused with the message, a lock whose process died is taken over.

const dirs: string[] = []
const children: ChildProcess[] = []
const folder = () => {
  const d = mkdtempSync(join(tmpdir(), 'tremplin-lock-'))
  dirs.push(d)
  return d
}
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL')
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

/** Another process that takes the lock and keeps it until SIGTERM (released) or SIGKILL (left behind). */
async function holder(dataDir: string): Promise<ChildProcess> {
  // node itself (not the tsx wrapper), so the pid and the signals are the holder's own.
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'tests/integration/ops/_hold-lock.ts'), dataDir], { stdio: ['ignore', 'pipe', 'inherit'] })
  children.push(child)
  await new Promise<void>((ok, fail) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('held') && ok())
    child.on('exit', (code) => fail(new Error(`the holder exited (${code})`)))
  })
  return child
}
const exited = (child: ChildProcess) => new Promise<void>((ok) => (child.exitCode !== null || child.signalCode !== null ? ok() : child.on('exit', () => ok())))

describe('the data folder lock', () => {
  test('a second server on the folder is refused, naming the first (pid, host, start time)', async () => {
    const dir = folder()
    const first = await holder(dir)
    const lockFile = join(dir, LOCK_FILE)
    expect(statSync(lockFile).mode & 0o777).toBe(0o600)
    expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toMatchObject({ pid: first.pid, host: hostname() })
    let error: unknown
    try { acquireDataLock(dir) } catch (e) { error = e }
    expect(error).toBeInstanceOf(DataFolderLocked)
    expect((error as Error).message).toContain(`another server is already using this data folder (process ${first.pid} on ${hostname()}, started `)
    expect((error as Error).message).toContain('stop the other one first, or give this one its own DATA_DIR')
    // The refused one removed nothing.
    expect(JSON.parse(readFileSync(lockFile, 'utf8')).pid).toBe(first.pid)
  }, 30_000)

  test('released at a clean exit: the next server starts', async () => {
    const dir = folder()
    const first = await holder(dir)
    first.kill('SIGTERM')
    await exited(first)
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false)
    acquireDataLock(dir).release()
  }, 30_000)

  test('a lock left by a process that died (SIGKILL, a crash) is taken over', async () => {
    const dir = folder()
    const first = await holder(dir)
    first.kill('SIGKILL')
    await exited(first)
    const lockFile = join(dir, LOCK_FILE)
    expect(JSON.parse(readFileSync(lockFile, 'utf8')).pid).toBe(first.pid)
    const lock = acquireDataLock(dir)
    expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() })
    lock.release()
    expect(existsSync(lockFile)).toBe(false)
  }, 30_000)

  test('a lock from another host is never taken over (a shared folder: its pid means nothing here)', () => {
    const dir = folder()
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: 2 ** 22 + 1, host: 'other-machine', startedAt: '2026-01-01T00:00:00.000Z' }))
    expect(() => acquireDataLock(dir)).toThrow(/process 4194305 on other-machine.*\n.*\n.*If no server is running on other-machine, remove/s)
  })

  test('release never removes a lock that is no longer ours', () => {
    const dir = folder()
    const lock = acquireDataLock(dir)
    const theirs = JSON.stringify({ pid: process.pid, host: hostname(), startedAt: new Date(Date.now() + 1000).toISOString() })
    writeFileSync(join(dir, LOCK_FILE), theirs)
    lock.release()
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe(theirs)
  })
})
