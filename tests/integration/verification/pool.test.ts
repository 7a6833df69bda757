import { afterAll, describe, expect, test } from 'vitest'
import { createPresentation } from '@/lib/credentials/present'
import { getCheck } from '@/lib/credentials/verify/result'
import { issueForOrganisation } from '@/lib/issuing/service'
import { changeCredentialStatus } from '@/lib/status/service'
import { createVerificationPool } from '@/lib/verification/pool'
import { setVerificationPool, verifyOnInstance } from '@/lib/verification/service'
import { createTestRuntime, TEST_PUBLIC_URL } from '../../factories/runtime'
import { createWorld } from '../../factories/world'

// The pool gives the same verdicts as verifying on the request thread: same checks, same codes,
// same details — with this instance's database (issuers, own status lists and their facts,
// organisations' did:web) answering the worker over its port.

const rt = await createTestRuntime()
const world = await createWorld(rt)
const pool = createVerificationPool({ workers: 1 })
const before = setVerificationPool(pool)
afterAll(async () => {
  setVerificationPool(before)
  await pool.destroy()
  await rt.cleanup()
})

/** The same runtime, verifying in the pool (rt itself verifies inline: VERIFY_WORKERS is 0 under test). */
const pooled = { ...rt, env: { ...rt.env, verifyWorkers: 1 } }
const now = world.now
const claims = { skill: { name: 'Gérer le temps' }, level: 'autonomous', criteria: 'A tenu seul le planning des livraisons pendant trois semaines.' }
const issue = (format: 'di' | 'jwt' = 'di') => issueForOrganisation(rt, { organisation: world.org, templateId: 'skill-badge', subjectDid: world.alice.did, claims, format, now })

type Request = Parameters<typeof verifyOnInstance>[1]
async function both(request: Request) {
  const [inline, inPool] = [await verifyOnInstance(rt, request), await verifyOnInstance(pooled, request)]
  expect(inPool).toEqual(inline)
  return inPool
}

describe('the verification pool gives the verdicts of in-process verification', () => {
  test.each(['di', 'jwt'] as const)('a valid %s credential issued under the organisation’s did:web (resolved by the main thread)', async (format) => {
    const issued = await issue(format)
    expect(world.org.did).toMatch(/^did:web:/)
    const result = await both({ input: issued.document, now })
    expect(result.verified).toBe(true)
    expect(getCheck(result, 'issuer')).toMatchObject({ status: 'passed' })
    expect(getCheck(result, 'status')).toMatchObject({ status: 'passed', code: 'STATUS_VALID' })
  })

  test('a tampered credential fails its proof', async () => {
    const issued = await issue()
    const tampered = JSON.parse(issued.document)
    tampered.credentialSubject.achievement.name = 'Piloter un avion'
    const result = await both({ input: JSON.stringify(tampered), now })
    expect(result.verified).toBe(false)
    expect(getCheck(result, 'proof')).toMatchObject({ status: 'failed' })
  })

  test('a revoked credential fails its status, with since when and why (this instance’s facts, asked over the port)', async () => {
    const issued = await issue()
    const change = await changeCredentialStatus(rt, { credentialId: issued.id, action: 'revoke', reason: 'Erreur de saisie', by: 'test', now })
    const result = await both({ input: issued.document, now })
    expect(getCheck(result, 'status')).toMatchObject({ status: 'failed', code: 'STATUS_REVOKED', details: { since: change.revokedAt, reason: 'Erreur de saisie' } })
  })

  test.each(['di', 'jwt'] as const)('a %s presentation by its holder, with challenge and domain', async (format) => {
    const issued = await issue(format)
    const vp = await createPresentation({ agent: rt.agent, holderDid: world.alice.did, credentials: [format === 'jwt' ? issued.document : issued.credential], challenge: 'c-1', domain: TEST_PUBLIC_URL, format, now })
    const result = await both({ input: vp.document, challenge: 'c-1', domain: TEST_PUBLIC_URL, now })
    expect(result.verified).toBe(true)
    expect(result.credentials).toHaveLength(1)
    const replayed = await both({ input: vp.document, challenge: 'another', domain: TEST_PUBLIC_URL, now })
    expect(replayed.verified).toBe(false)
  })

  test('input over the limits is refused before any job (same result as in-process)', async () => {
    const deep = '['.repeat(100) + ']'.repeat(100)
    expect((await both({ input: deep })).checks[0]).toMatchObject({ id: 'input', status: 'failed', code: 'INPUT_TOO_DEEP' })
    expect((await both({ input: ' '.repeat(1024 * 1024 + 1) })).checks[0]).toMatchObject({ code: 'INPUT_TOO_LARGE' })
  })

  test('a function among the options (whatever its name) is answered by the main thread', async () => {
    const issued = await issue()
    const asked: string[] = []
    const result = await verifyOnInstance(pooled, { input: issued.document, now, ...({ probe: async (x: string) => asked.push(x) } as object) })
    expect(result.verified).toBe(true)
    // verify() ignores an option it does not know: what matters is that forwarding did not break the job.
    expect(asked).toEqual([])
  })
})
