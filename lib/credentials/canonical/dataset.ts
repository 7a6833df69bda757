import { createHash } from 'node:crypto'
import jsonld from 'jsonld'
import { NQuads } from 'rdf-canonize'
import { isBundledContext } from '../contexts'
import type { DocumentLoader } from '../document-loader'

// RDF datasets of JSON-LD documents, as the eddsa-rdfc-2022 cryptosuite computes them before
// canonicalisation (jsonld.toRDF, safe mode, i18n-datatype directions, no generalised RDF), in a
// form that can be cached and moved between threads: N-Quads text. docs/decisions/022.

export interface Term { termType: string; value: string; datatype?: Term; language?: string }
export interface Quad { subject: Term; predicate: Term; object: Term; graph: Term }

/** The options the cryptosuite gives jsonld.toRDF for a document (lib/canonize.js of the suite). */
export const TO_RDF_OPTIONS = { base: null, safe: true, rdfDirection: 'i18n-datatype', produceGeneralizedRdf: false } as const

/** The dataset of a JSON-LD document, exactly as the cryptosuite would build it. */
export async function toDataset(document: unknown, documentLoader: DocumentLoader): Promise<Quad[]> {
  return (await jsonld.toRDF(document as object, { ...TO_RDF_OPTIONS, documentLoader } as never)) as unknown as Quad[]
}

export const serialize = (quads: Quad[]): string => NQuads.serialize(quads as never) as string
export const parse = (nquads: string): Quad[] => NQuads.parse(nquads) as unknown as Quad[]

/** SHA-256 of the JSON text of a parsed value: what a cache entry is about (its exact content). */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url')
}

/**
 * Whether a document's meaning depends only on the bundled contexts (the same in every process,
 * for every document loader): every `@context`, at any depth, names bundled contexts only. Only
 * such documents have datasets that may be cached (a test loader may serve other documents under
 * other URLs; an inline context is the document's own).
 */
export function onlyBundledContexts(value: unknown, depth = 0): boolean {
  if (depth > 64) return false
  if (Array.isArray(value)) return value.every((v) => onlyBundledContexts(v, depth + 1))
  if (value === null || typeof value !== 'object') return true
  for (const [key, v] of Object.entries(value)) {
    if (key === '@context') {
      const list = Array.isArray(v) ? v : [v]
      if (!list.every((c) => typeof c === 'string' && isBundledContext(c))) return false
    } else if (!onlyBundledContexts(v, depth + 1)) return false
  }
  return true
}

const SEC_PROOF = 'https://w3id.org/security#proof'

/**
 * The dataset of a signed document without its `proof`, derived from the signed document's
 * dataset: the `proof` property adds one `sec:proof` link per proof from the document's node to a
 * blank-node graph, and that graph's quads; nothing else depends on it (JSON-LD expands each
 * property of a node on its own). Undefined when the dataset does not have exactly that shape —
 * one subject, one link per proof, each to a graph of its own — and the caller computes it afresh.
 */
export function withoutProof(signed: Quad[], proofCount: number): Quad[] | undefined {
  const links = signed.filter((q) => q.graph.termType === 'DefaultGraph' && q.predicate.value === SEC_PROOF)
  if (links.length !== proofCount || links.length === 0) return undefined
  const subjects = new Set(links.map((q) => `${q.subject.termType} ${q.subject.value}`))
  const graphs = new Set(links.map((q) => q.object.value))
  if (subjects.size !== 1 || graphs.size !== links.length || links.some((q) => q.object.termType !== 'BlankNode')) return undefined
  // A proof graph's name is used nowhere else but as a graph (its blank node is fresh).
  const elsewhere = signed.some((q) => !links.includes(q) && [q.subject, q.object].some((t) => t.termType === 'BlankNode' && graphs.has(t.value)))
  if (elsewhere) return undefined
  return signed.filter((q) => !links.includes(q) && !(q.graph.termType === 'BlankNode' && graphs.has(q.graph.value)))
}
