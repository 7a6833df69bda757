import * as didKey from '@digitalbazaar/did-method-key'
import { Ed25519VerificationKey2020 } from '@digitalbazaar/ed25519-verification-key-2020'
import type { DidResolver } from '@/lib/dids/resolver'
import { KEY_TYPE_CONTEXTS } from '@/lib/dids/web'
import { BUNDLED_CONTEXTS, isBundledContext } from './contexts'

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

/**
 * A verification method its controller withdrew: the DID document still lists it, with the
 * security vocabulary's `revoked` date-time (defined for Ed25519VerificationKey2020 by the
 * ed25519-2020 context), and no longer under assertionMethod or authentication (decision 020).
 * Refused before any signature is checked: a withdrawn key may be in someone else's hands.
 */
export class KeyRetiredError extends Error {
  readonly code = 'KEY_RETIRED'
  constructor(readonly verificationMethod: string, readonly since: string) {
    super(`The verification method ${verificationMethod} was withdrawn by its controller on ${since}`)
    this.name = 'KeyRetiredError'
  }
}

// did:key documents carry Ed25519VerificationKey2020 methods: both Ed25519Signature2020 (which
// insists on that type) and eddsa-rdfc-2022 (which accepts it) verify against them.
const didKeyDriver = didKey.driver()
didKeyDriver.use({ multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519VerificationKey2020.from })

/** Extra documents a caller may serve (test fixtures). */
export type DocumentSource = (url: string) => Promise<unknown | undefined> | unknown | undefined

/**
 * The document loader: bundled contexts, did:key, whatever `extra` serves, and — when given a
 * `resolveDid` — other DIDs through that resolver (this instance's did:web from its database,
 * other hosts' under the remote fetch rules: lib/dids/resolver.ts). It fetches nothing itself;
 * anything else throws DocumentNotAvailableError.
 */
export function createDocumentLoader({ extra, resolveDid, extraContexts }: { extra?: DocumentSource; resolveDid?: DidResolver; extraContexts?: readonly string[] } = {}): DocumentLoader {
  const loader: DocumentLoader = async (url: string) => {
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
    if (url.startsWith('did:') && resolveDid) return { contextUrl: null, documentUrl: url, document: await resolvedDocument(resolveDid, url) }
    if (url.startsWith('did:')) {
      throw new DocumentNotAvailableError('DID_UNRESOLVABLE', url, `The DID ${url.split('#')[0]} cannot be resolved here (supported: did:key)`)
    }
    throw new DocumentNotAvailableError('DOCUMENT_NOT_AVAILABLE', url, `${url} is not one of the documents this verifier bundles; nothing is fetched`)
  }
  if (extraContexts?.length) extraContextsOf.set(loader, new Set(extraContexts))
  return loader
}

/** Contexts a loader was told to accept besides the bundled ones (test fixtures' `extra` documents). */
const extraContextsOf = new WeakMap<DocumentLoader, ReadonlySet<string>>()

/**
 * The context allow-list of a loader (docs/decisions/017): the bundled contexts, plus those its
 * creator declared in `extraContexts` (never in production: tests serving fixture contexts).
 */
export function allowedContexts(loader: DocumentLoader): (url: string) => boolean {
  const extra = extraContextsOf.get(loader)
  return extra ? (url) => isBundledContext(url) || extra.has(url) : isBundledContext
}

/**
 * A loader of its own identity that serves what `base` serves and accepts the same contexts: state
 * kept per loader (lib/credentials/canonical) then belongs to one operation.
 */
export function derivedLoader(base: DocumentLoader): DocumentLoader {
  const loader: DocumentLoader = (url) => base(url)
  const extra = extraContextsOf.get(base)
  if (extra) extraContextsOf.set(loader, extra)
  return loader
}

/**
 * A DID's document, or for `did#fragment` its verification method node. The node carries the DID
 * document's @context plus its key type's (ed25519-2020 or multikey): taken out of its document,
 * the suites refuse a node without it (measured, decision 010).
 */
async function resolvedDocument(resolveDid: DidResolver, url: string): Promise<unknown> {
  const hash = url.indexOf('#')
  const did = hash < 0 ? url : url.slice(0, hash)
  let result: Awaited<ReturnType<DidResolver['resolve']>>
  try {
    result = await resolveDid.resolve(did)
  } catch (e) {
    throw new DocumentNotAvailableError('DID_UNRESOLVABLE', url, `Cannot resolve ${did}: ${(e as Error).message}`)
  }
  const doc = result.didDocument as Record<string, unknown> | null
  if (!doc || result.didResolutionMetadata?.error) {
    const { error, message } = result.didResolutionMetadata ?? {}
    throw new DocumentNotAvailableError('DID_UNRESOLVABLE', url, `Cannot resolve ${did}: ${message ?? error ?? 'no DID document'}`)
  }
  if (hash < 0) return structuredClone(doc)
  const method = findMethod(doc, url)
  if (!method) throw new DocumentNotAvailableError('DID_UNRESOLVABLE', url, `The DID document of ${did} has no verification method ${url.slice(hash)}`)
  if (method.revoked !== undefined) throw new KeyRetiredError(url, String(method.revoked))
  const contexts = toList(doc['@context'])
  const typeContext = typeof method.type === 'string' ? KEY_TYPE_CONTEXTS[method.type] : undefined
  if (typeContext && !contexts.includes(typeContext)) contexts.push(typeContext)
  return { '@context': contexts, ...method, id: url }
}

function toList(value: unknown): unknown[] {
  return Array.isArray(value) ? [...value] : value === undefined ? [] : [value]
}

/** The verification method `url` (absolute or `#fragment` id), wherever the document holds it. */
function findMethod(doc: Record<string, unknown>, url: string): Record<string, unknown> | undefined {
  const fragment = url.slice(url.indexOf('#'))
  for (const relation of ['verificationMethod', 'assertionMethod', 'authentication']) {
    for (const entry of toList(doc[relation])) {
      const id = (entry as { id?: unknown } | null)?.id
      if (entry && typeof entry === 'object' && (id === url || id === fragment)) return structuredClone(entry as Record<string, unknown>)
    }
  }
  return undefined
}

/** The default loader of this process. */
export const documentLoader: DocumentLoader = createDocumentLoader()
