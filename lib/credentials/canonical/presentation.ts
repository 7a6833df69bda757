import { VC_V2_CONTEXT } from '../contexts'
import type { DocumentLoader } from '../document-loader'
import { onlyBundledContexts, toDataset, type Quad, type Term } from './dataset'

// The RDF dataset of a VC 2.0 presentation, composed from the datasets of its credentials
// (docs/decisions/022). In the VC 2.0 context, `verifiableCredential` (a term of the
// VerifiablePresentation type, @protected) is a graph container with `"@context": null`: each
// credential is expanded from an empty context, exactly as it is on its own, and lands in a named
// graph of its own (a fresh blank node) linked from the presentation. So the presentation's
// dataset is: the dataset of the presentation without its credentials, one link per credential,
// and each credential's own dataset moved into its graph — the same dataset, up to blank-node
// labels, which canonicalisation replaces anyway. A credential's dataset computed once is reused
// by every presentation that carries it: its JSON-LD is never expanded again.

const VERIFIABLE_CREDENTIAL = 'https://www.w3.org/2018/credentials#verifiableCredential'
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type'
const VERIFIABLE_PRESENTATION = 'https://www.w3.org/2018/credentials#VerifiablePresentation'

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v])
const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)

/**
 * The credentials of a presentation whose dataset can be composed, or undefined: a VC 2.0
 * presentation (its first context the VC 2.0 one, typed VerifiablePresentation) carrying its
 * credentials as JSON objects under `verifiableCredential`, each of which uses bundled contexts only.
 */
export function composableCredentials(document: unknown): Record<string, unknown>[] | undefined {
  if (!isPlainObject(document)) return undefined
  const contexts = asList(document['@context'])
  if (contexts[0] !== VC_V2_CONTEXT || !asList(document.type).includes('VerifiablePresentation')) return undefined
  const credentials = asList(document.verifiableCredential)
  if (credentials.length === 0 || !credentials.every(isPlainObject)) return undefined
  if (!credentials.every((c) => onlyBundledContexts(c))) return undefined
  return credentials
}

/** Gets a credential's own dataset (from a cache, or computed). */
export type CredentialDataset = (credential: Record<string, unknown>) => Promise<Quad[]>

/**
 * The presentation's dataset, or undefined when its shape is not the one this composition is
 * proven for (the caller then expands the whole presentation the usual way).
 */
export async function composePresentation(document: Record<string, unknown>, credentials: Record<string, unknown>[], datasetOf: CredentialDataset, documentLoader: DocumentLoader): Promise<Quad[] | undefined> {
  const skeleton = await toDataset({ ...document, verifiableCredential: [] }, documentLoader)
  const holders = skeleton.filter((q) => q.graph.termType === 'DefaultGraph' && q.predicate.value === RDF_TYPE && q.object.value === VERIFIABLE_PRESENTATION)
  if (holders.length !== 1) return undefined
  const presentation = holders[0]!.subject
  if (typeof document.id === 'string' && presentation.value !== document.id) return undefined
  const datasets = await Promise.all(credentials.map((c) => datasetOf(c)))
  const quads = [...skeleton]
  datasets.forEach((dataset, i) => {
    const graph: Term = { termType: 'BlankNode', value: `tremplin-vc${i}` }
    quads.push({ subject: presentation, predicate: { termType: 'NamedNode', value: VERIFIABLE_CREDENTIAL }, object: graph, graph: { termType: 'DefaultGraph', value: '' } })
    const relabel = (t: Term): Term => (t.termType === 'BlankNode' ? { termType: 'BlankNode', value: `tremplin-vc${i}-${t.value}` } : t)
    for (const q of dataset) {
      quads.push({ subject: relabel(q.subject), predicate: q.predicate, object: relabel(q.object), graph: q.graph.termType === 'DefaultGraph' ? graph : relabel(q.graph) })
    }
  })
  return quads
}
