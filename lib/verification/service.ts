import type { Db } from '@/db/client'
import { localSchemaResolver } from '@/lib/credentials/schemas'
import { DEFAULT_VERIFY_LIMITS, verify, type StatusListResolver, type VerificationResult, type VerifyOptions } from '@/lib/credentials/verify'
import { processVerificationCache } from '@/lib/credentials/canonical/cache'
import { contentHash } from '@/lib/credentials/canonical/dataset'
import { MAX_INPUT_BYTES, MAX_JSON_DEPTH, parseInput, textDepth } from '@/lib/credentials/verify/input'
import { createDidResolver, type DidResolver } from '@/lib/dids/resolver'
import type { Env } from '@/lib/env'
import { linkedIdentifiersFor } from '@/lib/identifiers/lookup'
import { issuerLookup } from '@/lib/orgs/service'
import type { Runtime } from '@/lib/runtime'
import { remoteJsonFetcher, remoteStatusListResolver } from '@/lib/status/remote'
import { localStatusListResolver } from '@/lib/status/service'
import { createVerificationPool, type VerificationPool } from './pool'

type Request = Omit<VerifyOptions, 'lookupIssuer' | 'resolveSchema' | 'resolveStatusList' | 'resolveDid'>

/** One per process: its short cache is shared by every verification. */
const remote = remoteStatusListResolver()
/** Other hosts' DID documents, under the same rules as remote status lists (one short cache per process). */
const remoteDidDocuments = remoteJsonFetcher({ accept: 'application/did+ld+json, application/did+json, application/json' })

const resolvers = new WeakMap<Db, Map<string, DidResolver>>()

/**
 * This instance's DID resolver: did:key; its organisations' did:web from its database (never over
 * HTTP to itself); other hosts' did:web fetched under lib/status/remote.ts rules. One per database
 * and PUBLIC_URL, so the JWT verifier built on it is reused.
 */
export function instanceDidResolver(rt: { env: Pick<Env, 'publicUrl'>; db?: Db }): DidResolver {
  if (!rt.db) return createDidResolver({ publicUrl: rt.env.publicUrl, fetchDocument: remoteDidDocuments })
  let byUrl = resolvers.get(rt.db)
  if (!byUrl) resolvers.set(rt.db, (byUrl = new Map()))
  let resolver = byUrl.get(rt.env.publicUrl)
  if (!resolver) byUrl.set(rt.env.publicUrl, (resolver = createDidResolver({ db: rt.db, publicUrl: rt.env.publicUrl, fetchDocument: remoteDidDocuments })))
  return resolver
}

/**
 * Verification as this instance sees it: its organisations are known issuers, its own schemas
 * (at PUBLIC_URL) are checked, its own status lists are read from its database, and so are its
 * organisations' did:web. Without a database (`rt.db` absent, e.g. the CLI on a machine with no
 * data yet) issuers are simply unknown. Other hosts' status lists and did:web documents are
 * fetched under the rules of lib/status/remote.ts.
 *
 * The work runs in the verification pool (VERIFY_WORKERS, docs/decisions/018) — the lookups above
 * stay on this thread and answer the worker — or here when VERIFY_WORKERS is 0.
 * @throws AppError BUSY when the pool's queue is full (VC-API: 503 with Retry-After).
 */
export async function verifyOnInstance(
  rt: { env: Env } & Partial<Pick<Runtime, 'db' | 'agent'>>, request: Request,
  /** `remoteStatusLists`: other hosts' status lists through this resolver (the imports re-check's own transport, tests). */
  overrides: { remoteStatusLists?: StatusListResolver } = {},
): Promise<VerificationResult> {
  const remoteLists = overrides.remoteStatusLists ?? remote
  const services = {
    resolveDid: instanceDidResolver(rt),
    lookupIssuer: rt.db ? issuerLookup({ db: rt.db }) : undefined,
    // Identifiers a holder proved to control here (decision 021): credentials issued to them are the holder's.
    linkedIdentifiers: rt.db ? linkedIdentifiersFor({ db: rt.db }) : undefined,
    resolveStatusList: rt.db && rt.agent ? localStatusListResolver({ db: rt.db, agent: rt.agent, env: rt.env }, remoteLists) : remoteLists,
    // Datasets and passed proof verdicts, held here on the main thread for every worker (decision 022).
    cache: processVerificationCache(),
  }
  if (rt.env.verifyWorkers === 0) return verify({ ...request, ...services, resolveSchema: localSchemaResolver(rt.env.publicUrl) })
  // Bounds checked here, before a job is queued: a document over the limits costs no worker.
  const early = preflight(request.input)
  if (early) return early
  const pool = sharedVerificationPool(rt.env.verifyWorkers)
  // JSON text within the limits (just checked) is parsed here — at most 1 MB, a few ms — so that
  // a presentation's credentials can be spread over the workers; the worker gets the parsed value.
  const input = jsonObjectOf(request.input)
  const job = { ...request, input, ...services, publicUrl: rt.env.publicUrl }
  // A presentation's credentials never seen here are proved first, in parallel on idle workers;
  // the presentation's own job then finds their verdicts in the cache.
  const unseen = unseenCredentials(input)
  if (unseen.length >= 2) await pool.prove(job, unseen, { parallelOnly: true })
  return pool.verify(job)
}

/** A JSON object given as text, parsed; anything else (a JWT, other text, a parsed value) as it is. */
function jsonObjectOf(input: unknown): unknown {
  if (typeof input !== 'string' || !input.trimStart().startsWith('{')) return input
  try {
    return JSON.parse(input) as unknown
  } catch {
    return input // the worker says why, as for any input
  }
}

/**
 * The credentials of a Data Integrity presentation (JSON objects) whose proofs the cache has no
 * verdict about; none for anything else. Only for scheduling: verdicts are always looked up by
 * content AND the signers' current DID documents, in the worker.
 */
function unseenCredentials(input: unknown): unknown[] {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return []
  const entries = (input as Record<string, unknown>).verifiableCredential
  if (!Array.isArray(entries) || entries.length > DEFAULT_VERIFY_LIMITS.maxCredentials) return []
  const cache = processVerificationCache()
  return entries.filter((e) => e && typeof e === 'object' && !Array.isArray(e) && !cache.hasProven(contentHash(e)))
}

/**
 * Proves credentials about to be presented (the recruiter's view signs them in a fresh
 * presentation) in the pool — in parallel on idle workers — so that signing, on this thread, and
 * verifying the presentation reuse their datasets and verdicts instead of expanding JSON-LD on the
 * thread that serves pages. Without a pool (VERIFY_WORKERS=0) it does nothing.
 */
export async function proveAhead(rt: { env: Env } & Partial<Pick<Runtime, 'db' | 'agent'>>, credentials: Record<string, unknown>[]): Promise<void> {
  if (rt.env.verifyWorkers === 0) return
  const unseen = unseenCredentials({ verifiableCredential: credentials })
  if (unseen.length === 0) return
  const services = { resolveDid: instanceDidResolver(rt), cache: processVerificationCache(), publicUrl: rt.env.publicUrl }
  await sharedVerificationPool(rt.env.verifyWorkers).prove(services, unseen)
}

/**
 * The input limits of lib/credentials/verify/input.ts, where they are cheap on this thread: text
 * over the byte or depth limit (no parsing), an already parsed value over the depth or node limit.
 */
function preflight(input: unknown): VerificationResult | undefined {
  const cheap = typeof input !== 'string' || Buffer.byteLength(input, 'utf8') > MAX_INPUT_BYTES || textDepth(input) > MAX_JSON_DEPTH
  if (!cheap) return undefined
  const parsed = parseInput(input)
  return parsed.ok ? undefined : { verified: false, kind: 'unknown', checks: [parsed.check] }
}

const poolRef = globalThis as unknown as { __tremplinVerificationPool?: VerificationPool }

/** The process-wide pool (Next may load this module more than once), made on first use. */
function sharedVerificationPool(workers: number): VerificationPool {
  return (poolRef.__tremplinVerificationPool ??= createVerificationPool({ workers }))
}

/** Installs the process-wide pool (tests), returning the one it replaces. */
export function setVerificationPool(pool: VerificationPool | undefined): VerificationPool | undefined {
  const before = poolRef.__tremplinVerificationPool
  poolRef.__tremplinVerificationPool = pool
  return before
}
