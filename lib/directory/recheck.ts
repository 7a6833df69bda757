import type { VerificationResult } from '@/lib/credentials/verify'
import { getCheck } from '@/lib/credentials/verify/result'
import type { Runtime } from '@/lib/runtime'
import { remoteStatusListResolver, type RemoteFetchOptions } from '@/lib/status/remote'
import { verifyOnInstance } from '@/lib/verification/service'
import * as repo from './repository'
import { logger } from '@/lib/log'

// Imported credentials come from other hosts: whether their issuer revoked or suspended them is
// on a status list over there. The recruiters' directory counts one only while a recent re-check
// said it is neither (decision 020). The re-check runs on a schedule (a timer in the server
// process, instrumentation.ts; `npm run vc -- recheck-imports`), never in a request path, and
// fetches under lib/status/remote.ts rules (HTTPS, public addresses only, pinned, size and time
// limits, the process-wide cap on concurrent fetches). The whole credential is verified again, so
// a credential whose proof no longer holds (a key its issuer withdrew) drops out as well.

/** A credential is tried again once its last attempt is this old. */
export const RECHECK_AFTER_MS = 6 * 60 * 60 * 1000
/** At most this many credentials per run, one after another: a run's work is bounded. */
export const RECHECK_BATCH = 100

/** Proof failures that come from the network, not from the credential. */
const TRANSIENT = new Set(['DID_UNRESOLVABLE', 'REMOTE_BUSY'])

import type { RemoteStatus } from '@/db/enums'
export type { RemoteStatus }

/** What a verification says of a credential's standing, or null when it could not be known (try later). */
export function remoteStatusOf(result: VerificationResult): RemoteStatus | null {
  const proof = getCheck(result, 'proof')
  // An issuer's did:web that does not answer now says nothing about the credential: try later.
  if (proof?.status === 'failed' && !TRANSIENT.has(proof.code)) return 'invalid'
  if (proof?.status !== 'passed') return null
  const status = getCheck(result, 'status')
  if (status?.code === 'STATUS_REVOKED') return 'revoked'
  if (status?.code === 'STATUS_SUSPENDED') return 'suspended'
  if (status?.status === 'passed') return 'active'
  if (status?.code === 'STATUS_NONE') return 'none'
  return null
}

export interface RecheckReport {
  checked: number
  outcomes: Record<RemoteStatus | 'unknown', number>
}

export interface RecheckOptions {
  now?: Date
  after?: number
  batch?: number
  /** The remote fetch transport and resolver (tests inject them; default: the real network under the rules). */
  remote?: RemoteFetchOptions
}

/** Re-verifies imported credentials whose last attempt is older than `after`, and stores each outcome. */
export async function recheckImportedStatuses(rt: Pick<Runtime, 'db' | 'agent' | 'env'>, options: RecheckOptions = {}): Promise<RecheckReport> {
  const now = options.now ?? new Date()
  const rows = await repo.listImportsToRecheck(rt.db, new Date(now.getTime() - (options.after ?? RECHECK_AFTER_MS)).toISOString(), options.batch ?? RECHECK_BATCH)
  // One resolver per run: its short cache serves every credential pointing at the same list.
  const remoteStatusLists = remoteStatusListResolver({ cacheMs: 5 * 60_000, ...options.remote })
  const report: RecheckReport = { checked: 0, outcomes: { active: 0, none: 0, revoked: 0, suspended: 0, invalid: 0, unknown: 0 } }
  for (const row of rows) {
    let status: RemoteStatus | null = null
    try {
      status = remoteStatusOf(await verifyOnInstance(rt, { input: row.document, now }, { remoteStatusLists }))
    } catch {
      status = null // BUSY or anything unexpected: the last definitive answer stands, tried again next run.
    }
    await repo.recordRecheck(rt.db, row.id, status, now.toISOString())
    report.checked++
    report.outcomes[status ?? 'unknown']++
  }
  return report
}

const timerRef = globalThis as unknown as { __tremplinRecheckTimer?: NodeJS.Timeout }

/**
 * Starts the re-check timer of this server process, once (a second call does nothing): a first
 * run a minute after start, then every `minutes`. Unref'd: it never keeps the process alive.
 */
export function startRecheckTimer(getRuntime: () => Promise<Pick<Runtime, 'db' | 'agent' | 'env'>>, minutes: number): void {
  if (minutes <= 0 || timerRef.__tremplinRecheckTimer) return
  let running = false
  const run = async () => {
    if (running) return
    running = true
    try {
      const report = await recheckImportedStatuses(await getRuntime())
      if (report.checked) logger().info({ checked: report.checked, outcomes: report.outcomes }, "re-checked imported credentials' status")
    } catch (e) {
      logger().error({ err: e }, 'the re-check of imported credentials failed')
    } finally {
      running = false
    }
  }
  setTimeout(run, 60_000).unref()
  timerRef.__tremplinRecheckTimer = setInterval(run, minutes * 60_000)
  timerRef.__tremplinRecheckTimer.unref()
}
