import type { Db } from '@/db/client'
import { localSchemaResolver } from '@/lib/credentials/schemas'
import { verify, type VerificationResult, type VerifyOptions } from '@/lib/credentials/verify'
import { createDidResolver, type DidResolver } from '@/lib/dids/resolver'
import type { Env } from '@/lib/env'
import { issuerLookup } from '@/lib/orgs/service'
import type { Runtime } from '@/lib/runtime'
import { remoteJsonFetcher, remoteStatusListResolver } from '@/lib/status/remote'
import { localStatusListResolver } from '@/lib/status/service'

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
 */
export function verifyOnInstance(rt: { env: Env } & Partial<Pick<Runtime, 'db' | 'agent'>>, request: Request): Promise<VerificationResult> {
  return verify({
    ...request,
    resolveDid: instanceDidResolver(rt),
    lookupIssuer: rt.db ? issuerLookup({ db: rt.db }) : undefined,
    resolveSchema: localSchemaResolver(rt.env.publicUrl),
    resolveStatusList: rt.db && rt.agent ? localStatusListResolver({ db: rt.db, agent: rt.agent, env: rt.env }, remote) : remote,
  })
}
