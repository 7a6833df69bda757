/**
 * An offline `extra` document source for the third-party fixtures in ../shared/fixtures
 * (see that folder's README.md and DOCUMENT_LOADER_MAP.json). It serves:
 *
 * - every URL / DID of DOCUMENT_LOADER_MAP.json `map`, read from the local file; for a
 *   `did:web:…#fragment` the matching verification method node, with the DID document's @context
 *   (plus its key type's context when the document lacks it, as Digital Bazaar's did drivers do);
 * - the `https://www.w3.org/ns/credentials/examples/v2` context (static: its whole content);
 * - synthesised controller documents for the 1EdTech "key in URL fragment" verification methods
 *   (`https://issuer.example/x#z6Mk…`: the Ed25519 key is the fragment), built only for the
 *   https verification methods the manifest names and only when the fragment really is an
 *   Ed25519 multikey;
 * - synthesised DID documents for the two dcc-did-web DIDs that were not shipped (no licence),
 *   built from the public facts in DOCUMENT_LOADER_MAP.json `not_shipped`.
 *
 * Everything else, and everything in `must_fail`, is left unresolved (`undefined`), so the
 * application loader throws DocumentNotAvailableError for it. Nothing here touches the network.
 */
import fs from 'node:fs'
import path from 'node:path'
import { createDocumentLoader, type DocumentLoader, type DocumentSource } from '@/lib/credentials/document-loader'

export const EXAMPLES_V2_CONTEXT_URL = 'https://www.w3.org/ns/credentials/examples/v2'
const EXAMPLES_V2_CONTEXT = { '@context': { '@vocab': 'https://www.w3.org/ns/credentials/examples#' } }

const DID_V1 = 'https://www.w3.org/ns/did/v1'
const ED25519_2020_V1 = 'https://w3id.org/security/suites/ed25519-2020/v1'
const MULTIKEY_V1 = 'https://w3id.org/security/multikey/v1'

/** The key both unshipped dcc-did-web DIDs publish (the same key as did:key:z6MknNQD…). */
const DCC_DID_WEB_KEY = 'z6MknNQD1WHLGGraFi6zcbGevuAgkVfdyCdtZnQTGWVVvR5Q'

export interface LoaderMap {
  map: Record<string, string>
  must_fail: string[]
  not_shipped: Record<string, string>
}

export interface ManifestEntry {
  file: string
  kind: string
  expected: string
  expected_flags?: string[]
  expected_reason?: string
  proof?: string
  did_method?: string | null
  issuer?: string
  verification_methods?: string[]
}

export interface FixtureLoader {
  /** Pass as `createDocumentLoader({ extra })`. */
  extra: DocumentSource
  /** The application loader (bundled contexts, did:key) with `extra` plugged in. */
  documentLoader: DocumentLoader
  /** Every URL asked of `extra`, with whether it was served: for diagnostics and assertions. */
  requests: { url: string; served: boolean }[]
}

export function readJson<T = unknown>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T
}

/** did:web:host:a:b → https://host/a/b/did.json (did:web:host → https://host/.well-known/did.json). */
export function didWebToUrl(did: string): string {
  const [host, ...segments] = did.slice('did:web:'.length).split(':').map(decodeURIComponent)
  return segments.length ? `https://${host}/${segments.join('/')}/did.json` : `https://${host}/.well-known/did.json`
}

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'

function base58Decode(text: string): Uint8Array | undefined {
  const bytes: number[] = []
  for (const ch of text) {
    let carry = BASE58.indexOf(ch)
    if (carry < 0) return undefined
    for (let i = 0; i < bytes.length; i++) {
      carry += bytes[i]! * 58
      bytes[i] = carry & 0xff
      carry >>= 8
    }
    while (carry > 0) {
      bytes.push(carry & 0xff)
      carry >>= 8
    }
  }
  for (const ch of text) {
    if (ch !== '1') break
    bytes.push(0)
  }
  return Uint8Array.from(bytes.reverse())
}

/** True when `value` is a base58btc multibase Ed25519 public key (multicodec 0xed01 + 32 bytes). */
export function isEd25519Multikey(value: string): boolean {
  if (!value.startsWith('z')) return false
  const raw = base58Decode(value.slice(1))
  return !!raw && raw.length === 34 && raw[0] === 0xed && raw[1] === 0x01
}

function multikeyControllerDocument(controller: string, keys: string[]): Record<string, unknown> {
  const methods = keys.map((key) => ({ id: `${controller}#${key}`, type: 'Multikey', controller, publicKeyMultibase: key }))
  return {
    '@context': [DID_V1, MULTIKEY_V1],
    id: controller,
    verificationMethod: methods,
    assertionMethod: methods.map((m) => m.id),
  }
}

/** The two dcc-did-web DID documents, from the facts DOCUMENT_LOADER_MAP.json `not_shipped` gives. */
function dccDidWebDocuments(): Map<string, Record<string, unknown>> {
  const legacy = 'did:web:digitalcredentials.github.io:dcc-did-web'
  const multikey = 'did:web:digitalcredentials.github.io:dcc-did-web:multikey'
  return new Map([
    [legacy, {
      '@context': [DID_V1, ED25519_2020_V1],
      id: legacy,
      verificationMethod: [{ id: `${legacy}#${DCC_DID_WEB_KEY}`, type: 'Ed25519VerificationKey2020', controller: legacy, publicKeyMultibase: DCC_DID_WEB_KEY }],
      assertionMethod: [`${legacy}#${DCC_DID_WEB_KEY}`],
    }],
    [multikey, multikeyControllerDocument(multikey, [DCC_DID_WEB_KEY])],
  ])
}

const KEY_TYPE_CONTEXTS: Record<string, string> = { Multikey: MULTIKEY_V1, Ed25519VerificationKey2020: ED25519_2020_V1 }

/**
 * The @context of a verification method node taken out of a DID document: the document's own,
 * plus the context of the key's type when the document does not name it. Digital Bazaar's
 * did drivers return a method this way; @digitalbazaar/ed25519-multikey refuses a Multikey node
 * without the multikey context, and the DCC `oidf` DID document declares only did/v1 and
 * data-integrity/v1.
 */
function methodContext(docContext: unknown, method: Record<string, unknown>): unknown[] {
  const contexts = Array.isArray(docContext) ? [...docContext] : docContext === undefined ? [] : [docContext]
  const typeContext = typeof method.type === 'string' ? KEY_TYPE_CONTEXTS[method.type] : undefined
  if (typeContext && !contexts.includes(typeContext)) contexts.push(typeContext)
  return contexts
}

/** Finds the verification method `id` (absolute or `#fragment`) anywhere a DID document may hold it. */
function findMethod(doc: Record<string, unknown>, id: string): Record<string, unknown> | undefined {
  const fragment = id.slice(id.indexOf('#'))
  const relations = ['verificationMethod', 'assertionMethod', 'authentication', 'capabilityInvocation', 'capabilityDelegation', 'keyAgreement']
  for (const relation of relations) {
    const entries = doc[relation]
    if (!Array.isArray(entries)) continue
    for (const entry of entries) {
      if (entry && typeof entry === 'object' && ((entry as { id?: unknown }).id === id || (entry as { id?: unknown }).id === fragment)) {
        return { ...(entry as Record<string, unknown>), id }
      }
    }
  }
  return undefined
}

/**
 * Builds the loader for the fixtures folder `fixturesDir`. The https "key in URL fragment"
 * verification methods are taken from MANIFEST.json, so a controller document lists every key
 * the fixtures name for that controller URL (as a real controller document would).
 */
export function createFixtureLoader(fixturesDir: string): FixtureLoader {
  const loaderMap = readJson<LoaderMap>(path.join(fixturesDir, 'DOCUMENT_LOADER_MAP.json'))
  const manifest = readJson<ManifestEntry[]>(path.join(fixturesDir, 'MANIFEST.json'))
  const mustFail = new Set(loaderMap.must_fail)
  const synthesisedDids = dccDidWebDocuments()

  // controller URL → Ed25519 keys named in fragments of https verification methods.
  const fragmentKeys = new Map<string, Set<string>>()
  for (const entry of manifest) {
    for (const vm of entry.verification_methods ?? []) {
      if (!/^https?:\/\//.test(vm) || !vm.includes('#')) continue
      const [controller, key] = [vm.slice(0, vm.indexOf('#')), vm.slice(vm.indexOf('#') + 1)]
      if (!isEd25519Multikey(key)) continue
      if (!fragmentKeys.has(controller)) fragmentKeys.set(controller, new Set())
      fragmentKeys.get(controller)!.add(key)
    }
  }

  const files = new Map<string, unknown>()
  const readMapped = (rel: string): unknown => {
    if (!files.has(rel)) files.set(rel, readJson(path.join(fixturesDir, rel)))
    return structuredClone(files.get(rel))
  }

  const resolveDidWeb = (url: string): unknown => {
    const did = url.split('#')[0]!
    const rel = loaderMap.map[did] ?? loaderMap.map[didWebToUrl(did)]
    const doc = (rel ? readMapped(rel) : structuredClone(synthesisedDids.get(did))) as Record<string, unknown> | undefined
    if (!doc) return undefined
    if (!url.includes('#')) return doc
    const method = findMethod(doc, url)
    return method ? { '@context': methodContext(doc['@context'], method), ...method } : undefined
  }

  const resolveFragmentKey = (url: string): unknown => {
    const hash = url.indexOf('#')
    const controller = hash < 0 ? url : url.slice(0, hash)
    const keys = fragmentKeys.get(controller)
    if (!keys) return undefined
    const doc = multikeyControllerDocument(controller, [...keys])
    if (hash < 0) return doc
    const method = findMethod(doc, url)
    return method ? { '@context': doc['@context'], ...method } : undefined
  }

  const resolve = (url: string): unknown => {
    if (mustFail.has(url) || mustFail.has(url.split('#')[0]!)) return undefined
    if (url === EXAMPLES_V2_CONTEXT_URL) return structuredClone(EXAMPLES_V2_CONTEXT)
    if (url.startsWith('did:web:')) return resolveDidWeb(url)
    const rel = loaderMap.map[url]
    if (rel) return readMapped(rel)
    if (/^https?:\/\//.test(url)) return resolveFragmentKey(url)
    return undefined
  }

  const requests: FixtureLoader['requests'] = []
  const extra: DocumentSource = (url: string) => {
    const doc = resolve(url)
    requests.push({ url, served: doc !== undefined })
    return doc
  }
  // The examples context is served here, so it is declared: the verifier's context allow-list (decision 017) admits it for these fixtures only.
  return { extra, documentLoader: createDocumentLoader({ extra, extraContexts: [EXAMPLES_V2_CONTEXT_URL] }), requests }
}
