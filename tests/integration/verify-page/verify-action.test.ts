import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest'
import { createPresentation } from '@/lib/credentials/present'
import { MAX_INPUT_BYTES } from '@/lib/credentials/verify/input'
import { issueForOrganisation } from '@/lib/issuing/service'
import { setRuntime } from '@/lib/runtime'
import { createTestRuntime, TEST_PUBLIC_URL } from '../../factories/runtime'
import { createWorld } from '../../factories/world'

// The action reads the client address from the request (per-address limit): a real Headers object.
vi.mock('next/headers', async () => (await import('../../helpers/next-mocks')).nextHeaders)
// The verifier itself, wrapped so a test can tell whether it was reached.
vi.mock('@/lib/verification/service', async (importOriginal) => {
  const original = await importOriginal<typeof import('@/lib/verification/service')>()
  return { ...original, verifyOnInstance: vi.fn((...args: Parameters<typeof original.verifyOnInstance>) => original.verifyOnInstance(...args)) }
})
const { verifyOnInstance } = await import('@/lib/verification/service')
const { verifyAction } = await import('@/app/(public)/verify/actions')

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
let diCredential: string
let jwtCredential: string
let presentation: string
const CHALLENGE = 'nonce-123'

const idle = { status: 'idle' } as const
const form = (fields: Record<string, string | File>) => {
  const f = new FormData()
  for (const [k, v] of Object.entries(fields)) f.set(k, v)
  return f
}

beforeAll(async () => {
  rt = await createTestRuntime()
  setRuntime(rt)
  const { org, alice } = await createWorld(rt)
  const claims = { skill: { name: 'Planifier' }, level: 'autonomous', criteria: 'A organisé le tournoi de quartier de bout en bout.' }
  const di = await issueForOrganisation(rt, { organisation: org, templateId: 'skill-badge', subjectDid: alice.did, claims })
  diCredential = JSON.stringify(di.credential, null, 2)
  jwtCredential = (await issueForOrganisation(rt, { organisation: org, templateId: 'skill-badge', subjectDid: alice.did, claims, format: 'jwt' })).document
  presentation = (await createPresentation({ agent: rt.agent, holderDid: alice.did, credentials: [di.credential], challenge: CHALLENGE, domain: TEST_PUBLIC_URL })).document
})
afterAll(() => rt.cleanup())
beforeEach(() => { vi.mocked(verifyOnInstance).mockClear() })

describe('verifyAction', () => {
  test.each([
    ['a Data Integrity credential', () => diCredential, 'di'],
    ['a VC-JWT credential', () => jwtCredential, 'jwt'],
  ])('verifies %s issued here, names the issuer and shows its content as a card', async (_, input, format) => {
    const state = await verifyAction(idle, form({ input: input() }))
    expect(state.status).toBe('done')
    if (state.status !== 'done') return
    expect(state.result).toMatchObject({ verified: true, kind: 'credential', format })
    expect(state.result.checks.find((c) => c.id === 'proof')?.status).toBe('passed')
    expect(state.knownIssuers).toEqual(['Mission Locale Test'])
    expect(state.cards[0]).toMatchObject({ title: 'Planifier', issuer: { name: 'Mission Locale Test' } })
    expect(state.input).toBe(input())
  })

  test('verifies a presentation against the challenge and domain given under "advanced"', async () => {
    const ok = await verifyAction(idle, form({ input: presentation, challenge: CHALLENGE, domain: TEST_PUBLIC_URL }))
    expect(ok).toMatchObject({ status: 'done', challenge: CHALLENGE, domain: TEST_PUBLIC_URL, result: { verified: true, kind: 'presentation' } })
    if (ok.status === 'done') expect(ok.cards.map((c) => c?.title)).toEqual(['Planifier'])
    const replayed = await verifyAction(idle, form({ input: presentation, challenge: 'another-nonce', domain: TEST_PUBLIC_URL }))
    expect(replayed.status === 'done' && replayed.result.verified).toBe(false)
    expect(replayed.status === 'done' && replayed.result.checks.find((c) => c.id === 'challenge')?.status).toBe('failed')
  })

  test('reports a failed signature for a tampered credential, with nothing attributed to a known issuer', async () => {
    const tampered = JSON.parse(diCredential)
    tampered.credentialSubject.achievement.name = 'Piloter un avion'
    const state = await verifyAction(idle, form({ input: JSON.stringify(tampered) }))
    expect(state.status).toBe('done')
    if (state.status !== 'done') return
    expect(state.result.verified).toBe(false)
    expect(state.result.checks.find((c) => c.id === 'proof')?.status).toBe('failed')
    expect(state.knownIssuers).toEqual([null])
  })

  test.each([
    ['garbage', 'this is not a credential', 'notReadable'],
    ['JSON that is not a credential', '{"hello": "world"}', 'notCredential'],
    ['an empty input', '   ', 'empty'],
  ])('returns an input error for %s and gives the input back', async (_, input, error) => {
    expect(await verifyAction(idle, form({ input, challenge: 'c', domain: 'd' }))).toEqual({ status: 'error', error, input, challenge: 'c', domain: 'd' })
  })

  test('refuses a pasted input over 1 MB before any parsing', async () => {
    const big = JSON.stringify({ type: ['VerifiableCredential'], pad: 'x'.repeat(MAX_INPUT_BYTES) })
    const state = await verifyAction(idle, form({ input: big }))
    expect(state).toMatchObject({ status: 'error', error: 'tooLarge' })
    expect(verifyOnInstance).not.toHaveBeenCalled()
  })

  test('refuses an uploaded file over 1 MB without reading it, and keeps the pasted text', async () => {
    const file = new File(['x'.repeat(MAX_INPUT_BYTES + 1)], 'big.json', { type: 'application/json' })
    const text = vi.spyOn(file, 'text')
    const state = await verifyAction(idle, form({ input: 'my notes', file }))
    expect(state).toMatchObject({ status: 'error', error: 'tooLarge', input: 'my notes' })
    expect(text).not.toHaveBeenCalled()
    expect(verifyOnInstance).not.toHaveBeenCalled()
  })

  test('verifies an uploaded file (instead of the text) and names it', async () => {
    const file = new File([jwtCredential], 'badge.jwt', { type: 'text/plain' })
    const state = await verifyAction(idle, form({ input: '', file }))
    expect(state).toMatchObject({ status: 'done', fileName: 'badge.jwt', result: { verified: true, format: 'jwt' } })
  })

  test('refuses a challenge over 500 characters', async () => {
    expect(await verifyAction(idle, form({ input: presentation, challenge: 'c'.repeat(501) }))).toMatchObject({ status: 'error', error: 'optionsInvalid' })
    expect(verifyOnInstance).not.toHaveBeenCalled()
  })
})
