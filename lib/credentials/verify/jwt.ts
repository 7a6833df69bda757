import { createAgent, type IResolver } from '@veramo/core'
import type { ICredentialPlugin } from '@veramo/core-types'
import { CredentialPlugin } from '@veramo/credential-w3c'
import { CredentialProviderJWT } from '@veramo/credential-jwt'
import { DIDResolverPlugin } from '@veramo/did-resolver'
import { normalizeCredential, normalizePresentation } from 'did-jwt-vc'
import { offlineDidResolver, type DidResolver } from '@/lib/dids/resolver'
import { keyRetired, retiredSince } from './errors'
import { failed, passed, type Check } from './result'

type Verifier = ReturnType<typeof createAgent<IResolver & ICredentialPlugin>>
const verifiers = new WeakMap<DidResolver, Verifier>()

/**
 * A verify-only agent per resolver (the same resolver the DI document loader uses): the resolver
 * and the JWT provider, no keys. Verification never needs a key store.
 */
function verifierFor(resolver: DidResolver): Verifier {
  let verifier = verifiers.get(resolver)
  if (!verifier) {
    verifier = createAgent<IResolver & ICredentialPlugin>({
      plugins: [new DIDResolverPlugin({ resolver }), new CredentialPlugin([new CredentialProviderJWT()])],
    })
    verifiers.set(resolver, verifier)
  }
  return verifier
}

// Dates, audience and status are our own named checks: Veramo checks only the signature here.
const policies = (now: Date) => ({
  now: Math.floor(now.getTime() / 1000),
  issuanceDate: false,
  expirationDate: false,
  audience: false,
  credentialStatus: false,
})

const ERROR_CODES: Record<string, [string, string]> = {
  invalid_signature: ['PROOF_INVALID', 'The signature does not match the content: it was changed after signing, or signed by another key'],
  no_suitable_keys: ['PROOF_INVALID', 'The signer’s DID document has no key that could have made this signature'],
  invalid_jwt: ['JWT_MALFORMED', 'The JWT is not well formed'],
  not_supported: ['PROOF_UNSUPPORTED', 'The JWT is signed with an algorithm this verifier does not support (supported: EdDSA)'],
  notFound: ['DID_UNRESOLVABLE', 'The signer’s DID cannot be resolved'],
  unsupportedDidMethod: ['DID_UNRESOLVABLE', 'The signer’s DID method is not supported here'],
  invalidDid: ['DID_UNRESOLVABLE', 'The signer is not a valid DID'],
  resolver_error: ['DID_UNRESOLVABLE', 'The signer’s DID cannot be resolved'],
}

const RESOLVER_ERROR_RE = /^resolver_error: Unable to resolve DID document for (\S+): (\w+), ?(.*)$/s
const RESOLUTION_ERRORS: Record<string, string> = {
  unsupportedDidMethod: 'its DID method is not resolved by this verifier',
  invalidDid: 'it is not a valid DID',
  notFound: 'no DID document was found',
}

function proofFailure(error: { errorCode?: string; message?: string } | undefined): Check {
  const message = error?.message ?? 'unknown error'
  // did-jwt: "resolver_error: Unable to resolve DID document for <did>: <error>, <message>" — said plainly, as for DI.
  const unresolved = RESOLVER_ERROR_RE.exec(message)
  if (unresolved) {
    const [, did, code, detail] = unresolved as unknown as [string, string, string, string]
    return failed('proof', 'DID_UNRESOLVABLE', `Cannot resolve ${did}: ${detail.trim() || RESOLUTION_ERRORS[code] || code}`)
  }
  // The library's own code first: a message may quote a DID or URL holding any words.
  const key = (error?.errorCode && error.errorCode in ERROR_CODES ? error.errorCode : undefined) ?? Object.keys(ERROR_CODES).find((k) => message.includes(k))
  const [code, plain] = key ? ERROR_CODES[key]! : ['PROOF_INVALID', 'The JWT signature could not be verified']
  return failed('proof', code, `${plain} (${message})`)
}

/** The JSON view of a VC-JWT (VCDM 1.1 with issuanceDate/expirationDate from nbf/exp). */
export function jwtCredentialView(jwt: string): Record<string, unknown> | undefined {
  try {
    return normalizeCredential(jwt) as unknown as Record<string, unknown>
  } catch {
    return undefined
  }
}

export function jwtPresentationView(jwt: string): Record<string, unknown> | undefined {
  try {
    return normalizePresentation(jwt) as unknown as Record<string, unknown>
  } catch {
    return undefined
  }
}

type Verified = { signer?: { id?: string }; didResolutionResult?: { didDocument?: Record<string, unknown> | null } }

/**
 * did-jwt accepts a signature by ANY key of the signer's DID document. As for Data Integrity
 * proofs, the key must be one its controller lists for the purpose: `assertionMethod` for a
 * credential, `authentication` for a presentation. (did-jwt's own `proofPurpose` option reports
 * a wrong algorithm and an unlisted key alike, so the check is made here, on the key that signed.)
 */
function unlistedKey(result: Verified, relation: 'assertionMethod' | 'authentication'): Check | undefined {
  const signer = result.signer?.id
  const listed = (result.didResolutionResult?.didDocument?.[relation] ?? []) as unknown[]
  const ids = listed.map((e) => (typeof e === 'string' ? e : (e as { id?: unknown } | null)?.id))
  if (signer && ids.includes(signer)) return undefined
  const since = retiredSince(result.didResolutionResult?.didDocument, signer)
  if (signer && since !== undefined) {
    const { code, message } = keyRetired(signer, since)
    return failed('proof', code, message)
  }
  return failed('proof', 'PROOF_PURPOSE_INVALID', `The key that signed (${signer ?? 'unknown'}) is not listed by its DID document for ${relation}: its controller did not authorise it for this purpose`)
}

/** Verifies the signature of a VC-JWT; the signer is the JWT's `iss`. */
export async function verifyJwtCredentialProof(jwt: string, now: Date, resolver: DidResolver = offlineDidResolver): Promise<Check> {
  try {
    const r = await verifierFor(resolver).verifyCredential({ credential: jwt, policies: policies(now) })
    if (r.verified) return unlistedKey(r as Verified, 'assertionMethod') ?? passed('proof', 'PROOF_VALID', 'The issuer’s signature is valid (VC-JWT, EdDSA)')
    return proofFailure(r.error)
  } catch (e) {
    return proofFailure({ message: (e as Error).message })
  }
}

/** Verifies the signature of a VP-JWT (only the envelope: Veramo does not verify the credentials inside). */
export async function verifyJwtPresentationProof(jwt: string, payload: Record<string, unknown>, now: Date, resolver: DidResolver = offlineDidResolver): Promise<Check> {
  const aud = Array.isArray(payload.aud) ? payload.aud[0] : payload.aud
  try {
    const r = await verifierFor(resolver).verifyPresentation({
      presentation: jwt,
      // Passing the token's own audience keeps Veramo from looking for one among managed DIDs;
      // whether it is the audience we expect is the `challenge` check.
      ...(typeof aud === 'string' ? { domain: aud } : {}),
      policies: policies(now),
    })
    // Veramo hands did-jwt-vc's result (signer, DID document) over as `verifiablePresentation` here.
    if (r.verified) return unlistedKey((r as { verifiablePresentation?: Verified }).verifiablePresentation ?? {}, 'authentication') ?? passed('proof', 'PROOF_VALID', 'The holder’s signature on the presentation is valid (VP-JWT, EdDSA)')
    return proofFailure(r.error)
  } catch (e) {
    return proofFailure({ message: (e as Error).message })
  }
}
