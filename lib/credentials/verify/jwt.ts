import { normalizeCredential, normalizePresentation, validateCredentialPayload, validateJwtPresentationPayload } from 'did-jwt-vc'
import type { KeyObject } from 'node:crypto'
import { offlineDidResolver, type DidResolver } from '@/lib/dids/resolver'
import { keyRetired } from './errors'
import { isObject, toArray } from './input'
import { ed25519KeyOf, isPlain, plainJwtPayload, readJws, verifiesWith, type CompactJws } from './jws'
import { failed, passed, type Check } from './result'

// VC-JWT and VP-JWT signatures are verified here, on node:crypto (./jws.ts), not through Veramo:
// did-jwt's pure-JavaScript Ed25519 cost ~2.5 ms a token (decision 001, amended by issue 11).
// Veramo still issues and presents; dates, audience and status are the pipeline's own checks.

const PLAIN = {
  invalid_signature: 'The signature does not match the content: it was changed after signing, or signed by another key',
  no_suitable_keys: 'The signer’s DID document has no key that could have made this signature',
  invalid_jwt: 'The JWT is not well formed',
  not_supported: 'The JWT is signed with an algorithm this verifier does not support (supported: EdDSA)',
}

const RESOLUTION_ERRORS: Record<string, string> = {
  unsupportedDidMethod: 'its DID method is not resolved by this verifier',
  invalidDid: 'it is not a valid DID',
  notFound: 'no DID document was found',
}

type Relation = 'assertionMethod' | 'authentication'

interface Kind {
  name: 'credential' | 'presentation'
  /** The relation that must list the signing key (as for Data Integrity proof purposes). */
  relation: Relation
  /** did-jwt-vc's data-model check; throws what is wrong. */
  validate(jwt: string, jws: CompactJws): void
  valid: string
}

const CREDENTIAL: Kind = {
  name: 'credential',
  relation: 'assertionMethod',
  // What did-jwt-vc's verifyCredential checks: the normalised view (claims may sit at the top level).
  validate: (jwt, { header, payload }) => validateCredentialPayload(viewOf(jwt, isPlain(header, payload) ? payload : undefined) as never),
  valid: 'The issuer’s signature is valid (VC-JWT, EdDSA)',
}
const PRESENTATION: Kind = {
  name: 'presentation',
  relation: 'authentication',
  // The envelope only, as the JWT says it: every credential inside gets its own full check in the
  // pipeline (normalising them all here would decode each one more time for nothing).
  validate: (_, { payload }) => {
    if (!isObject(payload.vp)) throw new Error('it has no "vp" claim')
    validateJwtPresentationPayload(payload as never)
  },
  valid: 'The holder’s signature on the presentation is valid (VP-JWT, EdDSA)',
}

/** The JSON view of a VC-JWT (VCDM 1.1 with issuanceDate/expirationDate from nbf/exp): did-jwt-vc's, decoded faster. */
export function jwtCredentialView(jwt: string): Record<string, unknown> | undefined {
  try {
    return viewOf(jwt, plainJwtPayload(jwt))
  } catch {
    return undefined
  }
}

/** `normalizeCredential(jwt)` from the payload already decoded when it is plain: the payload normalised, then its JwtProof2020 last. */
function viewOf(jwt: string, plain: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!plain) return normalizeCredential(jwt) as unknown as Record<string, unknown>
  const { proof: _, ...view } = normalizeCredential(plain as never)
  return { ...view, proof: { type: 'JwtProof2020', jwt } }
}

export function jwtPresentationView(jwt: string): Record<string, unknown> | undefined {
  try {
    return normalizePresentation(jwt) as unknown as Record<string, unknown>
  } catch {
    return undefined
  }
}

/**
 * Verifies the signature of a VC-JWT; the signer is the JWT's `iss`. `now` is not used: validity
 * dates are the pipeline's own `validity` check.
 */
export async function verifyJwtCredentialProof(jwt: string, _now: Date, resolver: DidResolver = offlineDidResolver): Promise<Check> {
  return verifyJwtProof(jwt, resolver, CREDENTIAL)
}

/**
 * Verifies the signature of a VP-JWT (only the envelope: the credentials inside are verified one by
 * one by the pipeline). Its audience and nonce are the pipeline's `challenge` check; `payload` and
 * `now` are not used (the payload checked is the one the signature covers, read from `jwt`).
 */
export async function verifyJwtPresentationProof(jwt: string, _payload: Record<string, unknown>, _now: Date, resolver: DidResolver = offlineDidResolver): Promise<Check> {
  return verifyJwtProof(jwt, resolver, PRESENTATION)
}

/** Shape and data model first (no DID is resolved for a token that cannot count), then the signer's keys. */
async function verifyJwtProof(jwt: string, resolver: DidResolver, kind: Kind): Promise<Check> {
  try {
    const read = readJws(jwt)
    if (!read.ok) return failed('proof', read.code, `${read.code === 'JWT_MALFORMED' ? PLAIN.invalid_jwt : PLAIN.not_supported} (${read.detail})`)
    const problem = dataModelProblem(jwt, read.jws, kind)
    if (problem) return failed('proof', 'JWT_MALFORMED', `The JWT does not hold a well-formed ${kind.name} (${problem})`)
    const iss = read.jws.payload.iss
    if (typeof iss !== 'string') return failed('proof', 'JWT_MALFORMED', 'The JWT has no "iss": nothing says who signed it')
    const resolved = await resolveSigner(resolver, iss)
    return 'check' in resolved ? resolved.check : await signatureCheck(read.jws, resolved.document, iss, kind)
  } catch (e) {
    // verify* never throws: whatever a resolver or a decoder threw is a proof that did not verify.
    return failed('proof', 'PROOF_INVALID', `The JWT signature could not be verified (${(e as Error).message})`)
  }
}

function dataModelProblem(jwt: string, jws: CompactJws, kind: Kind): string | undefined {
  try {
    kind.validate(jwt, jws)
    return undefined
  } catch (e) {
    return (e as Error).message.replace(/^schema_error: |^format_error: /, '')
  }
}

const unresolvable = (iss: string, why: string): { check: Check } => ({ check: failed('proof', 'DID_UNRESOLVABLE', `Cannot resolve ${iss}: ${why}`) })

/**
 * The signer's DID document. Refusals keep the resolver's `didResolutionMetadata.error` meaning:
 * a DID the request budget refused (limits.ts) fails here, and `RequestBudget.explain` turns that
 * failure into `unchecked` with the limit's reason.
 */
async function resolveSigner(resolver: DidResolver, iss: string): Promise<{ document: Record<string, unknown> } | { check: Check }> {
  const did = iss.split('#')[0]!
  let result
  try {
    // Only signing keys matter here: Veramo's did:key resolver would otherwise derive the X25519
    // keyAgreement key in pure JavaScript (~0.13 ms, more than the signature). Others ignore it.
    result = await resolver.resolve(did, { enableEncryptionKeyDerivation: false })
  } catch (e) {
    return unresolvable(iss, (e as Error).message)
  }
  const { error, message } = (result?.didResolutionMetadata ?? {}) as { error?: string; message?: string }
  const document = result?.didDocument as unknown
  if (error || !isObject(document)) return unresolvable(iss, message?.trim() || (error && RESOLUTION_ERRORS[error]) || error || 'no DID document was found')
  if (document.id !== did) return unresolvable(iss, `the document obtained is for ${String(document.id).slice(0, 200)}, not for ${did}`)
  return { document }
}

/** [absolute id, method]: the document's verification methods and those embedded under `relation`. */
function methodsOf(document: Record<string, unknown>, did: string, relation: Relation): [string, Record<string, unknown>][] {
  const methods = [...toArray(document.verificationMethod), ...toArray(document[relation])].filter(isObject)
  return methods.map((m) => [absolute(m.id, did), m] as [string, Record<string, unknown>]).filter(([id]) => id !== '')
}

const absolute = (id: unknown, did: string): string => (typeof id !== 'string' ? '' : id.startsWith('#') ? `${did}${id}` : id)

function listedIds(document: Record<string, unknown>, did: string, relation: Relation): Set<string> {
  return new Set(toArray(document[relation]).map((e) => absolute(isObject(e) ? e.id : e, did)))
}

/**
 * The header's `kid` (absolute, or `#frag` of `iss`) names the only key that may have signed;
 * without one, any key of the document. The key that verifies must be listed for the purpose
 * (`assertionMethod` for a credential, `authentication` for a presentation) and not withdrawn
 * (`revoked`, decision 020): a signature by a withdrawn key never counts, listed or not.
 */
async function signatureCheck(jws: CompactJws, document: Record<string, unknown>, iss: string, kind: Kind): Promise<Check> {
  const did = iss.split('#')[0]!
  const kid = jws.header.kid as string | undefined
  const wanted = kid !== undefined ? absolute(kid, did) : iss.includes('#') ? iss : undefined
  const candidates = methodsOf(document, did, kind.relation).filter(([id]) => wanted === undefined || id === wanted)
  const listed = listedIds(document, did, kind.relation)
  const tried = new Map<KeyObject, boolean>()
  let refused: Check | undefined
  for (const [id, method] of candidates) {
    const key = await ed25519KeyOf(method)
    if (!key) continue
    if (!tried.has(key)) tried.set(key, verifiesWith(jws, key))
    if (!tried.get(key)) continue
    const refusal = refusalOf(id, method, listed, kind.relation)
    if (!refusal) return passed('proof', 'PROOF_VALID', kind.valid)
    refused ??= refusal
  }
  if (refused) return refused
  const named = wanted?.slice(0, 300) // the header is the signer's text: quoted, never at any length
  if (tried.size === 0) {
    return failed('proof', 'PROOF_INVALID', `${PLAIN.no_suitable_keys} (${named === undefined ? `${did} lists no Ed25519 key` : `${named} is not an Ed25519 key of ${did}`})`)
  }
  return failed('proof', 'PROOF_INVALID', `${PLAIN.invalid_signature} (no Ed25519 key of ${did}${named === undefined ? '' : ` named ${named}`} verifies it)`)
}

/** Why a key that verifies still does not count: withdrawn, or not listed for the purpose. */
function refusalOf(id: string, method: Record<string, unknown>, listed: Set<string>, relation: Relation): Check | undefined {
  if (method.revoked !== undefined) {
    const { code, message } = keyRetired(id, String(method.revoked))
    return failed('proof', code, message)
  }
  if (listed.has(id)) return undefined
  return failed('proof', 'PROOF_PURPOSE_INVALID', `The key that signed (${id}) is not listed by its DID document for ${relation}: its controller did not authorise it for this purpose`)
}
