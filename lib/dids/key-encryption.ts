import 'server-only'
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

const VERSION = 'v1'

/**
 * AES-256-GCM with a random 96-bit IV; `aad` binds the ciphertext to its row (the key alias),
 * so a ciphertext copied onto another row does not decrypt.
 * Output: `v1.<base64url(iv)>.<base64url(tag)>.<base64url(ciphertext)>`.
 */
export function encryptSecret(masterKey: Buffer, plaintext: string, aad: string): string {
  assertKey(masterKey)
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', masterKey, iv)
  cipher.setAAD(Buffer.from(aad, 'utf8'))
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
  const tag = cipher.getAuthTag()
  return [VERSION, iv.toString('base64url'), tag.toString('base64url'), ct.toString('base64url')].join('.')
}

/** @throws Error when the master key is wrong or the ciphertext was altered. */
export function decryptSecret(masterKey: Buffer, sealed: string, aad: string): string {
  assertKey(masterKey)
  const [version, iv, tag, ct] = sealed.split('.')
  if (version !== VERSION || !iv || !tag || ct === undefined) throw new Error('Unreadable key ciphertext')
  const decipher = createDecipheriv('aes-256-gcm', masterKey, Buffer.from(iv, 'base64url'))
  decipher.setAAD(Buffer.from(aad, 'utf8'))
  decipher.setAuthTag(Buffer.from(tag, 'base64url'))
  try {
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8')
  } catch {
    throw new Error('Key ciphertext does not decrypt under this master key')
  }
}

function assertKey(key: Buffer) {
  if (key.length !== 32) throw new TypeError('masterKey must be 32 bytes')
}
