import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey'
import * as vc from '@digitalbazaar/vc'
import { createVerifiablePresentationJwt } from 'did-jwt-vc'
import { documentLoader } from '@/lib/credentials/document-loader'
import { signingSuite } from '@/lib/credentials/suites'

// Another wallet of the same young person, outside Tremplin: an Ed25519 key generated here, in
// memory, its did:key, and presentations signed with it — Data Integrity (@digitalbazaar/vc) or a
// VP-JWT (did-jwt-vc) — answering a challenge for a domain, as such a wallet would.

export interface PresentOptions {
  challenge: string
  domain: string
  /** Credentials carried (JSON for Data Integrity, compact JWTs for a VP-JWT); none by default. */
  credentials?: unknown[]
  /** Names another holder than the signer (a forged claim). */
  holder?: string
  now?: Date
}

export interface OtherWallet {
  did: string
  presentDi(options: PresentOptions): Promise<string>
  presentJwt(options: PresentOptions): Promise<string>
}

export async function createOtherWallet(): Promise<OtherWallet> {
  const key = await Ed25519Multikey.generate()
  const did = `did:key:${key.publicKeyMultibase}`
  key.controller = did
  key.id = `${did}#${key.publicKeyMultibase}`
  const signer = key.signer() as { id: string; algorithm: 'Ed25519'; sign(args: { data: Uint8Array }): Promise<Uint8Array> }
  return {
    did,
    async presentDi({ challenge, domain, credentials = [], holder = did, now = new Date() }) {
      const presentation = { ...vc.createPresentation({ holder, now }), ...(credentials.length ? { verifiableCredential: credentials } : {}) }
      const signed = await vc.signPresentation({ presentation, suite: signingSuite(signer, now), challenge, domain, documentLoader })
      return JSON.stringify(signed)
    },
    async presentJwt({ challenge, domain, credentials = [], holder = did, now = new Date() }) {
      const jwtSigner = async (data: string | Uint8Array) => {
        const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data
        return Buffer.from(await signer.sign({ data: bytes })).toString('base64url')
      }
      return createVerifiablePresentationJwt({
        vp: { '@context': ['https://www.w3.org/2018/credentials/v1'], type: ['VerifiablePresentation'], holder, verifiableCredential: credentials as string[] },
        nonce: challenge,
        aud: [domain],
        nbf: Math.floor(now.getTime() / 1000) - 60,
      }, { did, signer: jwtSigner, alg: 'EdDSA' })
    },
  }
}
