import { z } from 'zod'
import type { VerificationResult } from '@/lib/credentials/verify'
import { failed } from '@/lib/credentials/verify/result'
import { AppError, httpStatus, ValidationError } from '@/lib/errors'
import { issueForOrganisation } from '@/lib/issuing/service'
import { issueStandardCredential, StandardIssueOptionsSchema } from '@/lib/issuing/standard'
import { authenticateApiToken } from '@/lib/orgs/service'
import type { Runtime } from '@/lib/runtime'
import { clientAddress } from '@/lib/security/client-address'
import { checkLimit, rateLimitedResponse } from '@/lib/security/limits'
import { verifyOnInstance } from '@/lib/verification/service'
import { isObject, MAX_JSON_DEPTH, notAnObject, textDepth } from '@/lib/credentials/verify/input'
import { parseJsonBody, readBodyText } from './body'
import { requestLogger } from '@/lib/log'

// VC-API (W3C CCG) handlers, kept out of app/ so tests drive them with a real runtime.

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }

export function json(body: unknown, status: number): Response {
  return new Response(JSON.stringify(body), { status, headers: JSON_HEADERS })
}

export function errorResponse(error: unknown): Response {
  if (error instanceof ValidationError) {
    return json({ error: { code: error.code, message: error.message, fieldErrors: error.fieldErrors } }, httpStatus(error.code))
  }
  if (error instanceof AppError) return json({ error: { code: error.code, message: error.message } }, httpStatus(error.code))
  // The answer goes at once; the line (with the request's id) follows.
  void requestLogger().then((log) => log.error({ err: error }, 'VC-API request failed'))
  return json({ error: { code: 'INTERNAL', message: 'Something went wrong on our side' } }, 500)
}

const VerifyOptionsSchema = z.object({
  challenge: z.string().min(1).max(512).optional(),
  domain: z.string().min(1).max(512).optional(),
  // Holder binding is enforced unless the caller asks for spec-level verification (decision 011).
  holderBinding: z.enum(['enforce', 'report']).optional(),
}).partial().optional()

type VerifyKind = 'credential' | 'presentation'
const FIELD: Record<VerifyKind, string> = { credential: 'verifiableCredential', presentation: 'verifiablePresentation' }

/** A request that is not usable as such still gets the result shape, with the `input` check failed. */
function unusable(code: string, message: string, status: number): Response {
  const result: VerificationResult = { verified: false, kind: 'unknown', checks: [failed('input', code, message)] }
  return json(result, status)
}

/**
 * 503 while the verification pool is saturated (docs/decisions/018): the result shape, its `input`
 * check failed with BUSY, and `Retry-After` in seconds.
 */
function busy(error: AppError): Response {
  const seconds = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds ?? 5
  const result: VerificationResult = { verified: false, kind: 'unknown', checks: [failed('input', 'BUSY', error.message)] }
  return new Response(JSON.stringify(result), { status: httpStatus('BUSY'), headers: { ...JSON_HEADERS, 'retry-after': String(seconds) } })
}

/**
 * POST /credentials/verify and /presentations/verify: `{ verifiableCredential | verifiablePresentation, options: { challenge, domain } }`.
 * 200 verified; 422 read but not verified; 400 unusable (INPUT_NOT_OBJECT: the document sent as text, not as a JSON object or compact JWT); 413 over 1 MB; 503 + Retry-After while
 * verification is saturated. The body is the result either way.
 */
export async function handleVerify(rt: Runtime, request: Request, kind: VerifyKind): Promise<Response> {
  // Counted per client address before the body is even read (docs/decisions/019): 429 + Retry-After.
  const limited = await checkLimit(rt, 'verify', clientAddress(request.headers, rt.env.trustProxy).key)
  if (limited) return rateLimitedResponse(limited)
  let body: unknown
  try {
    body = parseJsonBody(await readBodyText(request))
  } catch (e) {
    if (e instanceof AppError && e.code === 'PAYLOAD_TOO_LARGE') return unusable('INPUT_TOO_LARGE', e.message, 413)
    return unusable('INPUT_NOT_JSON', 'The request body is not JSON', 400)
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return unusable('BAD_REQUEST', `The body must be an object with "${FIELD[kind]}"`, 400)
  }
  const record = body as Record<string, unknown>
  const document = record[FIELD[kind]]
  if (document === undefined) return unusable('BAD_REQUEST', `The body has no "${FIELD[kind]}"`, 400)
  // The document itself, never JSON text in a string (Data Integrity 1.0 §4.4: not a map → PARSING_ERROR);
  // a compact JWT stays accepted, our second format. Text pasted on /verify or read by the CLI is parsed there.
  const notObject = typeof document === 'string' ? notAnObject(document, `"${FIELD[kind]}"`) : undefined
  if (notObject) return json({ verified: false, kind: 'unknown', checks: [notObject] } satisfies VerificationResult, 400)
  const options = VerifyOptionsSchema.safeParse(record.options)
  if (!options.success) return unusable('BAD_REQUEST', '"options" may hold a "challenge" and a "domain" (strings), and "holderBinding" ("enforce" or "report")', 400)
  let result: VerificationResult
  try {
    result = await verifyOnInstance(rt, { input: document, ...options.data })
  } catch (e) {
    if (e instanceof AppError && e.code === 'BUSY') return busy(e)
    throw e
  }
  if (result.kind === 'unknown') return json(result, 400)
  if (result.kind !== kind) {
    return json({ ...result, verified: false, checks: [failed('input', 'WRONG_KIND', `This endpoint verifies a ${kind}; the body holds a ${result.kind}`), ...result.checks] }, 400)
  }
  return json(result, result.verified ? 200 : 422)
}

const IssueRequestSchema = z.object({
  templateId: z.string().min(1).max(100),
  credentialSubject: z.object({ id: z.string().regex(/^did:[a-z0-9]+:\S+$/, 'must be a DID').max(2000) }),
  claims: z.unknown(),
  options: z.object({ format: z.enum(['di', 'jwt']).default('di') }).default({ format: 'di' }),
})

/**
 * POST /credentials/issue (Bearer organisation token), in two forms that cannot be confused:
 * - the W3C VC-API as written, `{ credential, options }` (decision 030): the organisation's own
 *   VCDM 2.0 or 1.1 credential, signed by the DID its `issuer` names (one of the organisation's),
 *   with this platform's status entries → 201 `{ verifiableCredential }`; 400 for a request of the
 *   wrong shape, 422 naming each field that breaks the data model or JSON-LD.
 * - Tremplin's template extension, `{ templateId, credentialSubject: { id }, claims, options: { format } }`
 *   → 201 `{ verifiableCredential }`: a skill badge or work experience built from the template.
 *   `claims.evidenceLevel` is optional: "witnessed" (default) or "assessed"; "self_declared" → 400.
 *   The answer is the same 201 whoever the DID is (decision 020): a young person the organisation
 *   does not accompany receives it as an offer in their wallet, and nothing in the answer, nor in
 *   the organisation's lists, tells them apart from a DID that is no one's here.
 * A body with both `credential` and `templateId` is refused (400), never guessed.
 */
export async function handleIssue(rt: Runtime, request: Request): Promise<Response> {
  try {
    const auth = request.headers.get('authorization') ?? ''
    const token = /^Bearer\s+(\S+)$/i.exec(auth)?.[1]
    const organisation = await authenticateApiToken(rt, token)
    const body = parseJsonBody(await readBodyText(request))
    if (isObject(body) && 'credential' in body) return await handleStandardIssue(rt, organisation, body)
    const parsed = IssueRequestSchema.safeParse(body)
    if (!parsed.success) {
      const fieldErrors = parsed.error.issues.map((i) => ({ path: `/${i.path.join('/')}`, message: i.message }))
      return json({ error: { code: 'BAD_REQUEST', message: 'The request does not have the expected shape', fieldErrors } }, 400)
    }
    const { templateId, credentialSubject, claims, options } = parsed.data
    if (claims === undefined) return json({ error: { code: 'BAD_REQUEST', message: 'The request has no "claims"', fieldErrors: [{ path: '/claims', message: 'is required' }] } }, 400)
    // claims.evidenceLevel: how the organisation knows (witnessed, the default, or assessed). A
    // self-declared credential is a young person's own, signed with their own key, never an organisation's.
    if ((claims as { evidenceLevel?: unknown } | null)?.evidenceLevel === 'self_declared') {
      return json({ error: { code: 'BAD_REQUEST', message: 'An organisation cannot issue a self-declared credential: "claims.evidenceLevel" must be "witnessed" or "assessed"', fieldErrors: [{ path: '/claims/evidenceLevel', message: 'must be witnessed or assessed' }] } }, 400)
    }
    try {
      const issued = await issueForOrganisation(rt, { organisation, templateId, subjectDid: credentialSubject.id, claims, format: options.format, offerToStrangers: true })
      return json({ verifiableCredential: issued.format === 'jwt' ? issued.document : issued.credential }, 201)
    } catch (e) {
      if (e instanceof TypeError) return json({ error: { code: 'BAD_REQUEST', message: e.message } }, 400)
      throw e
    }
  } catch (e) {
    return errorResponse(e)
  }
}


function badRequest(message: string, fieldErrors: { path: string; message: string }[]): Response {
  return json({ error: { code: 'BAD_REQUEST', message, fieldErrors } }, 400)
}

/** The largest credential the VC-API issuer signs (its JSON text). */
export const MAX_CREDENTIAL_TO_SIGN_BYTES = 64 * 1024

/** The VC-API form: `{ credential, options }` (see handleIssue). */
async function handleStandardIssue(rt: Runtime, organisation: { id: string }, body: Record<string, unknown>): Promise<Response> {
  if ('templateId' in body || 'claims' in body) {
    return badRequest('A request is either the W3C VC-API form { credential, options } or Tremplin\'s template form { templateId, credentialSubject, claims }, not both', [{ path: '/templateId', message: 'must be absent when "credential" is sent' }])
  }
  const extra = Object.keys(body).filter((k) => k !== 'credential' && k !== 'options')
  if (extra.length) return badRequest('The W3C VC-API issue request holds "credential" and "options" only', extra.map((k) => ({ path: `/${k}`, message: 'is not part of the request' })))
  if (!isObject(body.credential)) return badRequest('"credential" must be a JSON object: the credential to sign', [{ path: '/credential', message: 'must be a JSON object' }])
  // Signing canonicalises on this thread: bounded so one request cannot hold it (about 80 ms at
  // 64 KB, measured; a skill badge is 3 to 8 KB). Nesting is bounded as for verification.
  const text = JSON.stringify(body.credential)
  if (Buffer.byteLength(text, 'utf8') > MAX_CREDENTIAL_TO_SIGN_BYTES) {
    return json({ error: { code: 'PAYLOAD_TOO_LARGE', message: `The credential to sign is larger than ${MAX_CREDENTIAL_TO_SIGN_BYTES / 1024} KB`, fieldErrors: [{ path: '/credential', message: `must be at most ${MAX_CREDENTIAL_TO_SIGN_BYTES / 1024} KB` }] } }, 413)
  }
  if (textDepth(text) > MAX_JSON_DEPTH) return badRequest(`The credential is nested more than ${MAX_JSON_DEPTH} levels deep`, [{ path: '/credential', message: `must be nested at most ${MAX_JSON_DEPTH} levels deep` }])
  const options = StandardIssueOptionsSchema.safeParse(body.options ?? {})
  if (!options.success) {
    return badRequest('"options" holds only what this issuer honours: "credentialStatus" ({ "type": "BitstringStatusListEntry", "statusPurpose"? })',
      options.error.issues.map((i) => ({ path: `/options/${i.path.join('/')}`.replace(/\/$/, ''), message: i.code === 'unrecognized_keys' ? `${i.keys.join(', ')}: not an option of this issuer` : i.message })))
  }
  const verifiableCredential = await issueStandardCredential(rt, { organisation, credential: body.credential, options: options.data })
  return json({ verifiableCredential }, 201)
}
