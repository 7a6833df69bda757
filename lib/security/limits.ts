import { deleteExpiredSessions } from '@/lib/auth/sessions'
import { AppError } from '@/lib/errors'
import type { Runtime } from '@/lib/runtime'
import { hit, type RateLimit } from './rate-limit'

const MINUTE = 60 * 1000
const HOUR = 60 * MINUTE

/**
 * Every abuse limit, by name; reasons in docs/decisions/019-abuse-limits.md. A counter's key is
 * `<name>:<subject>` (an account, an identifier, a client address), so that expired counters can
 * be purged knowing their window. Counters live in the database: they hold across instances.
 */
export const LIMITS = {
  /** Sign-in attempts per account (whatever identifier is typed), or per unknown identifier. */
  'sign-in': { max: 10, windowMs: 15 * MINUTE },
  /** Sign-in attempts per client address: a classroom signing in together, with typos. */
  'sign-in-address': { max: 60, windowMs: 15 * MINUTE },
  /** Confirming an account deletion with the password again, per account: as for sign-in. */
  'delete-account': { max: 10, windowMs: 15 * MINUTE },
  /** Organisation registrations per client address: an organisation registers once. */
  register: { max: 5, windowMs: HOUR },
  /** Organisation registrations from everyone together: bounds a flood from many addresses. */
  'register-all': { max: 30, windowMs: HOUR },
  /** Activation and invitation links, views and submissions, per client address: guessing. */
  link: { max: 60, windowMs: HOUR },
  /** Verifications (POST /credentials/verify, /presentations/verify, the /verify page) per client address. */
  verify: { max: 60, windowMs: 10 * MINUTE },
  /** Shared portfolio views (/p/<token> and its presentation download) per client address. */
  'share-view': { max: 300, windowMs: 10 * MINUTE },
  /** Credentials imported per account. */
  import: { max: 30, windowMs: HOUR },
  /** Contact messages per account. */
  message: { max: 30, windowMs: 10 * MINUTE },
  /** Contact requests per recruiter account. */
  'contact-request': { max: 20, windowMs: 24 * HOUR },
} as const satisfies Record<string, RateLimit>

export type LimitName = keyof typeof LIMITS

/** No window is longer: a counter older than this is expired whatever wrote it. */
export const LONGEST_WINDOW_MS = Math.max(...Object.values(LIMITS).map((l) => l.windowMs))

export const limitKey = (name: LimitName, subject: string) => `${name}:${subject}`

/** Too many tries: the caller says when to come back (HTTP: 429 with Retry-After). */
export class RateLimitError extends AppError {
  readonly retryAfterSeconds: number
  constructor(retryAfterSeconds: number) {
    super('RATE_LIMITED', `Too many tries. Wait ${waitMinutes(retryAfterSeconds)} minute(s) and try again.`, { retryAfterSeconds })
    this.name = 'RateLimitError'
    this.retryAfterSeconds = retryAfterSeconds
  }
}

/** Whole minutes to tell a person (at least 1). */
export function waitMinutes(retryAfterSeconds: number): number {
  return Math.max(1, Math.ceil(retryAfterSeconds / 60))
}

/** The database, and the environment where it configures a limit (VERIFY_RATE_LIMIT). */
type LimitsRt = Pick<Runtime, 'db'> & { env?: Pick<Runtime['env'], 'verifyRateLimit'> }

/** A limit as configured: `verify`'s maximum comes from the environment when it is known. */
function limitOf(rt: LimitsRt, name: LimitName) {
  return name === 'verify' && rt.env?.verifyRateLimit ? { ...LIMITS.verify, max: rt.env.verifyRateLimit } : LIMITS[name]
}

/**
 * Counts one hit on each named counter (all of them, so a blocked client keeps being counted)
 * and throws when any is over its limit.
 * @throws RateLimitError with the longest wait among the counters over their limit.
 */
export async function enforceLimits(rt: LimitsRt, counters: [LimitName, string][], now = new Date()): Promise<void> {
  if (++hitsSincePurge >= PURGE_EVERY) {
    hitsSincePurge = 0
    await purgeExpired(rt, now)
  }
  let wait = -1
  for (const [name, subject] of counters) {
    const verdict = await hit(rt, limitKey(name, subject), limitOf(rt, name), now)
    if (!verdict.allowed) wait = Math.max(wait, Math.ceil(verdict.retryAfterMs / 1000))
  }
  if (wait >= 0) throw new RateLimitError(Math.max(1, wait))
}

/** One limit: the RateLimitError, or undefined when allowed (for pages that show a message). */
export async function checkLimit(rt: LimitsRt, name: LimitName, subject: string, now = new Date()): Promise<RateLimitError | undefined> {
  try {
    await enforceLimits(rt, [[name, subject]], now)
    return undefined
  } catch (e) {
    if (e instanceof RateLimitError) return e
    throw e
  }
}

/** HTTP answer to a limited client: 429, Retry-After in seconds, `{ error: { code, message } }`. */
export function rateLimitedResponse(error: RateLimitError): Response {
  return new Response(JSON.stringify({ error: { code: error.code, message: error.message, retryAfterSeconds: error.retryAfterSeconds } }), {
    status: 429,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'retry-after': String(error.retryAfterSeconds) },
  })
}

/** Expired counters and sessions are deleted every this many counted requests (and at each start). */
export const PURGE_EVERY = 500
let hitsSincePurge = 0

/**
 * Deletes counters whose window is over (each by its own limit's window; a key of no known limit
 * once the longest window is over) and expired sessions. Counters still running are kept.
 */
export async function purgeExpired(rt: Pick<Runtime, 'db'>, now = new Date()): Promise<{ counters: number; sessions: number }> {
  let counters = 0
  for (const [name, limit] of Object.entries(LIMITS)) {
    const cutoff = new Date(now.getTime() - limit.windowMs).toISOString()
    const done = await rt.db.deleteFrom('rate_limits').where('key', 'like', `${name}:%`).where('window_start', '<=', cutoff).executeTakeFirst()
    counters += Number(done.numDeletedRows)
  }
  const oldest = new Date(now.getTime() - LONGEST_WINDOW_MS).toISOString()
  counters += Number((await rt.db.deleteFrom('rate_limits').where('window_start', '<=', oldest).executeTakeFirst()).numDeletedRows)
  return { counters, sessions: await deleteExpiredSessions(rt, now) }
}
