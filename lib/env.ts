import { isIP } from 'node:net'
import { resolve } from 'node:path'
import { z } from 'zod'
import { parseTrustProxy, type TrustProxy } from './security/client-address'
import { defaultVerifyWorkers } from './verification/pool-size'

const EnvSchema = z.object({
  DATA_DIR: z.string().min(1).default('./data'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** The address the server listens on (next start -H); unset: every interface, IPv4 and IPv6, as Next does. */
  HOST: z.string().optional().refine((v) => v === undefined || v === '' || isHost(v), {
    message: 'must be an IP address (127.0.0.1, ::1, 0.0.0.0) or a host name (localhost)',
  }),
  /** How much the server logs (JSON lines on standard output, lib/log.ts). */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
    error: 'must be one of fatal, error, warn, info, debug, trace, silent',
  }).optional(),
  /** 32 bytes, as 64 hex characters or base64. Unset: a key file is created in DATA_DIR. */
  MASTER_KEY: z.string().min(1).optional(),
  /**
   * PostgreSQL for several app instances on one database (postgres://user:pass@host:port/db).
   * Unset: the embedded SQLite file in DATA_DIR (one machine).
   */
  DATABASE_URL: z.string().optional().refine((v) => v === undefined || v === '' || /^postgres(ql)?:\/\/[^\s]+$/.test(v), {
    message: 'must be a postgres:// (or postgresql://) URL; unset it to use the embedded SQLite file',
  }),
  /** The origin people reach this instance at; used for schema URLs and presentation domains. */
  PUBLIC_URL: z.url().optional(),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** The reverse proxies in front (addresses/CIDRs, comma-separated) or how many; unset: none, X-Forwarded-For is not believed. */
  TRUST_PROXY: z.string().optional().superRefine((v, ctx) => {
    try { parseTrustProxy(v) } catch (e) { ctx.addIssue({ code: 'custom', message: (e as Error).message }) }
  }),
  /** Verification worker threads; 0 verifies on the request thread. Default: cores − 1 (1 to 4), 0 under NODE_ENV=test. */
  VERIFY_WORKERS: z.coerce.number().int().min(0).max(32).optional(),
  /** Worker threads making bulk issuing's proofs (lib/issuing/prove-pool.ts); default 0: on the main thread. */
  ISSUE_WORKERS: z.coerce.number().int().min(0).max(4).default(0),
  /** How often the server re-checks imported credentials' remote status (minutes; 0 = never, e.g. a second instance). */
  RECHECK_IMPORTS_MINUTES: z.coerce.number().int().min(0).max(10080).default(60),
  /**
   * Verifications (VC-API and /verify) one client address may ask for in 10 minutes (default 60).
   * Raised for a conformance run (npm run test:w3c), where one address sends every test's request.
   */
  VERIFY_RATE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(60),
  /**
   * Whether `npm start` seeds the demo world (accounts with a public password) into an empty
   * database. Unset (or empty): only on a local start — NODE_ENV not production and PUBLIC_URL not
   * https. `true` with either of those is refused (docs/decisions/033-safe-first-start.md).
   */
  SEED_DEMO: z.enum(['true', 'false', ''], { error: 'must be true or false (unset: only on a local start)' }).optional(),
})

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'

/** An IPv4 or IPv6 address, or a DNS host name (RFC 1123 labels). */
function isHost(v: string): boolean {
  return isIP(v) !== 0 || /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i.test(v)
}

export interface Env {
  dataDir: string
  databaseFile: string
  /** PostgreSQL connection string when set (DATABASE_URL); undefined: the SQLite file. */
  databaseUrl: string | undefined
  port: number
  /** Listen address for `npm start` (HOST); undefined: every interface. */
  host: string | undefined
  /** pino's level for the server's JSON log (LOG_LEVEL; default info, silent under NODE_ENV=test). */
  logLevel: LogLevel
  masterKey: string | undefined
  publicUrl: string
  production: boolean
  /** Whose X-Forwarded-For entries to believe for client addresses (lib/security/client-address.ts). */
  trustProxy: TrustProxy
  /** Worker threads verifying documents (docs/decisions/018); 0 = on the request thread. */
  verifyWorkers: number
  /** Worker threads making bulk issuing's Data Integrity proofs (opt-in; 0 = on the main thread). */
  issueWorkers: number
  /** Minutes between re-checks of imported credentials' remote status in the server (0 = off; decision 020). */
  recheckImportsMinutes: number
  /** Verifications per client address per 10 minutes (lib/security/limits.ts). */
  verifyRateLimit: number
  /** Whether `npm start` seeds the demo world into an empty database (SEED_DEMO; decision 033). */
  seedDemo: boolean
}

/** Reads and validates the environment; throws one error naming every bad variable. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(source)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`)
  }
  const e = parsed.data
  const seedDemo = demoSeeding(e)
  if (typeof seedDemo === 'string') throw new Error(`Invalid configuration:\n  SEED_DEMO: ${seedDemo}`)
  // Every instance on one PostgreSQL database must open the same private keys: a key file made in
  // each instance's own data folder would encrypt new keys that no other instance can read.
  if (e.DATABASE_URL && !e.MASTER_KEY) throw new Error('Invalid configuration:\n  MASTER_KEY: required with DATABASE_URL (every instance on the database must share it: 32 bytes, hex or base64)')
  const dataDir = resolve(e.DATA_DIR)
  return {
    dataDir,
    databaseFile: resolve(dataDir, 'tremplin.sqlite'),
    databaseUrl: e.DATABASE_URL || undefined,
    port: e.PORT,
    host: e.HOST || undefined,
    logLevel: e.LOG_LEVEL ?? (e.NODE_ENV === 'test' ? 'silent' : 'info'),
    masterKey: e.MASTER_KEY,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    production: e.NODE_ENV === 'production',
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    // Tests verify on their own thread unless they build a pool (tests/integration/verification).
    verifyWorkers: e.VERIFY_WORKERS ?? (e.NODE_ENV === 'test' ? 0 : defaultVerifyWorkers()),
    issueWorkers: e.ISSUE_WORKERS,
    recheckImportsMinutes: e.RECHECK_IMPORTS_MINUTES,
    verifyRateLimit: e.VERIFY_RATE_LIMIT,
    seedDemo,
  }
}

/**
 * The demo world (public passwords, an admin among them) belongs on a newcomer's own machine only:
 * unset, it is seeded unless NODE_ENV=production or PUBLIC_URL is https; asked for on a public
 * server, the configuration is refused rather than guessed (fail closed). @returns why, when refused.
 */
function demoSeeding(e: Pick<z.output<typeof EnvSchema>, 'SEED_DEMO' | 'NODE_ENV' | 'PUBLIC_URL'>): boolean | string {
  const https = e.PUBLIC_URL !== undefined && new URL(e.PUBLIC_URL).protocol === 'https:'
  const publicServer = e.NODE_ENV === 'production' ? 'NODE_ENV is production' : https ? `PUBLIC_URL (${e.PUBLIC_URL}) is https` : undefined
  if (!e.SEED_DEMO) return publicServer === undefined
  if (e.SEED_DEMO === 'false') return false
  if (publicServer) return `true, but ${publicServer}: the demo accounts' password is public, so they never go on a public server (unset SEED_DEMO, or set it to false)`
  return true
}
