import * as vc from '@digitalbazaar/vc'
import jsigs from 'jsonld-signatures'
import { afterAll, describe, expect, test, vi } from 'vitest'
import { BUNDLED_CONTEXTS, OB_V3_CONTEXT, VC_V2_CONTEXT } from '@/lib/credentials/contexts'
import { documentLoader } from '@/lib/credentials/document-loader'
import { createPresentation } from '@/lib/credentials/present'
import { signingSuite, verificationSuites } from '@/lib/credentials/suites'
import { verify } from '@/lib/credentials/verify'
import { getCheck } from '@/lib/credentials/verify/result'
import { createDidKey, ed25519Signer, getDidKeys } from '@/lib/dids/signer'
import { createTestRuntime } from '../../factories/runtime'

// Term definitions come only from bundled, published contexts (docs/decisions/017). The attack:
// an issuer signs an Open Badge whose OB 3.0 context URL is replaced by an inline copy that swaps
// two terms. The signature is genuine — it covers the RDF, which the swap keeps consistent — so
// only refusing inline and unknown contexts stops the JSON from saying something else.

const NOW = new Date('2026-11-27T12:00:00Z')
const rt = await createTestRuntime()
afterAll(() => rt.cleanup())
const issuer = await createDidKey(rt.agent, 'ctx-issuer')
const holder = await createDidKey(rt.agent, 'ctx-holder')
const suite = async () => signingSuite(ed25519Signer(rt.agent, await getDidKeys(rt.agent, issuer.did)), NOW)

// name and description are protected by the VC v2 context (a copy swapping those is refused by
// JSON-LD itself); fieldOfStudy and specialization are the OB context's own, and nothing protects
// them once the OB URL is gone.
const swapped = structuredClone(BUNDLED_CONTEXTS.get(OB_V3_CONTEXT)) as { '@context': Record<string, any> }
const achievement = swapped['@context'].Achievement['@context']
;[achievement.fieldOfStudy, achievement.specialization] = [achievement.specialization, achievement.fieldOfStudy]

const badge = (context: unknown[], extra: Record<string, unknown> = {}) => ({
  '@context': context, type: ['VerifiableCredential', 'OpenBadgeCredential'], issuer: { id: issuer.did, type: ['Profile'], name: 'Mission Locale' },
  validFrom: '2026-11-01T00:00:00Z', name: 'Cuisine',
  credentialSubject: {
    id: holder.did, type: ['AchievementSubject'],
    achievement: { id: 'urn:uuid:7b1c2f3e-1d4a-4c55-9a0f-2e6b8d9c1a00', type: ['Achievement'], name: 'Cuisine', description: 'Prépare un repas pour 20', criteria: { narrative: 'Vu en atelier' }, fieldOfStudy: 'Restauration', specialization: 'Pâtisserie' },
  },
  ...extra,
})
const PROOF = { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod', verificationMethod: `${issuer.did}#${issuer.did.slice(8)}`, proofValue: 'z3FXQjecWufY46yg5abdVZsXqLhxhueuSoZgNSARiKBk9czhSePTFehP8c3PGfb6a22gkfUKKiL8FhBcPYkV8MZ2b' }
const sign = async (credential: Record<string, unknown>) => vc.issue({ credential, suite: await suite(), documentLoader, now: NOW }) as Promise<Record<string, unknown>>

describe('the context allow-list', () => {
  test('the swapped inline copy is signed validly (jsonld-signatures alone accepts it), yet verify fails the proof with CONTEXT_NOT_ALLOWED', async () => {
    const signed = await sign(badge([VC_V2_CONTEXT, swapped['@context']]))
    const bare = await jsigs.verify(signed, { suite: verificationSuites(), purpose: new vc.CredentialIssuancePurpose(), documentLoader })
    expect(bare.verified).toBe(true)
    const result = await verify({ input: signed, now: NOW })
    expect(getCheck(result, 'proof')).toMatchObject({ status: 'failed', code: 'CONTEXT_NOT_ALLOWED' })
    expect(getCheck(result, 'issuer')).toMatchObject({ status: 'unchecked', code: 'ISSUER_NOT_PROVEN' })
    expect(result.verified).toBe(false)
  })

  test('the same badge with the published OB context URL verifies (proof passed)', async () => {
    const result = await verify({ input: await sign(badge([VC_V2_CONTEXT, OB_V3_CONTEXT])), now: NOW })
    expect(getCheck(result, 'proof')).toMatchObject({ status: 'passed' })
  })

  test.each([
    ['an inline context nested in the subject', badge([VC_V2_CONTEXT, OB_V3_CONTEXT], { credentialSubject: { '@context': { extra: 'https://evil.example/extra' }, id: holder.did, extra: 'x' }, proof: PROOF })],
    ['an unknown URL in the proof’s own @context', { ...badge([VC_V2_CONTEXT, OB_V3_CONTEXT]), proof: { ...PROOF, '@context': 'https://evil.example/proof-v1' } }],
    ['a context that is a number', badge([VC_V2_CONTEXT, 42], { proof: PROOF })],
  ])('%s: proof failed with CONTEXT_NOT_ALLOWED before any JSON-LD work (no document asked of the loader)', async (_, credential) => {
    const loader = vi.fn(documentLoader)
    const result = await verify({ input: credential, now: NOW, documentLoader: loader })
    expect(getCheck(result, 'proof')).toMatchObject({ status: 'failed', code: 'CONTEXT_NOT_ALLOWED' })
    expect(loader).not.toHaveBeenCalled()
  })

  test('a presentation carrying a credential with an inline context: its proof and the credential’s fail (CONTEXT_NOT_ALLOWED)', async () => {
    const inner = await sign(badge([VC_V2_CONTEXT, swapped['@context']]))
    const vp = JSON.parse((await createPresentation({ agent: rt.agent, holderDid: holder.did, credentials: [inner], challenge: 'c', domain: 'https://tremplin.test', now: NOW })).document)
    const result = await verify({ input: vp, challenge: 'c', domain: 'https://tremplin.test', now: NOW })
    expect(getCheck(result, 'proof')).toMatchObject({ status: 'failed', code: 'CONTEXT_NOT_ALLOWED' })
    expect(getCheck(result.credentials![0]!, 'proof')).toMatchObject({ status: 'failed', code: 'CONTEXT_NOT_ALLOWED' })
    expect(result.verified).toBe(false)
  })

  // VCDM 2.0 §4.3 lets a presentation add terms after the base context; the W3C suite checks it.
  // The base context's protected terms cannot be redefined, and no claim is read from the envelope.
  test('a presentation’s own envelope may add inline terms after the VC base context (proof passed); not before it', async () => {
    const holderSuite = signingSuite(ed25519Signer(rt.agent, await getDidKeys(rt.agent, holder.did)), NOW)
    const signVp = (context: unknown[]) => vc.signPresentation({
      presentation: { '@context': context, type: ['VerifiablePresentation', 'ExampleVerifiablePresentation'], holder: holder.did },
      suite: holderSuite, challenge: 'c', domain: 'https://tremplin.test', documentLoader,
    })
    const extra = { ExampleVerifiablePresentation: 'https://example.org/#ExampleVerifiablePresentation' }
    const ok = await verify({ input: await signVp([VC_V2_CONTEXT, extra]), challenge: 'c', domain: 'https://tremplin.test', now: NOW })
    expect(getCheck(ok, 'proof')).toMatchObject({ status: 'passed' })
    const first = await verify({ input: { ...(await signVp([VC_V2_CONTEXT, extra])), '@context': [extra, VC_V2_CONTEXT] }, now: NOW })
    expect(getCheck(first, 'proof')).toMatchObject({ status: 'failed', code: 'CONTEXT_NOT_ALLOWED' })
  })
})
