import { afterAll, describe, expect, test } from 'vitest'
import { issueForOrganisation } from '@/lib/issuing/service'
import { handleVerify } from '@/lib/vc-api/handlers'
import { createVerificationPool, type VerificationPoolOptions } from '@/lib/verification/pool'
import { setVerificationPool, verifyOnInstance } from '@/lib/verification/service'
import { hostileCredential } from '../../bench/hostile'
import { createTestRuntime } from '../../factories/runtime'
import { createWorld } from '../../factories/world'

// What the pool is for: a heavy document never holds the thread that serves everyone else, a job
// that runs too long is stopped with a clear result, and a full queue says BUSY (VC-API: 503).

const rt = await createTestRuntime()
const world = await createWorld(rt)
const pooled = { ...rt, env: { ...rt.env, verifyWorkers: 1 } }
// Half the benchmark's size (tests/bench): enough to hold a thread for a second or more.
const hostile = hostileCredential({ groups: 2000 })
const claims = { skill: { name: 'Gérer le temps' }, level: 'autonomous', criteria: 'A tenu seul le planning des livraisons pendant trois semaines.' }
const valid = (await issueForOrganisation(rt, { organisation: world.org, templateId: 'skill-badge', subjectDid: world.alice.did, claims, now: world.now })).document
const previous = setVerificationPool(undefined)
afterAll(async () => {
  await setVerificationPool(previous)?.destroy()
  await rt.cleanup()
})

/** A quick document (no proof: no JSON-LD work), verified alike in the pool and here. */
const quick = JSON.stringify({ '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'], issuer: world.org.did, credentialSubject: { id: world.alice.did } })

/** A fresh pool as the process-wide one, warmed (its worker loaded) so timings start from a running worker. */
async function usePool(options: Omit<VerificationPoolOptions, 'workers'> = {}) {
  const pool = createVerificationPool({ workers: 1, ...options })
  await setVerificationPool(pool)?.destroy()
  expect(await verifyOnInstance(pooled, { input: quick, now: world.now })).toEqual(await verifyOnInstance(rt, { input: quick, now: world.now }))
  return pool
}

const post = (body: unknown) =>
  new Request('http://localhost/credentials/verify', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })

/** The share of 10 ms timer ticks this thread ran while `work` was under way (1 = never held up). */
async function tickShare(work: () => Promise<unknown>): Promise<number> {
  let ticks = 0
  const timer = setInterval(() => ticks++, 10)
  const started = performance.now()
  try {
    await work()
  } finally {
    clearInterval(timer)
  }
  return ticks / ((performance.now() - started) / 10)
}

describe('the verification pool under hostile documents', () => {
  test('while a heavy document is verified, the request thread keeps running: in the pool it does, inline it does not; same verdict', async () => {
    expect(hostile.length).toBeLessThan(1024 * 1024) // within the input limits: they do not stop it
    await usePool()
    let inline: Awaited<ReturnType<typeof verifyOnInstance>> | undefined
    let inPool: typeof inline
    const inlineShare = await tickShare(async () => { inline = await verifyOnInstance(rt, { input: hostile }) })
    const pooledShare = await tickShare(async () => { inPool = await verifyOnInstance(pooled, { input: hostile }) })
    // Measured here: inline ≈ 0.01–0.04, in the pool ≈ 0.75. Generous bounds, no timing of the work itself.
    expect(inlineShare).toBeLessThan(0.3)
    expect(pooledShare).toBeGreaterThan(0.4)
    // The work was done (canonicalised, then the made-up signature failed), and the pool does not change the verdict.
    expect(inline!.checks[0]).toMatchObject({ id: 'proof', status: 'failed' })
    expect(inPool).toEqual(inline)
  })

  test('a job over the time limit gives VERIFY_TIMEOUT, its worker is replaced, and the pool verifies again', async () => {
    await usePool({ timeoutMs: 1000 })
    // The largest hostile document within the node limit: several seconds of work, far past 1 s.
    const result = await verifyOnInstance(pooled, { input: hostileCredential({ groups: 6000 }) })
    expect(result).toMatchObject({ verified: false, checks: [{ id: 'input', status: 'failed', code: 'VERIFY_TIMEOUT' }] })
    // The replacement worker answers (a quick document: the new worker is cold, the limit short).
    expect(await verifyOnInstance(pooled, { input: quick, now: world.now })).toEqual(await verifyOnInstance(rt, { input: quick, now: world.now }))
  })

  test('a full queue is BUSY: the VC-API answers 503 with Retry-After and the result shape; the others are verified', async () => {
    await usePool({ maxQueue: 1 })
    const rtPooled = { ...rt, env: pooled.env }
    // One runs, one waits, the third finds the queue full.
    const responses = await Promise.all([0, 1, 2].map(() => handleVerify(rtPooled, post({ verifiableCredential: JSON.parse(hostile) }), 'credential')))
    const statuses = responses.map((r) => r.status).sort()
    expect(statuses).toEqual([422, 422, 503])
    const refused = responses.find((r) => r.status === 503)!
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await refused.json()).toMatchObject({ verified: false, kind: 'unknown', checks: [{ id: 'input', status: 'failed', code: 'BUSY' }] })
    // Once the queue has room again, the same endpoint verifies.
    expect((await handleVerify(rtPooled, post({ verifiableCredential: JSON.parse(valid) }), 'credential')).status).toBe(200)
  })
})
