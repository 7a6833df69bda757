/**
 * The bench's world: an approved organisation issuing OB 3.0 skill badges (eddsa-rdfc-2022, under
 * its did:web) to a young person, who presents them in Verifiable Presentations signed with their
 * did:key. Built through the product's own services, on whatever runtime the section gives
 * (a test runtime, or a production server's data folder before it starts).
 */
import { randomUUID } from 'node:crypto'
import { DataIntegrityProof } from '@digitalbazaar/data-integrity'
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite'
import * as vc from '@digitalbazaar/vc'
import { createUser } from '@/lib/auth/service'
import { createDocumentLoader } from '@/lib/credentials/document-loader'
import { createPresentation } from '@/lib/credentials/present'
import type { VerificationResult } from '@/lib/credentials/verify'
import type { Env } from '@/lib/env'
import { issueForOrganisation } from '@/lib/issuing/service'
import { createShare } from '@/lib/portfolio/service'
import type { Runtime } from '@/lib/runtime'
import { createVerificationPool, type VerificationPool } from '@/lib/verification/pool'
import { defaultVerifyWorkers } from '@/lib/verification/pool-size'
import { instanceDidResolver, setVerificationPool, verifyOnInstance } from '@/lib/verification/service'
import { createApprovedOrganisation } from '@/tests/factories/world'

export const DOMAIN = 'https://verifier.bench'

const CLAIMS = {
  skill: { name: 'Planifier', alignment: [{ targetName: 'planifier', targetUrl: 'http://data.europa.eu/esco/skill/e49f4158-9d4c-425d-bf32-dfe89b19840a', targetFramework: 'ESCO' }] },
  level: 'autonomous',
  criteria: 'A organisé le tournoi de quartier de bout en bout.',
}

export interface Credential { id: string; credential: Record<string, unknown>; document: string }

export type BenchWorld = Awaited<ReturnType<typeof createBenchWorld>>

/** The organisation (approved, with its did:web) and the holder, on `rt`. */
export async function createBenchWorld(rt: Runtime) {
  const org = await createApprovedOrganisation(rt, { slug: 'bench', name: 'Bench org', kind: 'training' })
  const user = await createUser(rt, { role: 'youth', username: 'bench-holder', displayName: 'Holder' })
  const holder = { id: user.id, did: user.did! }

  /** One skill badge (Data Integrity) issued to the holder. */
  const issueOne = async (format: 'di' | 'jwt' = 'di'): Promise<Credential> => {
    const c = await issueForOrganisation(rt, { organisation: org, templateId: 'skill-badge', subjectDid: holder.did, claims: CLAIMS, format })
    return { id: c.id, credential: c.credential as Record<string, unknown>, document: c.document }
  }
  /** `n` fresh badges (never verified by anyone). */
  const issue = (n: number) => Promise.all(Array.from({ length: n }, () => issueOne()))
  /** `sets` sets of `n` fresh badges, one set after the other (bounded concurrency). */
  const issueSets = async (sets: number, n: number): Promise<Credential[][]> => {
    const out: Credential[][] = []
    for (let i = 0; i < sets; i++) out.push(await issue(n))
    return out
  }
  /** A VP of `credentials`, signed by the holder for a new challenge: `{ challenge, document }`. */
  const present = async (credentials: Credential[], domain = DOMAIN) => {
    const challenge = randomUUID()
    const vp = await createPresentation({ agent: rt.agent, holderDid: holder.did, credentials: credentials.map((c) => c.credential), challenge, domain })
    return { challenge, domain, document: vp.document }
  }
  /** A share link of `credentials` (the recruiter page). */
  const share = async (credentials: Credential[]) =>
    (await createShare(rt, { id: holder.id, role: 'youth' }, { credentialIds: credentials.map((c) => c.id), about: '', label: 'bench', expiresInDays: 7 })).token

  return { rt, org, holder, issueOne, issue, issueSets, present, share }
}

/** Fails the bench: a comparison of a verification that did not pass measures nothing. */
export function mustVerify(what: string, result: { verified: boolean }, detail?: unknown): void {
  if (result.verified) return
  console.error(JSON.stringify(detail ?? result, null, 2).slice(0, 4000))
  throw new Error(`bench: ${what} did not verify — the comparison would be meaningless`)
}

/** Failed checks of a result, in one line (for the error above). */
export const failedChecks = (r: VerificationResult) => JSON.stringify(r.checks.filter((c) => c.status === 'failed'))

/**
 * The peer, as a developer would write it in an afternoon: @digitalbazaar/vc's `verify` with the
 * eddsa-rdfc-2022 suite and a document loader serving the same documents ours sees (the bundled
 * contexts, did:key, the organisation's did:web resolved offline from this instance).
 * Status: the credentials carry Bitstring Status List entries, and vc.verify refuses them without
 * a `checkStatus`; the peer is given one that accepts (it checks signatures, dates and challenge,
 * NOT status, issuer standing, schema or holder binding: ours checks all of these).
 */
export function peerVerifier(rt: Pick<Runtime, 'env' | 'db'>) {
  const suite = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 })
  const documentLoader = createDocumentLoader({ resolveDid: instanceDidResolver(rt) })
  const checkStatus = async () => ({ verified: true })
  return async ({ document, challenge, domain }: { document: string; challenge: string; domain: string }) => {
    const result = await vc.verify({ presentation: JSON.parse(document), challenge, domain, suite, documentLoader, checkStatus })
    mustVerify('the peer (@digitalbazaar/vc verify)', result, result)
    return result
  }
}

/**
 * Our pipeline through its public entry point, in-process (`verify()` on this thread with the
 * instance's services: VERIFY_WORKERS=0) or through a real worker pool of the production default
 * size (`setVerificationPool`), as the server does.
 */
export function ourVerifiers(rt: Runtime) {
  const inProcess = { ...rt, env: { ...rt.env, verifyWorkers: 0 } as Env }
  const workers = defaultVerifyWorkers()
  const pooled = { ...rt, env: { ...rt.env, verifyWorkers: workers } as Env }
  let pool: VerificationPool | undefined
  let previous: VerificationPool | undefined
  const run = (target: Runtime) => async (request: Parameters<typeof verifyOnInstance>[1]) => {
    const result = await verifyOnInstance(target, request)
    mustVerify('our pipeline', result, failedChecks(result))
    return result
  }
  return {
    workers,
    inProcess: run(inProcess),
    pooled: run(pooled),
    /** The pool, created (its threads started and warmed by one call) before timing. */
    startPool: () => { pool = createVerificationPool({ workers }); previous = setVerificationPool(pool) },
    stopPool: async () => { setVerificationPool(previous); await pool?.destroy() },
  }
}
