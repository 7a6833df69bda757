import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'

/**
 * One server per SQLite data folder (docs/decisions/034). SQLite itself would let a second server
 * share the file, but each server's in-process state (the verification pool, the jobs, rate-limit
 * purges, the build it serves) assumes it is alone, and a second `npm start` on the same folder is
 * almost always a mistake (an old one still running, two terminals). PostgreSQL deployments run
 * several instances on purpose and take no lock.
 */
export const LOCK_FILE = 'tremplin.lock'

export interface LockOwner {
  pid: number
  host: string
  startedAt: string
}

export class DataFolderLocked extends Error {
  constructor(readonly lockFile: string, readonly owner: LockOwner | undefined) {
    super(lockedMessage(lockFile, owner))
  }
}

export interface DataLock {
  file: string
  /** Removes the lock file if it is still ours (synchronous: safe in process.on('exit')). */
  release: () => void
}

/**
 * Takes the folder's lock: creates `tremplin.lock` (O_EXCL, 0600) holding this process's pid,
 * host and start time. A lock left by a process that no longer runs on this host is taken over;
 * one held by a live process, or by another host (a shared network folder), is refused.
 * @throws DataFolderLocked naming who holds it.
 */
export function acquireDataLock(dataDir: string, { pid = process.pid, host = hostname(), now = new Date() } = {}): DataLock {
  const file = join(dataDir, LOCK_FILE)
  const owner: LockOwner = { pid, host, startedAt: now.toISOString() }
  const content = JSON.stringify(owner) + '\n'
  if (!tryCreate(file, content)) {
    const holder = readOwner(file)
    // Unreadable (being written this instant, or damaged): not ours to remove.
    if (!holder || holder.host !== host || isRunning(holder.pid)) throw new DataFolderLocked(file, holder)
    // A stale lock: its process is gone (killed, a crash, a power cut). The second attempt is
    // O_EXCL again: of two servers taking it over, the later one usually finds the earlier one's
    // lock (live) and refuses; only two starts within the same millisecond could both pass.
    try { unlinkSync(file) } catch (e) { if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e }
    if (!tryCreate(file, content)) throw new DataFolderLocked(file, readOwner(file))
  }
  return {
    file,
    release: () => {
      const current = readOwner(file)
      if (current && current.pid === pid && current.host === host && current.startedAt === owner.startedAt) {
        try { unlinkSync(file) } catch { /* already gone */ }
      }
    },
  }
}

function tryCreate(file: string, content: string): boolean {
  let fd: number
  try {
    fd = openSync(file, 'wx', 0o600)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw e
  }
  try {
    writeSync(fd, content)
  } finally {
    closeSync(fd)
  }
  return true
}

function readOwner(file: string): LockOwner | undefined {
  try {
    const o = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockOwner>
    return typeof o.pid === 'number' && typeof o.host === 'string' && typeof o.startedAt === 'string' ? (o as LockOwner) : undefined
  } catch {
    return undefined
  }
}

/** Whether a process with this pid exists here (signal 0 checks without sending anything). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    // EPERM: it exists but belongs to another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function lockedMessage(file: string, owner: LockOwner | undefined): string {
  const who = owner ? `process ${owner.pid} on ${owner.host}, started ${owner.startedAt}` : 'another process'
  return `Tremplin: another server is already using this data folder (${who}).\n`
    + `  Two servers on one SQLite folder is not supported: stop the other one first, or give this one its own DATA_DIR.\n`
    + `  If no server is running${owner && owner.host !== hostname() ? ` on ${owner.host}` : ''}, remove ${file} and start again.`
}
