import { localSchemaResolver } from '@/lib/credentials/schemas'
import { verify, type VerificationResult, type VerifyOptions } from '@/lib/credentials/verify'
import type { Env } from '@/lib/env'
import { issuerLookup } from '@/lib/orgs/service'
import type { Runtime } from '@/lib/runtime'
import { remoteStatusListResolver } from '@/lib/status/remote'
import { localStatusListResolver } from '@/lib/status/service'

type Request = Omit<VerifyOptions, 'lookupIssuer' | 'resolveSchema' | 'resolveStatusList'>

/** One per process: its short cache is shared by every verification. */
const remote = remoteStatusListResolver()

/**
 * Verification as this instance sees it: its organisations are known issuers, its own schemas
 * (at PUBLIC_URL) are checked, and its own status lists are read from its database. Without a
 * database (`rt.db` absent, e.g. the CLI on a machine with no data yet) issuers are simply
 * unknown. Other hosts' status lists are fetched under the rules of lib/status/remote.ts.
 */
export function verifyOnInstance(rt: { env: Env } & Partial<Pick<Runtime, 'db' | 'agent'>>, request: Request): Promise<VerificationResult> {
  return verify({
    ...request,
    lookupIssuer: rt.db ? issuerLookup({ db: rt.db }) : undefined,
    resolveSchema: localSchemaResolver(rt.env.publicUrl),
    resolveStatusList: rt.db && rt.agent ? localStatusListResolver({ db: rt.db, agent: rt.agent, env: rt.env }, remote) : remote,
  })
}
