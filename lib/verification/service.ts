import { localSchemaResolver } from '@/lib/credentials/schemas'
import { verify, type VerificationResult, type VerifyOptions } from '@/lib/credentials/verify'
import type { Env } from '@/lib/env'
import { issuerLookup } from '@/lib/orgs/service'
import type { Runtime } from '@/lib/runtime'

type Request = Omit<VerifyOptions, 'lookupIssuer' | 'resolveSchema'>

/**
 * Verification as this instance sees it: its organisations are known issuers, and its own
 * schemas (at PUBLIC_URL) are checked. Without a database (`rt.db` absent, e.g. the CLI on a
 * machine with no data yet) issuers are simply unknown.
 */
export function verifyOnInstance(rt: { env: Env } & Partial<Pick<Runtime, 'db'>>, request: Request): Promise<VerificationResult> {
  return verify({
    ...request,
    lookupIssuer: rt.db ? issuerLookup({ db: rt.db }) : undefined,
    resolveSchema: localSchemaResolver(rt.env.publicUrl),
  })
}
