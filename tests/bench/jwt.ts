/**
 * Bench (b), issue 11: one VC-JWT verified by the pipeline (`verify`, every check) against Veramo's
 * `verifyCredential` (signature and data model only) on the same did:key token, in the same run.
 * Target: the pipeline ≤ 0.25× Veramo's time.
 */
import { createAgent, type IResolver } from '@veramo/core'
import type { ICredentialPlugin } from '@veramo/core-types'
import { CredentialPlugin } from '@veramo/credential-w3c'
import { CredentialProviderJWT } from '@veramo/credential-jwt'
import { getDidKeyResolver } from '@veramo/did-provider-key'
import { DIDResolverPlugin } from '@veramo/did-resolver'
import { Resolver } from 'did-resolver'
import { createUser } from '@/lib/auth/service'
import { issueCredential } from '@/lib/credentials/issue'
import { verify } from '@/lib/credentials/verify'
import { createTestRuntime, TEST_PUBLIC_URL } from '../factories/runtime'

type Median = (label: string, runs: number, fn: () => unknown) => Promise<number>

const claims = {
  skill: { name: 'Planifier', alignment: [{ targetName: 'planifier', targetUrl: 'http://data.europa.eu/esco/skill/e49f4158-9d4c-425d-bf32-dfe89b19840a', targetFramework: 'ESCO' }] },
  level: 'autonomous',
  criteria: 'A organisé le tournoi de quartier de bout en bout.',
}

/** Veramo as a developer would set it up to verify VC-JWTs: did:key resolution and the JWT provider. */
function veramoVerifier() {
  return createAgent<IResolver & ICredentialPlugin>({
    plugins: [new DIDResolverPlugin({ resolver: new Resolver({ ...getDidKeyResolver() }) }), new CredentialPlugin([new CredentialProviderJWT()])],
  })
}

export async function runJwtBench(median: Median): Promise<{ ours: number; veramo: number }> {
  const rt = await createTestRuntime()
  try {
    const user = await createUser(rt, { role: 'youth', username: 'jwt-bench', displayName: 'J' })
    const did = user.did!
    // A self-declared skill badge under the young person's did:key: offline for both verifiers.
    const { document: jwt } = await issueCredential({ agent: rt.agent, issuer: { did, name: 'J' }, subjectDid: did, templateId: 'skill-badge', claims, format: 'jwt', publicUrl: TEST_PUBLIC_URL })
    const veramo = veramoVerifier()
    if (!(await verify({ input: jwt })).verified) throw new Error('jwt bench: the pipeline did not verify the token')
    if (!(await veramo.verifyCredential({ credential: jwt })).verified) throw new Error('jwt bench: Veramo did not verify the token')
    const ours = await median('VC-JWT: pipeline verify (every check)', 300, () => verify({ input: jwt }))
    const peer = await median('VC-JWT: Veramo verifyCredential', 300, () => veramo.verifyCredential({ credential: jwt }))
    return { ours, veramo: peer }
  } finally {
    await rt.cleanup()
  }
}
