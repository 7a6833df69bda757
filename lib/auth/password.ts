import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'
import { availableParallelism } from 'node:os'
import { AppError } from '@/lib/errors'
import { createBoundedQueue } from '@/lib/security/bounded-queue'

// scrypt from node:crypto (RFC 7914), N=2^15, r=8, p=1: OWASP's minimum for scrypt.
const PARAMS: ScryptOptions = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }
const KEY_LENGTH = 32

// Every hash runs on libuv's threadpool, which fs, dns.lookup and zlib share: unbounded, 60
// sign-ins at once queued everything behind ~60 × 0.1 s of scrypt. So hashes run a few at a time
// (one per core, at most 4), a short queue waits, and anything beyond is told BUSY at once.
/** Password hashes computed at once, process-wide. */
export const HASH_CONCURRENCY = Math.min(4, Math.max(1, availableParallelism()))
/** Hashes that may wait for a slot (a fraction of a second each); one more is refused. */
export const HASH_QUEUE = 4 * HASH_CONCURRENCY
/** libuv threads the server gets (scripts/start.ts): the hashes plus libuv's default 4 for fs and dns. */
export const THREADPOOL_SIZE = HASH_CONCURRENCY + 4

/**
 * Runs tasks `concurrency` at a time with at most `queue` waiting.
 * @throws AppError BUSY (rejected promise) when the queue is full.
 */
export function createHashGate({ concurrency, queue }: { concurrency: number; queue: number }) {
  const line = createBoundedQueue({ concurrency, queue, busy: () => new AppError('BUSY', 'Too many passwords are being checked right now; try again in a moment') })
  return <T>(task: () => Promise<T>): Promise<T> => line.run(task)
}

const gate = createHashGate({ concurrency: HASH_CONCURRENCY, queue: HASH_QUEUE })

function derive(password: string, salt: Buffer, params: ScryptOptions): Promise<Buffer> {
  return gate(() => new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, params, (err, key) => (err ? reject(err) : resolve(key)))))
}

/**
 * `scrypt$N$r$p$salt$hash` (base64url), so parameters can be raised later.
 * @throws AppError BUSY when too many hashes wait already.
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await derive(password, salt, PARAMS)
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$')
}

/** @throws AppError BUSY when too many hashes wait already. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$')
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false
  const expected = Buffer.from(hash, 'base64url')
  const key = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p), maxmem: PARAMS.maxmem })
  return key.length === expected.length && timingSafeEqual(key, expected)
}
