import { createPublicKey, verify as cryptoVerify, type KeyObject } from 'node:crypto'
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey'

/**
 * Compact JWS (RFC 7515 §7.1) signed with Ed25519 (RFC 8037), verified by node:crypto: OpenSSL
 * verifies in ~0.08 ms where did-jwt's pure-JavaScript Ed25519 takes ~2 ms (DESIGN.md, measured).
 */
export interface CompactJws {
  header: Record<string, unknown>
  payload: Record<string, unknown>
  /** ASCII(BASE64URL(header) '.' BASE64URL(payload)): exactly the bytes that were signed. */
  signingInput: Buffer
  signature: Buffer
}

export type JwsReading = { ok: true; jws: CompactJws } | { ok: false; code: 'JWT_MALFORMED' | 'PROOF_UNSUPPORTED'; detail: string }

/** The algorithms did-jwt verifies with an Ed25519 key: EdDSA (RFC 8037), and "Ed25519", which it keeps for old tokens. */
const ED25519_ALGS = new Set(['EdDSA', 'Ed25519'])
// As did-jwt reads a token; the signature may be empty here so that `alg: none` is said to be unsupported.
const COMPACT = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)$/
// 64 bytes are 86 base64url characters whose last one carries 2 bits and 4 zero bits (A, Q, g, w):
// one spelling per signature, so the same token cannot travel under several texts (or cache keys).
const ED25519_SIGNATURE = /^[A-Za-z0-9_-]{85}[AQgw]$/

/** A base64url segment holding a JSON object; only its one canonical spelling, as did-jwt's decoder insists. */
function jsonObject(segment: string): Record<string, unknown> | undefined {
  const bytes = Buffer.from(segment, 'base64url')
  if (bytes.toString('base64url') !== segment) return undefined
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8'))
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

/**
 * The payload of a plain compact JWT, decoded by node (did-jwt's decoder takes ~100 µs a token,
 * this ~20). Undefined for anything unusual — a nested JWT (`cty: JWT`), a header or payload that
 * is not a JSON object, a payload carrying `proof` or in the legacy attestation shape — which the
 * caller then hands to did-jwt-vc as it is, so that the result never differs from the library's.
 */
export function plainJwtPayload(token: string): Record<string, unknown> | undefined {
  const parts = COMPACT.exec(token)
  if (!parts || parts[3] === '') return undefined
  const header = jsonObject(parts[1]!)
  const payload = header && jsonObject(parts[2]!)
  return header && payload && isPlain(header, payload) ? payload : undefined
}

/** Neither nested (`cty: JWT`), nor carrying `proof`, nor in the legacy attestation shape. */
export const isPlain = (header: Record<string, unknown>, payload: Record<string, unknown>): boolean =>
  header.cty !== 'JWT' && !('proof' in payload) && !(payload.sub && payload.iss && payload.claim && payload.iat)

/** Reads a compact JWS without any key: shape, header, payload, and an Ed25519-sized signature. */
export function readJws(token: string): JwsReading {
  const parts = COMPACT.exec(token)
  if (!parts) return { ok: false, code: 'JWT_MALFORMED', detail: 'it is not three base64url parts separated by dots' }
  const [, head, body, signature] = parts as unknown as [string, string, string, string]
  const header = jsonObject(head)
  if (!header) return { ok: false, code: 'JWT_MALFORMED', detail: 'its header is not a base64url-encoded JSON object' }
  if (typeof header.alg !== 'string') return { ok: false, code: 'JWT_MALFORMED', detail: 'its header names no algorithm ("alg")' }
  if (!ED25519_ALGS.has(header.alg)) return { ok: false, code: 'PROOF_UNSUPPORTED', detail: `alg ${header.alg.slice(0, 40)}` }
  // RFC 7515 §4.1.11: extensions marked critical must be understood, and none is here.
  if (header.crit !== undefined) return { ok: false, code: 'PROOF_UNSUPPORTED', detail: 'its header marks extensions critical ("crit"), which this verifier does not implement' }
  if (header.kid !== undefined && typeof header.kid !== 'string') return { ok: false, code: 'JWT_MALFORMED', detail: 'its header "kid" is not a string' }
  const payload = jsonObject(body)
  if (!payload) return { ok: false, code: 'JWT_MALFORMED', detail: 'its payload is not a base64url-encoded JSON object' }
  if (!ED25519_SIGNATURE.test(signature)) return { ok: false, code: 'JWT_MALFORMED', detail: 'its signature is not 64 bytes of base64url, the size of every Ed25519 signature' }
  return { ok: true, jws: { header, payload, signingInput: Buffer.from(`${head}.${body}`, 'ascii'), signature: Buffer.from(signature, 'base64url') } }
}

// KeyObjects are built once per key material (decoding base58 and importing cost more than a
// verify) and kept in a small map; the oldest goes first when it is full. The key is the material
// itself, so a rotated or replaced key can never be served from here under its old id.
const MAX_KEYS = 256
const keys = new Map<string, KeyObject | null>()

function remember(material: string, key: KeyObject | null): KeyObject | null {
  if (keys.size >= MAX_KEYS) keys.delete(keys.keys().next().value!)
  keys.set(material, key)
  return key
}

const fromRaw = (raw: Uint8Array): KeyObject | null =>
  raw.length === 32 ? createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') }, format: 'jwk' }) : null

/**
 * A base58btc multibase Ed25519 public key (multicodec 0xed01, "z6Mk…"), decoded by ed25519-multikey.
 * It drops the two multicodec bytes without reading them: encoding the key again and comparing
 * proves they were 0xed01 (an X25519 "z6LS…" key has 32 bytes too).
 */
async function fromMultibase(publicKeyMultibase: string): Promise<KeyObject | null> {
  const key = await Ed25519Multikey.from({ type: 'Multikey', publicKeyMultibase })
  const again = (await key.export({ publicKey: true, includeContext: false })) as { publicKeyMultibase?: string }
  return again.publicKeyMultibase === publicKeyMultibase ? fromRaw(key.publicKey as Uint8Array) : null
}

async function fromBase58(publicKeyBase58: string): Promise<KeyObject | null> {
  const key = await Ed25519Multikey.from({ type: 'Ed25519VerificationKey2018', publicKeyBase58 })
  return fromRaw(key.publicKey as Uint8Array)
}

// 32 bytes are 43 base64url characters whose last one carries 4 bits and 2 zero bits.
const ED25519_JWK_X = /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/

/** [memo key, decoder] for the key forms this verifier reads, or undefined for any other method. */
function materialOf(method: Record<string, unknown>): [string, () => Promise<KeyObject | null> | KeyObject | null] | undefined {
  const { type, publicKeyBase58, publicKeyMultibase, publicKeyJwk } = method
  if (type === 'Ed25519VerificationKey2018' && typeof publicKeyBase58 === 'string') return [`b58:${publicKeyBase58}`, () => fromBase58(publicKeyBase58)]
  if ((type === 'Ed25519VerificationKey2020' || type === 'Multikey') && typeof publicKeyMultibase === 'string') return [`mb:${publicKeyMultibase}`, () => fromMultibase(publicKeyMultibase)]
  if ((type === 'JsonWebKey2020' || type === 'JsonWebKey') && publicKeyJwk && typeof publicKeyJwk === 'object') {
    const { kty, crv, x } = publicKeyJwk as Record<string, unknown>
    if (kty !== 'OKP' || crv !== 'Ed25519' || typeof x !== 'string' || !ED25519_JWK_X.test(x)) return undefined
    return [`jwk:${x}`, () => createPublicKey({ key: { kty, crv, x }, format: 'jwk' })]
  }
  return undefined
}

/** The verification method's Ed25519 public key, or undefined when it holds none this verifier reads. */
export async function ed25519KeyOf(method: Record<string, unknown>): Promise<KeyObject | undefined> {
  const material = materialOf(method)
  if (!material) return undefined
  const [id, decode] = material
  if (keys.has(id)) return keys.get(id) ?? undefined
  let key: KeyObject | null
  try {
    key = await decode()
  } catch {
    key = null // undecodable material stays undecodable: remembered too
  }
  return remember(id, key) ?? undefined
}

/** Ed25519 verification of the token's signature by `key` (OpenSSL, through node:crypto). */
export const verifiesWith = (jws: CompactJws, key: KeyObject): boolean => cryptoVerify(null, jws.signingInput, key, jws.signature)
