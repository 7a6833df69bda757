import 'server-only'
import { getDidKeyResolver } from '@veramo/did-provider-key'
import { Resolver, type DIDDocument, type DIDResolutionResult, type DIDResolver, type Resolvable } from 'did-resolver'
import type { Db } from '@/db/client'
import { didResolver as offlineResolver } from './agent'
import { localDidDocument } from './organisation-did'
import { didWebDocumentUrl, didWebOf, type DidDocument } from './web'

/** A DID resolver in did-resolver's shape: what both the DI document loader and the JWT verifier use. */
export type DidResolver = Resolvable

/** Offline: did:key only. The default of `verify()`. */
export const offlineDidResolver: DidResolver = offlineResolver

export interface DidResolverOptions {
  /** This instance's database: its organisations' did:web are built from it, never fetched (whatever host they name). */
  db?: Db
  /** This instance's PUBLIC_URL: a did:web of this host and base path not in the database is unknown, not fetched. */
  publicUrl: string
  /** Gets another host's DID document (lib/status/remote.ts rules). Without it, other hosts are not contacted. */
  fetchDocument?: (url: string) => Promise<unknown>
}

/** did:key as before, plus did:web: this instance's own from its database, other hosts' over HTTPS. */
export function createDidResolver(options: DidResolverOptions): Resolver {
  return new Resolver({ key: signingKeysOnly(getDidKeyResolver().key!), web: webMethod(options) })
}

/**
 * Verification reads only signing keys: by default Veramo's did:key method also derives the X25519
 * keyAgreement key, in pure JavaScript (~0.13 ms a DID, more than an Ed25519 verify on node:crypto),
 * for every credential and presentation. A caller that wants it still asks for it.
 */
function signingKeysOnly(didKey: DIDResolver): DIDResolver {
  return (did, parsed, resolver, options) => didKey(did, parsed, resolver, { enableEncryptionKeyDerivation: false, ...options })
}

const MAX_METHODS = 100

function failure(error: string, message: string): DIDResolutionResult {
  return { didResolutionMetadata: { error, message }, didDocument: null, didDocumentMetadata: {} }
}

function found(document: DidDocument): DIDResolutionResult {
  return { didResolutionMetadata: { contentType: 'application/did+ld+json' }, didDocument: document as unknown as DIDDocument, didDocumentMetadata: {} }
}

/** Is `did` under this instance's host and base path (`did:web:<host>[:<base>]…`)? */
function isOwnDidWeb(did: string, publicUrl: string): boolean {
  const own = didWebOf(publicUrl)
  return did === own || did.startsWith(`${own}:`)
}

function webMethod({ db, publicUrl, fetchDocument }: DidResolverOptions): DIDResolver {
  return async (did) => {
    if (db) {
      try {
        const local = await localDidDocument(db, did)
        if (local) return found(local)
      } catch (e) {
        return failure('notFound', `this platform could not read its own DID documents (${(e as Error).message})`)
      }
    }
    if (isOwnDidWeb(did, publicUrl)) {
      return failure('notFound', db
        ? 'no organisation of this platform has this DID (it is not fetched: this platform’s own did:web are read from its database)'
        : 'this platform’s own did:web are read from its database, and none is available here')
    }
    let url: string
    try {
      url = didWebDocumentUrl(did)
    } catch (e) {
      return failure('invalidDid', (e as Error).message)
    }
    if (!fetchDocument) return failure('notFound', `other hosts’ DID documents are not fetched by this verifier (${url})`)
    let document: unknown
    try {
      document = await fetchDocument(url)
    } catch (e) {
      // A saturated process says so (the verification reports "busy", not "no such DID").
      if ((e as { code?: unknown }).code === 'REMOTE_BUSY') return failure('REMOTE_BUSY', (e as Error).message)
      return failure('notFound', `its DID document could not be obtained from ${url}: ${(e as Error).message}`)
    }
    const checked = checkDocument(document, did)
    return typeof checked === 'string' ? failure('invalidDidDocument', `the document at ${url} ${checked}`) : found(checked)
  }
}

/**
 * Accepts another host's DID document only if it is a JSON object whose `id` is the DID asked for
 * (a document for another DID proves nothing about this one); relative ids (`#key-1`) are made
 * absolute so every verifier compares the same strings. Returns the reason when refused.
 */
export function checkDocument(document: unknown, did: string): DidDocument | string {
  if (!document || typeof document !== 'object' || Array.isArray(document)) return 'is not a DID document (not a JSON object)'
  const doc = document as Record<string, unknown>
  if (doc.id !== did) return `is for ${typeof doc.id === 'string' ? doc.id.slice(0, 200) : 'no DID'}, not for ${did}`
  const absolute = (id: unknown) => (typeof id === 'string' && id.startsWith('#') ? `${did}${id}` : id)
  const normalised: Record<string, unknown> = { ...doc }
  for (const relation of ['verificationMethod', 'assertionMethod', 'authentication', 'capabilityInvocation', 'capabilityDelegation', 'keyAgreement']) {
    const entries = doc[relation]
    if (entries === undefined) continue
    if (!Array.isArray(entries) || entries.length > MAX_METHODS) return `has an unreadable ${relation}`
    normalised[relation] = entries.map((e) => (e && typeof e === 'object' ? { ...e, id: absolute((e as { id?: unknown }).id) } : absolute(e)))
  }
  return normalised as unknown as DidDocument
}
