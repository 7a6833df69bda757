import * as vc from '@digitalbazaar/vc'
import jsigs from 'jsonld-signatures'
import { cacheOf, prepareCredential } from '../canonical/canonize'
import { contentHash, onlyBundledContexts } from '../canonical/dataset'
import { disallowedContext } from '../contexts'
import { allowedContexts, type DocumentLoader } from '../document-loader'
import { verificationSuites } from '../suites'
import { issuerId } from './checks'
import { classifyProofError } from './errors'
import { isObject, toArray } from './input'
import { failed, passed, type Check } from './result'

const { AssertionProofPurpose, AuthenticationProofPurpose, ControllerProofPurpose } = jsigs.purposes

export interface ProofOutcome {
  check: Check
  /** The DID that controls the key that signed (presentations: to bind the holder). */
  signer?: string
}

/** CONTEXT_NOT_ALLOWED before any JSON-LD work: inline or unknown contexts (decision 017). */
function contextRefused(document: Record<string, unknown>, documentLoader: DocumentLoader, presentation = false): Check | undefined {
  const refused = disallowedContext(document, allowedContexts(documentLoader), { presentation })
  if (!refused) return undefined
  return failed('proof', 'CONTEXT_NOT_ALLOWED', `Not checked as signed: ${refused}; terms are read only from the bundled published contexts, so what this document says cannot be trusted to mean what it seems`)
}

function missingProof(document: Record<string, unknown>): Check | undefined {
  const proofs = toArray(document.proof)
  if (proofs.length === 0) return failed('proof', 'PROOF_MISSING', 'There is no proof: nothing shows who issued this or that it was not changed')
  if (!proofs.every(isObject)) return failed('proof', 'PROOF_MALFORMED', 'The proof is not a JSON object')
  return brokenChain(proofs as Record<string, unknown>[])
}

/**
 * Data Integrity 1.0 §4.5 (Verify Proof Sets and Chains): a proof's `previousProof` (a string or
 * a list of strings) names proofs of the same set by `id`; one that names no proof there is an
 * error (PROOF_VERIFICATION_ERROR in the spec): PROOF_CHAIN_BROKEN. Checked before any crypto.
 * Every proof must also verify (brokenProof), so a proof that follows another never stands on a
 * broken one (docs/decisions/031).
 */
function brokenChain(proofs: Record<string, unknown>[]): Check | undefined {
  const ids = new Set(proofs.map((p) => p.id).filter((id): id is string => typeof id === 'string'))
  for (const proof of proofs) {
    if (proof.previousProof === undefined) continue
    const previous = toArray<unknown>(proof.previousProof)
    if (previous.length === 0 || !previous.every((id) => typeof id === 'string')) {
      return failed('proof', 'PROOF_CHAIN_BROKEN', 'A proof’s "previousProof" must name other proofs by their id (a string or a list of strings)')
    }
    const missing = (previous as string[]).find((id) => !ids.has(id) || id === proof.id)
    if (missing) return failed('proof', 'PROOF_CHAIN_BROKEN', `A proof says it follows the proof ${missing}, which this document does not carry: the chain of signatures is broken`, { previousProof: missing })
  }
  return undefined
}

/**
 * Verifies the issuer's proof of a Data Integrity credential (assertionMethod, signer = issuer).
 * With a cache on its loader (lib/credentials/canonical), a proof that passed before for the same
 * bytes, under the same signer DID documents, is not verified again (decision 022).
 */
export async function verifyCredentialProof(credential: Record<string, unknown>, documentLoader: DocumentLoader): Promise<ProofOutcome> {
  const missing = missingProof(credential) ?? contextRefused(credential, documentLoader)
  if (missing) return { check: missing }
  const cache = cacheOf(documentLoader)
  const key = cache && onlyBundledContexts(credential) ? await proofCacheKey(credential, documentLoader) : undefined
  if (cache && key) {
    const known = await cache.proof(key)
    if (known) return known
    await prepareCredential(credential, documentLoader)
  }
  const outcome = await checkCredentialProof(credential, documentLoader)
  if (cache && key && outcome.check.status === 'passed') await cache.rememberProof(key, outcome)
  return outcome
}

/**
 * A proof set or chain (docs/decisions/031): every proof of a supported type must verify, each for
 * `assertionMethod` of its own signer, and one of them must be the issuer's — made with a key the
 * credential's `issuer` controls. A second signer may add a proof; it never stands in for the issuer's.
 */
async function checkCredentialProof(credential: Record<string, unknown>, documentLoader: DocumentLoader): Promise<ProofOutcome> {
  try {
    const result = await jsigs.verify(credential, {
      suite: chainAwareSuites(credential, documentLoader),
      purpose: new AssertionProofPurpose(),
      documentLoader,
    })
    if (!result.verified) return { check: failed('proof', ...codeAndMessage(result.error)) }
    const broken = brokenProof(result) ?? unverifiedLink(result)
    if (broken) return { check: broken }
    const issuer = issuerId(credential)
    if (!issuer) return { check: failed('proof', 'PROOF_ISSUER_MISMATCH', 'The credential names no issuer, so the key that signed cannot be tied to one') }
    const results = (result.results ?? []) as { purposeResult?: { controller?: { id?: unknown } } }[]
    const signers = [...new Set(results.map((r) => r.purposeResult?.controller?.id).filter((id): id is string => typeof id === 'string'))]
    if (!signers.includes(issuer)) {
      return { check: failed('proof', 'PROOF_ISSUER_MISMATCH', `None of the signatures is the issuer’s: signed by ${signers.join(', ') || 'an unknown key'}, not by a key of ${issuer}`, { issuer, signers }) }
    }
    const others = signers.filter((s) => s !== issuer)
    return { check: passed('proof', 'PROOF_VALID', describeProofs(credential, others), { verificationMethod: vmOf(credential), ...(others.length ? { signers } : {}) }), signer: issuer }
  } catch (error) {
    return { check: failed('proof', ...codeAndMessage(error)) }
  }
}

/**
 * What a proof verdict depends on: the credential's exact content, and the DID documents of the
 * keys its proofs name, as they are resolved NOW (keys, their `revoked` dates, which relationships
 * list them). Undefined when a document cannot be resolved: then nothing is taken from the cache.
 */
async function proofCacheKey(credential: Record<string, unknown>, documentLoader: DocumentLoader): Promise<string | undefined> {
  const methods = toArray<Record<string, unknown>>(credential.proof).map((p) => (isObject(p.verificationMethod) ? p.verificationMethod.id : p.verificationMethod))
  if (methods.length === 0 || !methods.every((m): m is string => typeof m === 'string' && m.length > 0)) return undefined
  try {
    const documents = await Promise.all(methods.map(async (m) => (await documentLoader(m.split('#')[0]!)).document))
    return `${contentHash(credential)}:${contentHash(documents)}`
  } catch {
    return undefined
  }
}

/**
 * Verifies a presentation's authentication proof. The challenge and domain the proof carries are
 * what it is checked against here (the signature covers them); whether they are the ones the
 * verifier asked for is the separate `challenge` check.
 */
export async function verifyPresentationProof(presentation: Record<string, unknown>, documentLoader: DocumentLoader): Promise<ProofOutcome> {
  const missing = missingProof(presentation) ?? contextRefused(presentation, documentLoader, true)
  if (missing) return { check: missing }
  const proof = toArray<Record<string, unknown>>(presentation.proof)[0]!
  const challenge = typeof proof.challenge === 'string' ? proof.challenge : undefined
  const domain = typeof proof.domain === 'string' ? proof.domain : undefined
  const purpose = challenge !== undefined
    ? new AuthenticationProofPurpose({ challenge, domain })
    : new ControllerProofPurpose({ term: 'authentication' })
  try {
    const result = await jsigs.verify(presentation, { suite: chainAwareSuites(presentation, documentLoader), purpose, documentLoader })
    if (!result.verified) return { check: failed('proof', ...codeAndMessage(result.error)) }
    const broken = brokenProof(result) ?? unverifiedLink(result)
    if (broken) return { check: broken }
    const signer = result.results?.[0]?.purposeResult?.controller?.id as string | undefined
    return { check: passed('proof', 'PROOF_VALID', 'The holder’s signature on the presentation is valid', { verificationMethod: proof.verificationMethod }), signer }
  } catch (error) {
    return { check: failed('proof', ...codeAndMessage(error)) }
  }
}

/** VCDM checks of @digitalbazaar/vc (contexts, types, issuer, subject, date formats), without the dates. */
export function dataModelError(credential: Record<string, unknown>): string | undefined {
  try {
    vc._checkCredential({ credential, mode: 'issue' })
    return undefined
  } catch (e) {
    return (e as Error).message
  }
}

/**
 * jsonld-signatures accepts a proof set when any one proof verifies. We ask more: every proof of
 * a type we support must verify (proofs of unknown types are not evaluated, and not counted).
 */
function brokenProof(result: { results?: { verified: boolean; error?: unknown }[] }): Check | undefined {
  const bad = (result.results ?? []).find((r) => !r.verified)
  if (!bad) return undefined
  const [code, message] = codeAndMessage(bad.error)
  return failed('proof', code, `One of the proofs does not verify: ${message}`)
}

type VerifyProofArgs = { proof: Record<string, unknown>; document: Record<string, unknown> } & Record<string, unknown>
type Suite = ReturnType<typeof verificationSuites>[number] & { verifyProof(args: VerifyProofArgs): Promise<unknown> }

/**
 * Data Integrity 1.0 §4.5: a proof that names previous proofs is verified over the document WITH
 * them ("set inputDocument.proof to matchingProofs"), as §4.2 Add Proof Set/Chain signs it — which
 * binds the link to the proofs it follows: replace or alter one, and every later link fails.
 * jsonld-signatures verifies every proof over the document without proofs; each suite is wrapped
 * so that a link gets its previous proofs back (as the document carries them). Proofs without
 * `previousProof` are verified as before.
 */
function chainAwareSuites(document: Record<string, unknown>, documentLoader: DocumentLoader): Suite[] {
  const proofs = toArray<Record<string, unknown>>(document.proof)
  return (verificationSuites(documentLoader) as Suite[]).map((suite) => {
    const wrapped = Object.create(suite) as Suite
    wrapped.verifyProof = (args: VerifyProofArgs) => {
      const previous = toArray<unknown>(args.proof.previousProof)
      if (previous.length === 0) return suite.verifyProof(args)
      const matching = proofs.filter((p) => previous.includes(p.id))
      return suite.verifyProof({ ...args, document: { ...args.document, proof: matching } })
    }
    return wrapped
  })
}

/**
 * A proof that names a previous one counts only when that one verified too (§4.5): one of a type we
 * do not verify (left out of the results) is no ground to stand on.
 */
function unverifiedLink(result: { results?: { verified: boolean; proof?: Record<string, unknown> }[] }): Check | undefined {
  const verified = new Set((result.results ?? []).filter((r) => r.verified).map((r) => r.proof?.id).filter((id) => typeof id === 'string'))
  for (const r of result.results ?? []) {
    const missing = toArray<string>(r.proof?.previousProof).find((id) => !verified.has(id))
    if (missing) return failed('proof', 'PROOF_CHAIN_BROKEN', `A proof follows the proof ${missing}, which this verifier could not verify (a type it does not support): the chain cannot be trusted`, { previousProof: missing })
  }
  return undefined
}

function codeAndMessage(error: unknown): [string, string] {
  const { code, message } = classifyProofError(error)
  return [code, message]
}

function vmOf(document: Record<string, unknown>): unknown {
  return toArray<Record<string, unknown>>(document.proof).map((p) => p.verificationMethod)
}

function describeProofs(document: Record<string, unknown>, others: string[] = []): string {
  const kinds = toArray<Record<string, unknown>>(document.proof).map((p) => (p.cryptosuite as string) ?? (p.type as string))
  const also = others.length ? `; also signed by ${others.join(', ')}` : ''
  return `The issuer’s signature is valid (${kinds.join(', ')})${also}`
}
