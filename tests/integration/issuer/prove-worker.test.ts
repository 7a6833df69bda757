import * as vc from '@digitalbazaar/vc'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { isMainThread } from 'node:worker_threads'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { documentLoader } from '@/lib/credentials/document-loader'
import { signingSuite } from '@/lib/credentials/suites'
import { ed25519Signer, getDidKeys, type Ed25519Signer } from '@/lib/dids/signer'
import { closeProofWorkers, proofWorkers, resetProofWorkers } from '@/lib/issuing/prove-pool'
import { issueForOrganisation } from '@/lib/issuing/service'
import { verifyOnInstance } from '@/lib/verification/service'
import { createTestRuntime } from '../../factories/runtime'
import { createWorld } from '../../factories/world'

// Bulk issuing makes Data Integrity proofs on a second core (lib/issuing/prove-pool.ts): the
// worker canonicalises, the key manager signs on the main thread. The proof must be the one made
// on the main thread, byte for byte (Ed25519 is deterministic), and verify.

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
let w: Awaited<ReturnType<typeof createWorld>>
beforeAll(async () => {
  rt = await createTestRuntime()
  w = await createWorld(rt)
})
afterAll(async () => {
  await closeProofWorkers()
  await rt.cleanup()
})

test('a proof made by the worker is the main thread\'s proof, signed here, and verifies', { timeout: 60_000 }, async () => {
  const claims = { skill: { name: 'Accueil' }, level: 'practising', criteria: 'Accueille les clients avec calme.' }
  const issued = await issueForOrganisation(rt, { organisation: w.org, templateId: 'skill-badge', subjectDid: w.alice.did, claims, now: w.now })
  const { proof: _proof, ...unsigned } = issued.credential
  const keys = await getDidKeys(rt.agent, w.org.did)
  const signedHere: boolean[] = []
  const base = ed25519Signer(rt.agent, keys)
  const signer: Ed25519Signer = { ...base, sign: (args) => { signedHere.push(isMainThread); return base.sign(args) } }

  const [prove] = proofWorkers(1)
  expect(prove).toBeDefined()
  const inWorker = await prove!({ credential: structuredClone(unsigned), signer, now: w.now })
  expect(signedHere).toEqual([true]) // the worker asked; the key manager signed on this thread
  const here = await vc.issue({ credential: structuredClone(unsigned), suite: signingSuite(base, w.now), documentLoader, now: w.now })
  expect(JSON.stringify(inWorker)).toBe(JSON.stringify(here))
  expect(JSON.stringify(inWorker)).toBe(issued.document)
  expect((await verifyOnInstance(rt, { input: JSON.stringify(inWorker), now: w.now })).verified).toBe(true)
})

test('a worker that fails as it starts: the proof is made on the main thread, and later ones too', { timeout: 60_000 }, async () => {
  const entry = process.env.ISSUE_WORKER_ENTRY
  const broken = join(rt.dataDir, 'broken-entry.mjs')
  writeFileSync(broken, "throw new Error('cannot load')\n")
  process.env.ISSUE_WORKER_ENTRY = broken
  try {
    await closeProofWorkers()
    const [prove] = proofWorkers(1)
    const keys = await getDidKeys(rt.agent, w.org.did)
    const result = await prove!({ credential: { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'], issuer: w.org.did, credentialSubject: { id: w.alice.did } }, signer: ed25519Signer(rt.agent, keys), now: w.now })
    expect(result).toBeUndefined()
    expect(proofWorkers(1)).toEqual([])
    // And bulk-style issuing goes on (proofs made here).
    const claims = { skill: { name: 'Accueil' }, level: 'practising', criteria: 'Accueille les clients avec calme.' }
    const issued = await issueForOrganisation(rt, { organisation: w.org, templateId: 'skill-badge', subjectDid: w.alice.did, claims, now: w.now })
    expect((await verifyOnInstance(rt, { input: issued.document, now: w.now })).verified).toBe(true)
  } finally {
    if (entry === undefined) delete process.env.ISSUE_WORKER_ENTRY
    else process.env.ISSUE_WORKER_ENTRY = entry
    resetProofWorkers()
  }
})
