import * as didKey from '@digitalbazaar/did-method-key'
import { Ed25519VerificationKey2020 } from '@digitalbazaar/ed25519-verification-key-2020'
import { BUNDLED_CONTEXTS } from './contexts'

export interface RemoteDocument {
  contextUrl: null
  documentUrl: string
  document: unknown
}
export type DocumentLoader = (url: string) => Promise<RemoteDocument>

/**
 * Thrown for any URL the loader will not serve. `code` surfaces in verification results (where a
 * refused `@context` is reported as CONTEXT_NOT_BUNDLED: jsonld says when it was loading one).
 */
export class DocumentNotAvailableError extends Error {
  readonly code: 'DOCUMENT_NOT_AVAILABLE' | 'DID_UNRESOLVABLE'
  readonly url: string
  constructor(code: DocumentNotAvailableError['code'], url: string, message: string) {
    super(message)
    this.name = 'DocumentNotAvailableError'
    this.code = code
    this.url = url
  }
}

// did:key documents carry Ed25519VerificationKey2020 methods: both Ed25519Signature2020 (which
// insists on that type) and eddsa-rdfc-2022 (which accepts it) verify against them.
const didKeyDriver = didKey.driver()
didKeyDriver.use({ multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519VerificationKey2020.from })

/** Extra documents a caller may serve (test fixtures, later this instance's own DIDs and lists). */
export type DocumentSource = (url: string) => Promise<unknown | undefined> | unknown | undefined

/**
 * The offline document loader: bundled contexts, did:key, and whatever `extra` serves.
 * It never touches the network; anything else throws DocumentNotAvailableError.
 */
export function createDocumentLoader({ extra }: { extra?: DocumentSource } = {}): DocumentLoader {
  return async (url: string) => {
    const context = BUNDLED_CONTEXTS.get(url)
    if (context) return { contextUrl: null, documentUrl: url, document: structuredClone(context) }
    if (extra) {
      const doc = await extra(url)
      if (doc !== undefined) return { contextUrl: null, documentUrl: url, document: doc }
    }
    if (url.startsWith('did:key:')) {
      try {
        return { contextUrl: null, documentUrl: url, document: await didKeyDriver.get({ url }) }
      } catch (e) {
        throw new DocumentNotAvailableError('DID_UNRESOLVABLE', url, `Cannot resolve ${url}: ${(e as Error).message}`)
      }
    }
    if (url.startsWith('did:')) {
      throw new DocumentNotAvailableError('DID_UNRESOLVABLE', url, `The DID ${url.split('#')[0]} cannot be resolved here (supported: did:key)`)
    }
    throw new DocumentNotAvailableError('DOCUMENT_NOT_AVAILABLE', url, `${url} is not one of the documents this verifier bundles; nothing is fetched`)
  }
}

/** The default loader of this process. */
export const documentLoader: DocumentLoader = createDocumentLoader()
