import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite'
import { LRUCache } from 'lru-cache'
import * as rdfCanonize from 'rdf-canonize'
import { derivedLoader, type DocumentLoader } from '../document-loader'
import type { VerificationCache } from './cache'
import { contentHash, onlyBundledContexts, parse, serialize, toDataset, withoutProof, type Quad } from './dataset'
import { composableCredentials, composePresentation } from './presentation'

// The eddsa-rdfc-2022 cryptosuite with a faster `canonize` (docs/decisions/022). Canonicalisation
// itself (RDFC-1.0, rdf-canonize) is unchanged and cheap; what costs is jsonld's expansion of the
// document into a dataset (about 4 ms per Open Badge, 60 ms for a 10-badge presentation). Here,
// a document loader can carry a cache: datasets already computed are reused, and a presentation's
// dataset is composed from its credentials' (./presentation.ts). Without a cache, or for any
// document this does not apply to, the suite's own canonize runs, unchanged.

interface CanonicalState {
  cache: VerificationCache
  /** Datasets computed or fetched during ONE verification or signature, by content hash. */
  local: Map<string, Quad[]>
}

const states = new WeakMap<DocumentLoader, CanonicalState>()

/** Datasets already parsed in this thread, by content hash (read-only: canonicalisation copies what it relabels). */
const parsed = new LRUCache<string, Quad[]>({ max: 500 })

/** A loader for one verification or signature that reuses datasets through `cache`. */
export function cachingLoader(base: DocumentLoader, cache: VerificationCache): DocumentLoader {
  const loader = derivedLoader(base)
  states.set(loader, { cache, local: new Map() })
  return loader
}

export function cacheOf(loader: DocumentLoader | undefined): VerificationCache | undefined {
  return loader ? states.get(loader)?.cache : undefined
}

type CanonizeOptions = { documentLoader?: DocumentLoader } & Record<string, unknown>

async function canonize(input: unknown, options: CanonizeOptions, state: CanonicalState): Promise<string> {
  const dataset = options.documentLoader ? await knownDataset(input, state, options.documentLoader) : undefined
  if (!dataset) return eddsaRdfc2022.canonize(input, options)
  // The suite's own options for rdf-canonize (lib/canonize.js of the suite), then the caller's.
  return rdfCanonize.canonize(dataset as never, { algorithm: 'RDFC-1.0', format: 'application/n-quads', base: null, safe: true, ...options } as never) as Promise<string>
}

/** The dataset of `input` without expanding it whole: known already, or composed. */
async function knownDataset(input: unknown, state: CanonicalState, loader: DocumentLoader): Promise<Quad[] | undefined> {
  const credentials = composableCredentials(input)
  // A presentation is composed (never kept whole: its challenge is new each time); anything else may be known by its hash.
  if (credentials) return composePresentation(input as Record<string, unknown>, credentials, (c) => credentialDataset(c, state, loader), loader)
  return state.local.get(contentHash(input))
}

/** A signed credential's dataset: from this operation, from the cache, or computed and remembered. */
async function credentialDataset(credential: Record<string, unknown>, state: CanonicalState, loader: DocumentLoader): Promise<Quad[]> {
  const hash = contentHash(credential)
  const local = state.local.get(hash)
  if (local) return local
  const cached = await state.cache.dataset(hash)
  const dataset = parsed.get(hash) ?? (cached ? parse(cached) : await toDataset(credential, loader))
  if (!cached) await state.cache.rememberDataset(hash, serialize(dataset))
  state.local.set(hash, dataset)
  parsed.set(hash, dataset)
  return dataset
}

/**
 * Before a credential's proof is verified: its signed dataset (kept for the presentations that
 * will carry it) and, derived from it, the dataset of the document without its proof — the one
 * the suite canonicalises to check the signature — so the credential is expanded once, not twice.
 * Does nothing for a credential outside the cache's rules; a credential jsonld refuses is left
 * to the suite, which says why.
 */
export async function prepareCredential(credential: Record<string, unknown>, loader: DocumentLoader): Promise<void> {
  const state = states.get(loader)
  if (!state || !onlyBundledContexts(credential)) return
  let signed: Quad[]
  try {
    signed = await credentialDataset(credential, state, loader)
  } catch {
    return
  }
  const proofs = Array.isArray(credential.proof) ? credential.proof.length : credential.proof === undefined ? 0 : 1
  const unsigned = withoutProof(signed, proofs)
  if (!unsigned) return
  const { proof: _proof, ...document } = credential
  state.local.set(contentHash(document), unsigned)
}

/**
 * eddsa-rdfc-2022 for one operation whose loader came from `cachingLoader`: canonicalising through
 * its cache. Any other loader: the suite as published. (The state travels with the suite, not the
 * loader: jsonld-signatures hands the suite a wrapper of the loader it was given.)
 */
export function eddsaRdfc2022For(loader: DocumentLoader | undefined) {
  const state = loader ? states.get(loader) : undefined
  return state ? { ...eddsaRdfc2022, canonize: (input: unknown, options: CanonizeOptions) => canonize(input, options, state) } : eddsaRdfc2022
}
