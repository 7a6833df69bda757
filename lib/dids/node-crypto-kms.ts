import 'server-only'
import { createPrivateKey, sign, type KeyObject } from 'node:crypto'
import type { AbstractPrivateKeyStore } from '@veramo/key-manager'
import { KeyManagementSystem } from '@veramo/kms-local'

/** PKCS #8 DER prefix of an Ed25519 private key (RFC 8410 §7): followed by the 32-byte seed. */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex')

type SignArgs = Parameters<KeyManagementSystem['sign']>[0]

class UnusableKey extends Error {}

/**
 * kms-local keeps 64 bytes (the seed, then the public key; a 32-byte seed alone is accepted too):
 * the seed signs. Imported as a JWK when the public key is there — OpenSSL 3 decodes a PKCS #8
 * document about ten times slower (≈ 0.6 ms, as much as the pure-JavaScript signature we replace).
 */
function privateKeyOf(secret: Buffer): KeyObject {
  if (secret.length === 64) {
    return createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', d: secret.subarray(0, 32).toString('base64url'), x: secret.subarray(32).toString('base64url') }, format: 'jwk' })
  }
  if (secret.length === 32) return createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, secret]), format: 'der', type: 'pkcs8' })
  throw new UnusableKey()
}

/**
 * Veramo's local key management, with Ed25519 signatures made by node:crypto (OpenSSL) rather than
 * by pure JavaScript (did-jwt's EdDSASigner, @noble/curves): about 1 ms less per signature, which
 * is felt when a pilot's 1,000 badges are issued (issue 11). Ed25519 is deterministic
 * (RFC 8032 §5.1.6): the same key and data give the same signature bytes either way. The key is
 * read and decrypted from the private-key store for each signature, as kms-local does, and never
 * leaves this object. Every other key type and algorithm goes to kms-local unchanged.
 */
export class NodeCryptoKeyManagementSystem extends KeyManagementSystem {
  constructor(private readonly privateKeys: AbstractPrivateKeyStore) {
    super(privateKeys)
  }

  override async sign(args: SignArgs): Promise<string> {
    const { keyRef, algorithm, data } = args
    if (algorithm !== undefined && algorithm !== 'Ed25519' && algorithm !== 'EdDSA') return super.sign(args)
    let managed
    try {
      managed = await this.privateKeys.getKey({ alias: keyRef.kid })
    } catch {
      throw new Error(`key_not_found: No key entry found for kid=${keyRef.kid}`)
    }
    if (managed.type !== 'Ed25519') return super.sign(args)
    const secret = Buffer.from(managed.privateKeyHex, 'hex')
    try {
      return sign(null, data, privateKeyOf(secret)).toString('base64url')
    } catch (e) {
      if (e instanceof UnusableKey) return super.sign(args)
      throw e
    } finally {
      secret.fill(0)
    }
  }
}
