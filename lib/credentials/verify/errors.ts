import { DocumentNotAvailableError } from '../document-loader'

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
  [/not authorized by controller|verification method .* not .*(assertionMethod|authentication)/i, 'PROOF_PURPOSE_INVALID', 'The signing key is not authorised for this purpose by its controller'],
  [/no matching proofs|no proofs matched|no supported proof/i, 'PROOF_UNSUPPORTED', 'No proof of a supported type (eddsa-rdfc-2022 or Ed25519Signature2020)'],
  [/invalid signature|signature .*(invalid|verif)|verification failed/i, 'PROOF_INVALID', 'The signature does not match the content: it was changed after signing, or signed by another key'],
  [/challenge is not as expected|domain .*not as expected/i, 'PROOF_PURPOSE_INVALID', 'The presentation proof does not carry the expected challenge or domain'],
]

/** Maps a proof-verification error to a stable code and a plain message. */
export function classifyProofError(error: unknown): Classified {
  for (const e of causes(error)) {
    if (e instanceof DocumentNotAvailableError) return { code: e.code, message: e.message }
    const code = (e as { code?: unknown }).code
    if (code === 'CONTEXT_NOT_BUNDLED' || code === 'DID_UNRESOLVABLE' || code === 'DOCUMENT_NOT_AVAILABLE') {
      return { code, message: (e as Error).message }
    }
  }
  for (const e of causes(error)) {
    const message = (e as Error)?.message ?? String(e)
    for (const [re, code, plain] of PATTERNS) if (re.test(message)) return { code, message: `${plain} (${message})` }
  }
  const message = (error as Error)?.message ?? String(error)
  return { code: 'PROOF_INVALID', message: `The proof could not be verified: ${message}` }
}
