import { decryptSecret, encryptSecret } from '@/lib/dids/key-encryption'
import { loadMasterKey } from '@/lib/dids/master-key'
import type { Env } from '@/lib/env'
import { hashToken } from '@/lib/security/tokens'

// A share's token kept so it can be shown again (docs/decisions/024): AES-256-GCM under the same
// master key as private keys, with the share's id as associated data, so a ciphertext copied onto
// another share's row does not open. A database read alone (a dump, a backup, an injection) gives
// neither the token nor a working link; the token is still looked up by its SHA-256 only.

const keys = new WeakMap<Env, Buffer>()

/** The master key of this configuration, read once per Env (the file, or MASTER_KEY). */
function masterKeyOf(env: Env): Buffer {
  let key = keys.get(env)
  if (!key) {
    key = loadMasterKey({ dataDir: env.dataDir, masterKey: env.masterKey })
    keys.set(env, key)
  }
  return key
}

const aad = (shareId: string) => `share-token:${shareId}`

export function sealShareToken(env: Env, shareId: string, token: string): string {
  return encryptSecret(masterKeyOf(env), token, aad(shareId))
}

/**
 * The token of a share, or null when it cannot be had: none was kept (a share made before
 * issue 12), the master key changed, the ciphertext was altered or moved to another row, or it
 * does not hash to the share's token_hash.
 */
export function openShareToken(env: Env, share: { id: string; token_hash: string; token_ciphertext: string | null }): string | null {
  if (!share.token_ciphertext) return null
  try {
    const token = decryptSecret(masterKeyOf(env), share.token_ciphertext, aad(share.id))
    return hashToken(token) === share.token_hash ? token : null
  } catch {
    return null
  }
}
