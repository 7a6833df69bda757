import * as vc from '@digitalbazaar/vc'
import type { Agent } from '@/lib/dids/agent'
import { ed25519Signer, getDidKeys } from '@/lib/dids/signer'
import type { VerificationCache } from './canonical/cache'
import { cachingLoader } from './canonical/canonize'
import { documentLoader as defaultLoader, type DocumentLoader } from './document-loader'
import type { CredentialFormat } from './issue'
import { signingSuite } from './suites'

export interface PresentOptions {
  agent: Agent
  holderDid: string
  /** Signed credentials: JSON objects (Data Integrity) or compact JWTs. */
  credentials: (Record<string, unknown> | string)[]
  challenge: string
  domain: string
  format?: CredentialFormat
  now?: Date
  documentLoader?: DocumentLoader
  /** Reuse the credentials' datasets (lib/credentials/canonical, decision 022): the same signature, sooner. */
  cache?: VerificationCache
}

export interface Presentation {
  format: CredentialFormat
  /** The signed presentation as JSON, or its compact JWT. */
  document: string
  presentation: Record<string, unknown>
}

/**
 * Signs a Verifiable Presentation with the holder's key, bound to `challenge` and `domain`:
 * a Data Integrity VP (authentication proof) or a VC-JWT VP (`nonce` and `aud`).
 * @throws TypeError when a Data Integrity VP is asked to carry a JWT credential, or the input is empty.
 */
export async function createPresentation(options: PresentOptions): Promise<Presentation> {
  const { agent, holderDid, credentials, challenge, domain, format = 'di', now = new Date() } = options
  if (!challenge) throw new TypeError('challenge is required')
  if (!domain) throw new TypeError('domain is required')
  const keys = await getDidKeys(agent, holderDid)
  if (format === 'di') {
    if (credentials.some((c) => typeof c === 'string')) {
      throw new TypeError('credentials: a Data Integrity presentation carries Data Integrity credentials; present JWT credentials with format "jwt"')
    }
    const base = options.documentLoader ?? defaultLoader
    const documentLoader = options.cache ? cachingLoader(base, options.cache) : base
    const presentation = await vc.signPresentation({
      presentation: unsignedPresentation(holderDid, credentials as Record<string, unknown>[]),
      suite: signingSuite(ed25519Signer(agent, keys), now, documentLoader),
      challenge,
      domain,
      documentLoader,
    })
    return { format, document: JSON.stringify(presentation), presentation }
  }
  const signed = await agent.createVerifiablePresentation({
    presentation: {
      '@context': ['https://www.w3.org/2018/credentials/v1'],
      type: ['VerifiablePresentation'],
      holder: holderDid,
      verifiableCredential: credentials as never,
    },
    proofFormat: 'jwt',
    challenge,
    domain,
    keyRef: keys.kid,
    now,
  })
  return { format, document: (signed.proof as { jwt: string }).jwt, presentation: signed as unknown as Record<string, unknown> }
}

/**
 * The unsigned Data Integrity VP. `vc.createPresentation` judges each credential's dates against
 * `now` and throws for one not valid yet or expired (clock skew, an imported credential dated
 * later): presenting is not verifying, and one such credential must not stop the whole portfolio
 * from being presented. So each credential gets the library's shape checks only (its "issue"
 * mode, as verify/di.ts does), and the verifier reports its `validity` as failed, plainly.
 * @throws Error (the library's) for a credential that is not a credential at all.
 */
function unsignedPresentation(holder: string, credentials: Record<string, unknown>[]): Record<string, unknown> {
  for (const credential of credentials) vc._checkCredential({ credential, mode: 'issue' })
  return { ...vc.createPresentation({ holder }), verifiableCredential: credentials }
}
