import { DocumentNotAvailableError, KeyRetiredError } from '../document-loader'

export interface Classified {
  code: string
  message: string
}

/** Walks an error and everything it wraps (jsigs `errors`, `cause`, jsonld `details.cause`). */
function* causes(error: unknown, depth = 0): Generator<unknown> {
  if (!error || depth > 8) return
  yield error
  const e = error as { errors?: unknown[]; cause?: unknown; details?: { cause?: unknown } }
  for (const inner of e.errors ?? []) yield* causes(inner, depth + 1)
  if (e.cause) yield* causes(e.cause, depth + 1)
  if (e.details?.cause) yield* causes(e.details.cause, depth + 1)
}

const PATTERNS: [RegExp, string, string][] = [
  [/safe mode|undefined term|relative .*IRI|Dropping property|invalid type value|not defined in the active context/i, 'JSONLD_INVALID', 'The credential uses terms its JSON-LD contexts do not define'],
  [/issuer must match the verification method controller/i, 'PROOF_ISSUER_MISMATCH', 'The key that signed is not controlled by the issuer named in the credential'],
  // @digitalbazaar/vc CredentialIssuancePurpose, before it can compare issuer and key controller.
  [/credential issuer is required/i, 'PROOF_ISSUER_MISMATCH', 'The credential names no issuer, so the key that signed cannot be tied to one'],
  [/not authorized by controller|verification method .* not .*(assertionMethod|authentication)/i, 'PROOF_PURPOSE_INVALID', 'The signing key is not authorised for this purpose by its controller'],
  // jsonld-signatures 11 ProofSet: "Did not verify any proofs; insufficient proofs matched the acceptable suite(s) and required purpose(s)."
  [/no matching proofs|no proofs matched|no supported proof|insufficient proofs matched/i, 'PROOF_UNSUPPORTED', 'No proof of a supported type (eddsa-rdfc-2022 or Ed25519Signature2020) for this purpose'],
  [/invalid signature|signature .*(invalid|verif)|verification failed/i, 'PROOF_INVALID', 'The signature does not match the content: it was changed after signing, or signed by another key'],
  [/challenge is not as expected|domain .*not as expected/i, 'PROOF_PURPOSE_INVALID', 'The presentation proof does not carry the expected challenge or domain'],
]

type LoaderError = Error & { code: DocumentNotAvailableError['code']; url?: string }

export const CONTEXT_NOT_BUNDLED = 'CONTEXT_NOT_BUNDLED'

function loaderError(e: unknown): LoaderError | undefined {
  if (e instanceof DocumentNotAvailableError) return e
  const code = (e as { code?: unknown })?.code
  return code === 'DID_UNRESOLVABLE' || code === 'DOCUMENT_NOT_AVAILABLE' ? (e as LoaderError) : undefined
}

/** A document the loader refused while jsonld was resolving an `@context` is a context. */
function refusedContext(error: unknown): LoaderError | undefined {
  for (const e of causes(error)) {
    const details = (e as { details?: { code?: unknown; cause?: unknown } })?.details
    if (details?.code !== 'loading remote context failed') continue
    for (const inner of causes(details.cause)) {
      const refused = loaderError(inner)
      if (refused) return refused
    }
  }
  return undefined
}

/** The innermost messages: wrappers such as jsigs' "Verification error(s)." say nothing useful. */
function innermostMessage(error: unknown): string {
  const leaves = new Set<string>()
  for (const e of causes(error)) {
    const w = e as { errors?: unknown[]; cause?: unknown; details?: { cause?: unknown }; message?: unknown }
    const wraps = (w.errors?.length ?? 0) > 0 || !!w.cause || !!w.details?.cause
    if (!wraps && typeof w.message === 'string' && w.message) leaves.add(w.message)
  }
  return leaves.size ? [...leaves].join('; ') : ((error as Error)?.message ?? String(error))
}

export const KEY_RETIRED = 'KEY_RETIRED'

/** The plain words for a credential signed with a key its organisation withdrew (decision 020). */
export function keyRetired(verificationMethod: string, since: string): Classified {
  const day = /^\d{4}-\d{2}-\d{2}/.exec(since)?.[0] ?? since
  return { code: KEY_RETIRED, message: `The organisation withdrew the key that signed this (${verificationMethod}) on ${day}: what that key signed no longer counts. Ask the organisation to issue it again.` }
}

/** The `revoked` date of verification method `id` in a DID document, if its controller withdrew it. */
export function retiredSince(didDocument: unknown, id: string | undefined): string | undefined {
  if (!id || !didDocument || typeof didDocument !== 'object') return undefined
  const methods = (didDocument as { verificationMethod?: unknown }).verificationMethod
  const method = Array.isArray(methods) ? methods.find((m) => (m as { id?: unknown } | null)?.id === id) as { revoked?: unknown } | undefined : undefined
  return method?.revoked === undefined ? undefined : String(method.revoked)
}

/** Maps a proof-verification error to a stable code and a plain message. */
export function classifyProofError(error: unknown): Classified {
  for (const e of causes(error)) if (e instanceof KeyRetiredError) return keyRetired(e.verificationMethod, e.since)
  const context = refusedContext(error)
  if (context && context.code === 'DOCUMENT_NOT_AVAILABLE') {
    const url = context.url ?? 'that URL'
    return { code: CONTEXT_NOT_BUNDLED, message: `The JSON-LD context ${url} is not one of the published contexts this verifier bundles; it is not fetched` }
  }
  for (const e of causes(error)) {
    const refused = loaderError(e)
    if (refused) return { code: refused.code, message: refused.message }
  }
  for (const e of causes(error)) {
    const message = (e as Error)?.message ?? String(e)
    for (const [re, code, plain] of PATTERNS) if (re.test(message)) return { code, message: `${plain} (${message})` }
  }
  return { code: 'PROOF_INVALID', message: `The proof could not be verified: ${innermostMessage(error)}` }
}
