import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey'

/** What @digitalbazaar's suites sign with. */
export interface Ed25519Signer {
  id: string
  algorithm: 'Ed25519'
  sign(args: { data: Uint8Array }): Promise<Uint8Array>
}

/**
 * A fresh Ed25519 key outside Tremplin (another wallet, another issuer), in memory: its did:key,
 * a signer for Data Integrity proofs, and one for did-jwt (base64url signatures).
 */
export async function newDidKeySigner(): Promise<{ did: string; signer: Ed25519Signer; jwtSigner: (data: string | Uint8Array) => Promise<string> }> {
  const key = await Ed25519Multikey.generate()
  const did = `did:key:${key.publicKeyMultibase}`
  key.controller = did
  key.id = `${did}#${key.publicKeyMultibase}`
  const signer = key.signer() as Ed25519Signer
  const jwtSigner = async (data: string | Uint8Array) => {
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data
    return Buffer.from(await signer.sign({ data: bytes })).toString('base64url')
  }
  return { did, signer, jwtSigner }
}
