import { isObject, MAX_INPUT_BYTES, MAX_JSON_DEPTH, textDepth, toArray } from '@/lib/credentials/verify/input'

// What a young person pastes or uploads to add credentials received elsewhere, split into the
// credentials it holds: one credential (JSON, or a compact VC-JWT), a JSON array of them, several
// compact JWTs one after the other (a .txt file), or a presentation's credentials (JSON or VP-JWT:
// the presentation itself was made for someone else, only what it carries is kept). Each entry is
// verified afterwards, one by one; here only the whole input's limits are enforced.

export const IMPORT_MAX_BYTES = MAX_INPUT_BYTES
export const IMPORT_MAX_CREDENTIALS = 20

/** Why the input as a whole is refused (message keys under `wallet.import.errors`). */
export type ImportInputError = 'empty' | 'tooLarge' | 'tooDeep' | 'notReadable' | 'tooMany' | 'nothingFound'

export type ImportInput =
  | { ok: true; entries: ImportEntry[] }
  | { ok: false; error: ImportInputError; count?: number }

export interface ImportEntry {
  /** The entry as received: a compact JWT, or a JSON value. */
  value: unknown
  /** The document to store for it: the pasted text itself when the input was this one credential. */
  text: string
}

const JWT_RE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/

/** Splits the input into credential entries. Never throws. */
export function readImportInput(input: string): ImportInput {
  if (Buffer.byteLength(input, 'utf8') > IMPORT_MAX_BYTES) return { ok: false, error: 'tooLarge' }
  const text = input.trim()
  if (text === '') return { ok: false, error: 'empty' }
  const tokens = text.split(/\s+/)
  const entries = tokens.every((t) => JWT_RE.test(t)) ? fromJwts(tokens, text) : fromJson(text)
  if (!Array.isArray(entries)) return entries
  if (entries.length === 0) return { ok: false, error: 'nothingFound' }
  if (entries.length > IMPORT_MAX_CREDENTIALS) return { ok: false, error: 'tooMany', count: entries.length }
  return { ok: true, entries }
}

function fromJwts(tokens: string[], text: string): ImportEntry[] {
  if (tokens.length === 1) {
    const vp = vpOfJwt(text)
    if (vp) return toArray(vp.verifiableCredential).map(entryOf)
    return [{ value: text, text }]
  }
  return tokens.flatMap((t) => {
    const vp = vpOfJwt(t)
    return vp ? toArray(vp.verifiableCredential).map(entryOf) : [{ value: t, text: t }]
  })
}

/** The `vp` claim of a compact VP-JWT, or undefined. */
function vpOfJwt(jwt: string): Record<string, unknown> | undefined {
  try {
    const payload: unknown = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'))
    return isObject(payload) && isObject(payload.vp) ? payload.vp : undefined
  } catch {
    return undefined
  }
}

function fromJson(text: string): ImportEntry[] | Extract<ImportInput, { ok: false }> {
  // Depth is checked on the text first: a 10,000-deep document never reaches the parser.
  // One level more than a single credential may have: the array around several.
  if (textDepth(text, MAX_JSON_DEPTH + 1) > MAX_JSON_DEPTH + 1) return { ok: false, error: 'tooDeep' }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { ok: false, error: 'notReadable' }
  }
  if (Array.isArray(value)) return value.map(entryOf)
  if (typeof value === 'string') return fromJwtText(value)
  if (!isObject(value)) return { ok: false, error: 'notReadable' }
  const presentation = presentationOf(value)
  if (presentation) return toArray(presentation.verifiableCredential).map(entryOf)
  // A VC-API body `{ verifiableCredential: … }` wraps one credential (or several).
  if (!('@context' in value) && value.verifiableCredential !== undefined) return toArray(value.verifiableCredential).map(entryOf)
  return [{ value, text }]
}

function fromJwtText(value: string): ImportEntry[] | Extract<ImportInput, { ok: false }> {
  const jwt = value.trim()
  return JWT_RE.test(jwt) ? fromJwts([jwt], jwt) : { ok: false, error: 'notReadable' }
}

function presentationOf(value: Record<string, unknown>): Record<string, unknown> | undefined {
  if (isObject(value.verifiablePresentation)) return value.verifiablePresentation
  if (toArray(value.type).includes('VerifiablePresentation')) return value
  return undefined
}

function entryOf(value: unknown): ImportEntry {
  return { value, text: typeof value === 'string' ? value.trim() : JSON.stringify(value) }
}
