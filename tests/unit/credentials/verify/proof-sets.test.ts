import * as vc from '@digitalbazaar/vc'
import jsigs from 'jsonld-signatures'
import { describe, expect, test } from 'vitest'
import { VC_V2_CONTEXT } from '@/lib/credentials/contexts'
import { documentLoader } from '@/lib/credentials/document-loader'
import { signingSuite } from '@/lib/credentials/suites'
import { verify } from '@/lib/credentials/verify'
import { getCheck } from '@/lib/credentials/verify/result'
import { newDidKeySigner } from '../../../helpers/did-key-signer'

// Proof sets and proof chains (Data Integrity 1.0 §2.1.1–2.1.2, §4.2, §4.5; docs/decisions/031), with
// two real keys: the issuer's and a second signer's (a notary, a platform counter-signing). What a
// set or a chain must prove here: every proof verifies (a chain link over the proofs it names), and
// one of them is the issuer's own. A second signer may add a proof; it can never replace the
// issuer's, nor stand on a broken, absent or swapped one.

const NOW = new Date('2026-11-27T12:00:00Z')
const issuer = await newDidKeySigner()
const notary = await newDidKeySigner()
const holder = await newDidKeySigner()

const credential = () => ({
  '@context': [VC_V2_CONTEXT], type: ['VerifiableCredential'], issuer: issuer.did, validFrom: '2026-01-01T00:00:00Z',
  credentialSubject: { id: holder.did, name: 'Alice' },
})
/** Adds one proof (a set member, or a chain link with `proof: { id, previousProof }`) signed by `who`. */
async function addProof(document: Record<string, unknown>, who: { signer: unknown }, proof?: Record<string, unknown>) {
  const suite = signingSuite(who.signer as never, NOW)
  if (proof) (suite as unknown as { proof: Record<string, unknown> }).proof = proof
  return jsigs.sign(structuredClone(document), { suite, purpose: new vc.CredentialIssuancePurpose(), documentLoader }) as Promise<Record<string, unknown>>
}
/**
 * Adds a chain link as Data Integrity 1.0 §4.2 (Add Proof Set/Chain) says: signed over the document
 * WITH the proofs it names ("set inputDocument.proof to matchingProofs"), then appended to the set.
 */
async function addLink(document: Record<string, unknown>, who: { signer: unknown }, proof: { id?: string; previousProof: unknown }) {
  const { proof: existing, ...bare } = document
  const all = ([] as Record<string, unknown>[]).concat((existing as Record<string, unknown>[] | undefined) ?? [])
  const previous = ([] as unknown[]).concat(proof.previousProof)
  const suite = signingSuite(who.signer as never, NOW) as unknown as { proof: unknown; createProof(a: Record<string, unknown>): Promise<Record<string, unknown>> }
  suite.proof = proof
  const input = { ...bare, proof: all.filter((p) => previous.includes(p.id)) }
  const link = await suite.createProof({ document: input, purpose: new vc.CredentialIssuancePurpose(), proofSet: all, documentLoader })
  return { ...bare, proof: [...all, link] }
}
const proofOf = async (document: Record<string, unknown>) => {
  const result = await verify({ input: document, now: NOW })
  return { verified: result.verified, proof: getCheck(result, 'proof')!, issuerCheck: getCheck(result, 'issuer')! }
}

describe('proof sets', () => {
  test('the issuer’s proof and a second signer’s: verified, the second signer named (signers)', async () => {
    const both = await addProof(await addProof(credential(), issuer), notary)
    const { verified, proof, issuerCheck } = await proofOf(both)
    expect(proof).toMatchObject({ status: 'passed', code: 'PROOF_VALID', details: { signers: [issuer.did, notary.did] } })
    expect(proof.message).toContain(`also signed by ${notary.did}`)
    expect(issuerCheck.details).toMatchObject({ did: issuer.did })
    expect(verified).toBe(true)
  })

  test('the second signer first, then the issuer: the order of a set does not matter', async () => {
    const both = await addProof(await addProof(credential(), notary), issuer)
    expect((await proofOf(both)).proof).toMatchObject({ status: 'passed' })
  })

  test('only a second signer’s proof: failed PROOF_ISSUER_MISMATCH — a signature is not the issuer’s because it is there', async () => {
    const { verified, proof } = await proofOf(await addProof(credential(), notary))
    expect(proof).toMatchObject({ status: 'failed', code: 'PROOF_ISSUER_MISMATCH' })
    expect(verified).toBe(false)
  })

  test('two proofs by a second signer and none by the issuer: failed PROOF_ISSUER_MISMATCH, naming who signed', async () => {
    const { proof } = await proofOf(await addProof(await addProof(credential(), notary), notary))
    expect(proof).toMatchObject({ status: 'failed', code: 'PROOF_ISSUER_MISMATCH', details: { issuer: issuer.did, signers: [notary.did] } })
  })

  test('the issuer’s proof valid, the second signer’s broken: failed — every proof must verify, none is ignored', async () => {
    const both = await addProof(await addProof(credential(), issuer), notary)
    ;(both.proof as Record<string, unknown>[])[1]!.proofValue = (both.proof as Record<string, unknown>[])[0]!.proofValue
    const { verified, proof } = await proofOf(both)
    expect(proof.status).toBe('failed')
    expect(verified).toBe(false)
  })

  test('a second signer who changes the credential after the issuer signed: the issuer’s proof no longer verifies', async () => {
    const signed = await addProof(credential(), issuer)
    const changed = await addProof({ ...signed, credentialSubject: { id: notary.did, name: 'Mallory' } }, notary)
    const { verified, proof } = await proofOf(changed)
    expect(proof).toMatchObject({ status: 'failed', code: 'PROOF_INVALID' })
    expect(verified).toBe(false)
  })
})

describe('proof chains (previousProof)', () => {
  const FIRST = 'urn:uuid:4a3d9c84-2a8e-4d6f-9a54-1b1e0a1f3c01'

  test('the issuer’s proof, then a second signer’s naming it (a string, or a list), signed over it as §4.2 says: verified', async () => {
    const first = await addProof(credential(), issuer, { id: FIRST })
    for (const previousProof of [FIRST, [FIRST]]) {
      const { verified, proof } = await proofOf(await addLink(first, notary, { previousProof }))
      expect(proof).toMatchObject({ status: 'passed', details: { signers: [issuer.did, notary.did] } })
      expect(verified).toBe(true)
    }
  })

  test('a second signer first, then the issuer’s proof following it (the W3C suite’s chain): verified', async () => {
    const first = await addProof(credential(), notary, { id: FIRST })
    const { verified, proof } = await proofOf(await addLink(first, issuer, { previousProof: FIRST }))
    expect(proof).toMatchObject({ status: 'passed', details: { signers: [notary.did, issuer.did] } })
    expect(verified).toBe(true)
  })

  test('the first link replaced by another valid proof with the same id: the link that followed it no longer verifies (PROOF_INVALID)', async () => {
    const chained = await addLink(await addProof(credential(), issuer, { id: FIRST }), notary, { previousProof: FIRST })
    const later = new Date(NOW.getTime() + 60_000)
    const replacement = await jsigs.sign(credential(), { suite: Object.assign(signingSuite(issuer.signer as never, later), { proof: { id: FIRST } }), purpose: new vc.CredentialIssuancePurpose(), documentLoader }) as Record<string, unknown>
    const swapped = { ...chained, proof: [replacement.proof, (chained.proof as unknown[])[1]] }
    expect((await proofOf(replacement)).verified).toBe(true)
    const { verified, proof } = await proofOf(swapped)
    expect(proof).toMatchObject({ status: 'failed', code: 'PROOF_INVALID' })
    expect(verified).toBe(false)
  })

  test('a link signed over the document alone, without the proof it names (not §4.2): failed PROOF_INVALID', async () => {
    const unbound = await addProof(await addProof(credential(), issuer, { id: FIRST }), notary, { previousProof: FIRST })
    const { verified, proof } = await proofOf(unbound)
    expect(proof).toMatchObject({ status: 'failed', code: 'PROOF_INVALID' })
    expect(verified).toBe(false)
  })

  test('a chain whose first link is broken: failed — a proof never stands on one that does not verify', async () => {
    const chained = await addLink(await addProof(credential(), issuer, { id: FIRST }), notary, { previousProof: FIRST })
    ;(chained.proof as Record<string, unknown>[])[0]!.proofValue = 'z3FXQjecWufY46yg5abdVZsXqLhxhueuSoZgNSARiKBk9czhSePTFehP8c3PGfb6a22gkfUKKiL8FhBcPYkV8MZ2b'
    const { verified, proof } = await proofOf(chained)
    expect(proof.status).toBe('failed')
    expect(verified).toBe(false)
  })

  test.each([
    ['a string naming no proof of the set', 'urn:uuid:missing'],
    ['a list with one id naming no proof of the set', [FIRST, 'urn:uuid:missing']],
    ['a proof naming itself', 'urn:uuid:self'],
    ['a value that is not an id', 42],
  ])('previousProof: %s → failed PROOF_CHAIN_BROKEN before any signature is checked', async (_, previousProof) => {
    const first = await addProof(credential(), issuer, { id: FIRST })
    const chained = await addProof(first, notary, previousProof === 'urn:uuid:self' ? { id: 'urn:uuid:self', previousProof } : { previousProof })
    const { verified, proof } = await proofOf(chained)
    expect(proof).toMatchObject({ status: 'failed', code: 'PROOF_CHAIN_BROKEN' })
    expect(verified).toBe(false)
  })

  test('a link that follows a proof of a type this verifier does not check: failed PROOF_CHAIN_BROKEN (it cannot stand on it)', async () => {
    // a cryptosuite we do not verify (ECDSA): left out of the results, never verified
    const unknown = { id: FIRST, type: 'DataIntegrityProof', cryptosuite: 'ecdsa-rdfc-2019', proofPurpose: 'assertionMethod', verificationMethod: `${notary.did}#x`, proofValue: 'z1' }
    const chained = await addLink({ ...credential(), proof: unknown }, issuer, { previousProof: FIRST })
    expect((chained.proof as unknown[]).length).toBe(2)
    const { verified, proof } = await proofOf(chained)
    expect(proof).toMatchObject({ status: 'failed', code: 'PROOF_CHAIN_BROKEN' })
    expect(verified).toBe(false)
  })

  test('a chain of the issuer’s own two proofs (one key) verifies; removing the first link breaks it', async () => {
    const chained = await addLink(await addProof(credential(), issuer, { id: FIRST }), issuer, { previousProof: FIRST })
    expect((await proofOf(chained)).verified).toBe(true)
    const cut = { ...chained, proof: [(chained.proof as unknown[])[1]] }
    expect((await proofOf(cut)).proof).toMatchObject({ status: 'failed', code: 'PROOF_CHAIN_BROKEN' })
  })
})
