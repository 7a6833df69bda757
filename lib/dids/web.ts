import 'server-only'
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey'

// did:web (W3C CCG did:web method, §3.2 create / §3.3 read): `did:web:<host>[:<path>…]`, the
// host's port percent-encoded (`%3A`), each path segment a colon; the document lives at
// `https://<host>/<path…>/did.json` (`/.well-known/did.json` without a path).

export const DID_V1_CONTEXT = 'https://www.w3.org/ns/did/v1'
export const ED25519_2020_CONTEXT = 'https://w3id.org/security/suites/ed25519-2020/v1'
export const MULTIKEY_CONTEXT = 'https://w3id.org/security/multikey/v1'

/**
 * The type of our verification methods. Measured (decision 010): Ed25519VerificationKey2020 with
 * `publicKeyMultibase` is accepted by eddsa-rdfc-2022 and Ed25519Signature2020 verification
 * (given the node carries the ed25519-2020 context) and by did-jwt's EdDSA verifier; it is also
 * what our did:key documents hold, so one shape everywhere.
 */
export const VERIFICATION_METHOD_TYPE = 'Ed25519VerificationKey2020'

/** The @context a verification method node of each key type needs (a node taken out of its document). */
export const KEY_TYPE_CONTEXTS: Readonly<Record<string, string>> = { Ed25519VerificationKey2020: ED25519_2020_CONTEXT, Multikey: MULTIKEY_CONTEXT }

export interface DidDocument {
  '@context'?: unknown
  id: string
  verificationMethod?: VerificationMethod[]
  assertionMethod?: (string | VerificationMethod)[]
  authentication?: (string | VerificationMethod)[]
  [relation: string]: unknown
}
export interface VerificationMethod {
  id: string
  type: string
  controller: string
  publicKeyMultibase?: string
  [property: string]: unknown
}

/** `did:web:` + host (port as %3A) + the base path of `publicUrl`, then `extra` segments. */
export function didWebOf(publicUrl: string, ...extra: string[]): string {
  const url = new URL(publicUrl)
  const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent)
  return ['did:web', url.host.replace(':', '%3A'), ...[...segments, ...extra].map(encodeURIComponent)].join(':')
}

/** An organisation's issuer DID on this instance: `did:web:<host>[:<base path>]:orgs:<slug>`. */
export function organisationDidWeb(publicUrl: string, slug: string): string {
  return didWebOf(publicUrl, 'orgs', slug)
}

/**
 * The HTTPS URL of a did:web's document. @throws TypeError for anything that is not a did:web
 * with a plausible host (no user info, no path tricks).
 */
export function didWebDocumentUrl(did: string): string {
  if (!did.startsWith('did:web:')) throw new TypeError(`${did.slice(0, 100)} is not a did:web`)
  if (did.length > 2048) throw new TypeError('the did:web is longer than 2048 characters')
  const [host, ...path] = did.slice('did:web:'.length).split(':')
  const decodedHost = decodeURIComponent(host ?? '')
  if (!/^[a-z0-9.-]+(:\d{1,5})?$/i.test(decodedHost) || decodedHost.startsWith('.')) throw new TypeError(`${did} does not name a valid host`)
  const segments = path.map(decodeURIComponent)
  if (segments.some((s) => s === '' || s === '.' || s === '..' || /[/?#\\]/.test(s))) throw new TypeError(`${did} has an invalid path`)
  return segments.length ? `https://${decodedHost}/${segments.map(encodeURIComponent).join('/')}/did.json` : `https://${decodedHost}/.well-known/did.json`
}

/** The Ed25519 public key (hex, as Veramo stores it) as a multibase multikey (`z6Mk…`). */
export async function ed25519PublicKeyMultibase(publicKeyHex: string): Promise<string> {
  const x = Buffer.from(publicKeyHex, 'hex').toString('base64url')
  const pair = await Ed25519Multikey.fromJwk({ jwk: { kty: 'OKP', crv: 'Ed25519', x } })
  return pair.publicKeyMultibase as string
}

/**
 * The DID document of an organisation's did:web: EVERY key it ever had, each listed for
 * assertions (credentials, status lists) and authentication, so what an older key signed still
 * verifies after a rotation — except a RETIRED key (withdrawn, decision 020): it stays under
 * verificationMethod with the security vocabulary's `revoked` date-time (defined for
 * Ed25519VerificationKey2020 by the ed25519-2020 context the document names), and leaves
 * assertionMethod and authentication, so nothing it signed verifies any more. Oldest first.
 */
export async function buildDidDocument(did: string, keys: { fragment: string; publicKeyHex: string; retiredAt?: string | null }[]): Promise<DidDocument> {
  const methods: VerificationMethod[] = await Promise.all(keys.map(async (k) => ({
    id: `${did}#${k.fragment}`,
    type: VERIFICATION_METHOD_TYPE,
    controller: did,
    publicKeyMultibase: await ed25519PublicKeyMultibase(k.publicKeyHex),
    ...(k.retiredAt ? { revoked: k.retiredAt } : {}),
  })))
  const ids = methods.filter((m) => m.revoked === undefined).map((m) => m.id)
  return { '@context': [DID_V1_CONTEXT, ED25519_2020_CONTEXT], id: did, verificationMethod: methods, assertionMethod: ids, authentication: ids }
}

/** `key-3` → 3; anything else → undefined. */
export function keyNumber(fragment: unknown): number | undefined {
  const m = typeof fragment === 'string' ? /^key-([1-9][0-9]{0,5})$/.exec(fragment) : null
  return m ? Number(m[1]) : undefined
}
