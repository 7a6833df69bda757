import * as vc from '@digitalbazaar/vc'
import { createVerifiablePresentationJwt } from 'did-jwt-vc'
import { documentLoader } from '@/lib/credentials/document-loader'
import { signingSuite } from '@/lib/credentials/suites'
import { newDidKeySigner } from '../../helpers/did-key-signer'

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
  const { did, signer, jwtSigner } = await newDidKeySigner()
  return {
    did,
    async presentDi({ challenge, domain, credentials = [], holder = did, now = new Date() }) {
      const presentation = { ...vc.createPresentation({ holder, now }), ...(credentials.length ? { verifiableCredential: credentials } : {}) }
      const signed = await vc.signPresentation({ presentation, suite: signingSuite(signer, now), challenge, domain, documentLoader })
      return JSON.stringify(signed)
    },
    async presentJwt({ challenge, domain, credentials = [], holder = did, now = new Date() }) {
      return createVerifiablePresentationJwt({
        vp: { '@context': ['https://www.w3.org/2018/credentials/v1'], type: ['VerifiablePresentation'], holder, verifiableCredential: credentials as string[] },
        nonce: challenge,
        aud: [domain],
        nbf: Math.floor(now.getTime() / 1000) - 60,
      }, { did, signer: jwtSigner, alg: 'EdDSA' })
    },
  }
}
