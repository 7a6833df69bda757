import { createAgent, type IResolver } from '@veramo/core'
import type { ICredentialPlugin } from '@veramo/core-types'
import { CredentialPlugin } from '@veramo/credential-w3c'
import { CredentialProviderJWT } from '@veramo/credential-jwt'
import { DIDResolverPlugin } from '@veramo/did-resolver'
import { normalizeCredential, normalizePresentation } from 'did-jwt-vc'
import { didResolver } from '@/lib/dids/agent'
import { failed, passed, type Check } from './result'

// A verify-only agent: a resolver and the JWT provider, no keys. Verification never needs a key store.
const verifier = createAgent<IResolver & ICredentialPlugin>({
  plugins: [new DIDResolverPlugin({ resolver: didResolver }), new CredentialPlugin([new CredentialProviderJWT()])],
})

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
  unsupportedDidMethod: ['DID_UNRESOLVABLE', 'The signer’s DID method is not supported here (supported: did:key)'],
  invalidDid: ['DID_UNRESOLVABLE', 'The signer is not a valid DID'],
  resolver_error: ['DID_UNRESOLVABLE', 'The signer’s DID cannot be resolved'],
}

function proofFailure(error: { errorCode?: string; message?: string } | undefined): Check {
  const message = error?.message ?? 'unknown error'
  const key = Object.keys(ERROR_CODES).find((k) => error?.errorCode === k || message.includes(k))
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

/** Verifies the signature of a VC-JWT; the signer is the JWT's `iss`. */
export async function verifyJwtCredentialProof(jwt: string, now: Date): Promise<Check> {
  try {
    const r = await verifier.verifyCredential({ credential: jwt, policies: policies(now) })
    if (r.verified) return passed('proof', 'PROOF_VALID', 'The issuer’s signature is valid (VC-JWT, EdDSA)')
    return proofFailure(r.error)
  } catch (e) {
    return proofFailure({ message: (e as Error).message })
  }
}

/** Verifies the signature of a VP-JWT (only the envelope: Veramo does not verify the credentials inside). */
export async function verifyJwtPresentationProof(jwt: string, payload: Record<string, unknown>, now: Date): Promise<Check> {
  const aud = Array.isArray(payload.aud) ? payload.aud[0] : payload.aud
  try {
    const r = await verifier.verifyPresentation({
      presentation: jwt,
      // Passing the token's own audience keeps Veramo from looking for one among managed DIDs;
      // whether it is the audience we expect is the `challenge` check.
      ...(typeof aud === 'string' ? { domain: aud } : {}),
      policies: policies(now),
    })
    if (r.verified) return passed('proof', 'PROOF_VALID', 'The holder’s signature on the presentation is valid (VP-JWT, EdDSA)')
    return proofFailure(r.error)
  } catch (e) {
    return proofFailure({ message: (e as Error).message })
  }
}
