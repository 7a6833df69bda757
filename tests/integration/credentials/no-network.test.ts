import dns from 'node:dns'
import http from 'node:http'
import https from 'node:https'
import net from 'node:net'
import { afterAll, beforeAll, expect, test, vi } from 'vitest'
import { createPresentation } from '@/lib/credentials/present'
import { verify } from '@/lib/credentials/verify'
import { issueForOrganisation } from '@/lib/issuing/service'
import { verifyOnInstance } from '@/lib/verification/service'
import { createTestRuntime, TEST_PUBLIC_URL } from '../../factories/runtime'
import { createWorld } from '../../factories/world'

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
const attempts: string[] = []

// Every way out of the process, replaced by a recorder that refuses.
function refuse(name: string) {
  return (...args: unknown[]) => {
    attempts.push(`${name} ${String(args[0] instanceof URL || typeof args[0] === 'string' ? args[0] : JSON.stringify(args[0])).slice(0, 200)}`)
    throw new Error(`network access attempted: ${name}`)
  }
}

beforeAll(async () => {
  rt = await createTestRuntime()
  vi.spyOn(globalThis, 'fetch').mockImplementation(refuse('fetch') as typeof fetch)
  vi.spyOn(http, 'request').mockImplementation(refuse('http.request') as never)
  vi.spyOn(http, 'get').mockImplementation(refuse('http.get') as never)
  vi.spyOn(https, 'request').mockImplementation(refuse('https.request') as never)
  vi.spyOn(https, 'get').mockImplementation(refuse('https.get') as never)
  vi.spyOn(net, 'connect').mockImplementation(refuse('net.connect') as never)
  vi.spyOn(net, 'createConnection').mockImplementation(refuse('net.createConnection') as never)
  vi.spyOn(dns, 'lookup').mockImplementation(refuse('dns.lookup') as never)
})

afterAll(async () => {
  vi.restoreAllMocks()
  await rt.cleanup()
})

test('issuing, presenting and verifying in both formats make no network request', async () => {
  const { org, alice } = await createWorld(rt)
  const claims = { skill: { name: 'Planifier' }, level: 'autonomous', criteria: 'A organisé le tournoi de quartier de bout en bout.' }
  for (const format of ['di', 'jwt'] as const) {
    const issued = await issueForOrganisation(rt, { organisation: org, templateId: 'skill-badge', subjectDid: alice.did, claims, format })
    // On the instance: its organisation's did:web and status lists are read from the database, never fetched.
    expect((await verifyOnInstance(rt, { input: issued.document })).verified).toBe(true)
    const vp = await createPresentation({ agent: rt.agent, holderDid: alice.did, credentials: [format === 'di' ? issued.credential : issued.document], challenge: 'c', domain: TEST_PUBLIC_URL, format })
    expect((await verifyOnInstance(rt, { input: vp.document, challenge: 'c', domain: TEST_PUBLIC_URL })).verified).toBe(true)
  }
  expect(attempts).toEqual([])
})

test('a credential with an unknown remote context fails with a reason and is not fetched', async () => {
  const credential = {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://contexts.example.org/my-terms/v1'],
    type: ['VerifiableCredential'],
    issuer: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
    credentialSubject: { id: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK', myTerm: 'x' },
    proof: {
      type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod',
      verificationMethod: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK#z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
      proofValue: 'z3FXQjecWufY46yg5abdVZsXqLhxhueuSoZgNSARiKBk9czhSePTFehP8c3PGfb6a22gkfUKKiL8FhBcPYkV8MZ2b',
    },
  }
  const result = await verify({ input: credential })
  expect(result.verified).toBe(false)
  const proof = result.checks.find((c) => c.id === 'proof')!
  expect(proof).toMatchObject({ status: 'failed', code: 'CONTEXT_NOT_ALLOWED' })
  expect(proof.message).toContain('https://contexts.example.org/my-terms/v1')
  expect(attempts).toEqual([])
})
