import { failed, type Check } from './result'

export const MAX_INPUT_BYTES = 1024 * 1024
export const MAX_JSON_DEPTH = 64
export const MAX_JSON_NODES = 50_000

export type ParsedInput =
  | { ok: true; kind: 'credential' | 'presentation'; format: 'di'; document: Record<string, unknown> }
  | { ok: true; kind: 'credential' | 'presentation'; format: 'jwt'; jwt: string; payload: Record<string, unknown> }
  | { ok: false; check: Check }

const JWT_RE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/

/** A compact JWS (header.payload.signature): our second format, accepted as a string where a credential is expected. */
export function isCompactJwt(value: unknown): value is string {
  return typeof value === 'string' && JWT_RE.test(value.trim())
}

/**
 * VCDM 2.0 §4.13: a presentation's credentials are objects ("the values MUST NOT be non-object
 * values such as numbers, strings, or URLs"); a compact VC-JWT stays accepted (our second format,
 * VCDM 1.1 VP-JWTs carry them so). JSON text in a string is not a credential: INPUT_NOT_OBJECT.
 */
export function notAnObject(value: unknown, what: string): Check | undefined {
  if (isObject(value) || isCompactJwt(value)) return undefined
  const kind = typeof value === 'string' ? 'text' : Array.isArray(value) ? 'a list' : value === null ? 'null' : `a ${typeof value}`
  return failed('input', 'INPUT_NOT_OBJECT', `${what} must be a JSON object (or a compact JWT), not ${kind}`)
}

const bad = (code: string, message: string): ParsedInput => ({ ok: false, check: failed('input', code, message) })

/**
 * Reads untrusted input (text, or an already parsed value) into a credential or presentation,
 * enforcing size, depth and node limits before any JSON-LD or crypto work. Never throws.
 */
export function parseInput(input: unknown): ParsedInput {
  if (typeof input === 'string') {
    if (Buffer.byteLength(input, 'utf8') > MAX_INPUT_BYTES) {
      return bad('INPUT_TOO_LARGE', `The input is larger than ${MAX_INPUT_BYTES / 1024} KB`)
    }
    const text = input.trim()
    if (text === '') return bad('INPUT_EMPTY', 'The input is empty')
    if (JWT_RE.test(text)) return parseJwt(text)
    // Depth is checked on the text first: a 10,000-deep document never reaches a parser.
    if (textDepth(text) > MAX_JSON_DEPTH) return bad('INPUT_TOO_DEEP', `The JSON is nested more than ${MAX_JSON_DEPTH} levels deep`)
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch {
      return bad('INPUT_NOT_JSON', 'The input is neither JSON nor a compact JWT')
    }
    return classify(value)
  }
  const shape = measure(input)
  if (shape.depth > MAX_JSON_DEPTH) return bad('INPUT_TOO_DEEP', `The JSON is nested more than ${MAX_JSON_DEPTH} levels deep`)
  if (shape.nodes > MAX_JSON_NODES) return bad('INPUT_TOO_LARGE', `The document has more than ${MAX_JSON_NODES} values`)
  return classify(input)
}

function classify(value: unknown): ParsedInput {
  if (typeof value === 'string') return parseInput(value)
  if (!isObject(value)) return bad('NOT_A_CREDENTIAL', 'The input is not a JSON object')
  const shape = measure(value)
  if (shape.depth > MAX_JSON_DEPTH) return bad('INPUT_TOO_DEEP', `The JSON is nested more than ${MAX_JSON_DEPTH} levels deep`)
  if (shape.nodes > MAX_JSON_NODES) return bad('INPUT_TOO_LARGE', `The document has more than ${MAX_JSON_NODES} values`)
  // VC-API request bodies wrap the document.
  if (isObject(value.verifiableCredential) || typeof value.verifiableCredential === 'string') {
    if (!('@context' in value)) return classify(value.verifiableCredential)
  }
  if (isObject(value.verifiablePresentation) || typeof value.verifiablePresentation === 'string') return classify(value.verifiablePresentation)
  // A Veramo-normalised JWT credential or presentation: verify the JWT itself.
  if (isObject(value.proof) && typeof value.proof.jwt === 'string') return parseJwt(value.proof.jwt)
  const types = toArray(value.type)
  if (types.includes('VerifiablePresentation')) return { ok: true, kind: 'presentation', format: 'di', document: value }
  if (types.includes('VerifiableCredential')) return { ok: true, kind: 'credential', format: 'di', document: value }
  return bad('NOT_A_CREDENTIAL', 'The JSON is not a verifiable credential or presentation (its "type" names neither)')
}

function parseJwt(jwt: string): ParsedInput {
  const [, body] = jwt.split('.')
  let payload: unknown
  try {
    payload = JSON.parse(Buffer.from(body ?? '', 'base64url').toString('utf8'))
  } catch {
    return bad('JWT_MALFORMED', 'The JWT payload is not JSON')
  }
  if (!isObject(payload)) return bad('JWT_MALFORMED', 'The JWT payload is not a JSON object')
  if (measure(payload).depth > MAX_JSON_DEPTH) return bad('INPUT_TOO_DEEP', `The JWT payload is nested more than ${MAX_JSON_DEPTH} levels deep`)
  if (isObject(payload.vp)) return { ok: true, kind: 'presentation', format: 'jwt', jwt, payload }
  if (isObject(payload.vc)) return { ok: true, kind: 'credential', format: 'jwt', jwt, payload }
  return bad('NOT_A_CREDENTIAL', 'The JWT carries neither a "vc" nor a "vp" claim')
}

/**
 * Bracket depth of JSON text, ignoring brackets inside strings; counting stops once it passes
 * `stopAbove` (the caller only needs to know the limit was passed).
 */
export function textDepth(text: string, stopAbove = MAX_JSON_DEPTH): number {
  let depth = 0
  let max = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    if (inString) {
      if (ch === 92) i++ // backslash: skip the escaped character
      else if (ch === 34) inString = false
    } else if (ch === 34) inString = true
    else if (ch === 123 || ch === 91) {
      if (++depth > max) max = depth
      if (max > stopAbove) return max
    } else if (ch === 125 || ch === 93) depth--
  }
  return max
}

/** Depth and node count of a parsed value, iteratively (no recursion to overflow). */
function measure(value: unknown): { depth: number; nodes: number } {
  let nodes = 0
  let depth = 0
  const stack: [unknown, number][] = [[value, 1]]
  while (stack.length) {
    const [v, d] = stack.pop()!
    nodes++
    if (d > depth) depth = d
    if (depth > MAX_JSON_DEPTH || nodes > MAX_JSON_NODES) break
    if (v && typeof v === 'object') for (const child of Object.values(v)) stack.push([child, d + 1])
  }
  return { depth, nodes }
}

// `any` values: a guarded JSON document is read field by field, and each field is checked where it is read.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export function isObject(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

export function toArray<T = unknown>(v: unknown): T[] {
  return v === undefined || v === null ? [] : Array.isArray(v) ? (v as T[]) : [v as T]
}
