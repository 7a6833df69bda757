import type { DidResolver } from '@/lib/dids/resolver'
import type { VerificationCache } from '../canonical/cache'
import { cachingLoader } from '../canonical/canonize'
import { createDocumentLoader, documentLoader as defaultLoader, type DocumentLoader } from '../document-loader'
import type { SchemaResolver } from '../schemas'
import { checkIssuer, checkSchema, checkValidity, issuerId, type IssuerLookup } from './checks'
import { verifyCredentialProof, verifyPresentationProof } from './di'
import { checkHolder, subjectIds, withSubjectChecks, type HolderBinding } from './holder'
import { isObject, notAnObject, parseInput, toArray, type ParsedInput } from './input'
import { jwtCredentialView, jwtPresentationView, verifyJwtCredentialProof, verifyJwtPresentationProof } from './jwt'
import { credentialModelCheck, presentationModelCheck } from './model'
import { budgetedResolver, budgetedStatusLists, DEFAULT_VERIFY_LIMITS, proofSigners, RequestBudget, type VerifyLimits } from './limits'
import { failed, isVerified, passed, unchecked, type Check, type VerificationResult } from './result'
import { checkStatus, type StatusListResolver } from './status'

export interface VerifyOptions {
  /** A credential or presentation: JSON text, a compact JWT, or a parsed JSON value. */
  input: unknown
  /** The challenge and domain the verifier asked the holder to sign (presentations). */
  challenge?: string
  domain?: string
  now?: Date
  documentLoader?: DocumentLoader
  /**
   * Resolves DIDs other than did:key, for both formats (the DI document loader and the JWT
   * verifier). Default: offline, did:key only. `documentLoader`, when given, is used as is for DI.
   */
  resolveDid?: DidResolver
  /** Tells whether an issuer DID is an organisation this instance knows. */
  lookupIssuer?: IssuerLookup
  /** Tells which `credentialSchema` URLs are schemas we hold (never fetched). */
  resolveSchema?: SchemaResolver
  /** Obtains status list credentials (this instance's own from its database, others over HTTPS). Without it, status is `unchecked`. */
  resolveStatusList?: StatusListResolver
  /** 'enforce' (default everywhere). 'report': SUBJECT_NOT_HOLDER is reported as `unchecked` (details.enforced = false) instead of failing; nothing else turns binding off. */
  holderBinding?: HolderBinding
  /** Identifiers the presentation's proven holder has proved to control (linked DIDs, recorded by the platform). A credential issued to one of them is bound: `holder` passed, code SUBJECT_LINKED, details { subject, holder, linked: true }. */
  linkedIdentifiers?: (holderDid: string) => Promise<string[]>
  /** Caps (docs/decisions/016); defaults in DEFAULT_VERIFY_LIMITS. */
  limits?: Partial<VerifyLimits>
  /**
   * What may be remembered between verifications (decision 022): credentials' datasets and passed
   * proof verdicts, by content hash and signer DID documents. Dates, status, issuer standing and
   * holder binding are evaluated every time, cache or not. Without it, nothing is remembered.
   */
  cache?: VerificationCache
}

interface Ctx {
  now: Date
  documentLoader: DocumentLoader
  resolveDid?: DidResolver
  lookupIssuer?: IssuerLookup
  resolveSchema?: SchemaResolver
  resolveStatusList?: StatusListResolver
  limits: VerifyLimits
  budget: RequestBudget
  maxStatusEntries: number
  holderBinding: HolderBinding
  linkedIdentifiers?: (holderDid: string) => Promise<string[]>
}

/** One verification's context: its own budget, a resolver that resolves each DID once, caps. */
function contextOf(options: Omit<VerifyOptions, 'input'>): Ctx {
  const limits = { ...DEFAULT_VERIFY_LIMITS, ...options.limits }
  const budget = new RequestBudget(limits)
  const resolveDid = options.resolveDid ? budgetedResolver(options.resolveDid, budget) : undefined
  const loader = options.documentLoader ?? (resolveDid ? createDocumentLoader({ resolveDid }) : defaultLoader)
  return {
    now: options.now ?? new Date(),
    documentLoader: options.cache ? cachingLoader(loader, options.cache) : loader,
    resolveDid,
    lookupIssuer: options.lookupIssuer,
    resolveSchema: options.resolveSchema,
    resolveStatusList: options.resolveStatusList ? budgetedStatusLists(options.resolveStatusList, budget) : undefined,
    limits,
    budget,
    maxStatusEntries: limits.maxStatusEntries,
    holderBinding: options.holderBinding === 'report' ? 'report' : 'enforce',
    linkedIdentifiers: options.linkedIdentifiers,
  }
}

/**
 * The one verification pipeline, for credentials and presentations in both formats. It never
 * throws for bad input: every outcome is a result with named checks (see DESIGN.md). Order
 * (decision 016): parse and bound the input; verify every proof; only then, and only for
 * credentials whose proof passed, read status lists.
 */
export async function verify(options: VerifyOptions): Promise<VerificationResult> {
  const parsed = parseInput(options.input)
  if (!parsed.ok) return { verified: false, kind: 'unknown', checks: [parsed.check] }
  try {
    const ctx = contextOf(options)
    if (parsed.kind === 'credential') {
      const proven = await proveCredential(parsed, ctx)
      return 'result' in proven ? proven.result : await finishCredential(proven, ctx)
    }
    return await verifyPresentation(parsed, { challenge: options.challenge, domain: options.domain }, ctx)
  } catch (error) {
    // A library threw where it should have returned: still a result, never a crash.
    return { verified: false, kind: parsed.kind, format: parsed.format, checks: [failed('input', 'UNPROCESSABLE', `The document could not be processed: ${(error as Error).message}`)] }
  }
}

/**
 * Checks only the proofs of `credentials` (no status, issuer or dates), for their verdicts to land
 * in `options.cache`: the verification pool proves a presentation's credentials in parallel this
 * way, then verifies the presentation whole against a warm cache (decision 022). Never throws.
 */
export async function proveCredentials(options: Omit<VerifyOptions, 'input'> & { credentials: unknown[] }): Promise<void> {
  if (!options.cache) return
  const ctx = contextOf(options)
  for (const credential of options.credentials.slice(0, ctx.limits.maxCredentials)) {
    try {
      await proveEmbedded(credential, ctx)
    } catch {
      // a library that throws here: the presentation's own verification will say so
    }
  }
}

/** A credential whose proof was checked, waiting for its other checks. */
interface Proven {
  format: 'di' | 'jwt'
  /** The credential as JSON (a JWT's normalised view). */
  credential: Record<string, unknown>
  proof: Check
  subjects: unknown[]
}

type Credential = Extract<ParsedInput, { ok: true }>

async function proveCredential(parsed: Credential, ctx: Ctx): Promise<Proven | { result: VerificationResult; subjects: unknown[] }> {
  if (parsed.format === 'di') {
    const { check } = await verifyCredentialProof(parsed.document, ctx.documentLoader)
    return { format: 'di', credential: parsed.document, proof: ctx.budget.explain(check, proofSigners(parsed.document)), subjects: subjectIds(parsed.document) }
  }
  const view = jwtCredentialView(parsed.jwt)
  if (!view) return { result: { verified: false, kind: 'credential', format: 'jwt', checks: [failed('input', 'JWT_MALFORMED', 'The JWT does not hold a readable credential')] }, subjects: [] }
  // The signature binds the key of `iss`; the JSON view (did-jwt-vc) lets an `issuer` or
  // `credentialSubject.id` inside the payload override `iss` and `sub`. Both must agree.
  const proof = jwtClaimsMismatch(parsed.payload, view) ?? (await verifyJwtCredentialProof(parsed.jwt, ctx.now, ctx.resolveDid))
  return { format: 'jwt', credential: view, proof: ctx.budget.explain(proof, [parsed.payload.iss as string]), subjects: subjectIds(view) }
}

/** Every check after the proof; remote status lists only when the proof passed. */
async function finishCredential({ format, credential, proof }: Proven, ctx: Ctx): Promise<VerificationResult> {
  const provenSigner = proof.status === 'passed'
  const issuer = provenSigner
    ? await checkIssuer(issuerId(credential), ctx.lookupIssuer, credential)
    : unchecked('issuer', 'ISSUER_NOT_PROVEN', 'Who issued this cannot be confirmed, because the signature did not verify', { did: issuerId(credential) })
  const status = provenSigner || toArray(credential.credentialStatus).length === 0
    ? await checkStatus(credential, ctx)
    : unchecked('status', 'STATUS_NOT_CHECKED_PROOF_FAILED', 'Revocation was not checked, because the signature did not verify (nothing is fetched for an unproven credential)')
  const checks = [proof, checkValidity(credential, ctx.now), checkSchema(credential, credentialModelCheck(credential), ctx.resolveSchema), status, issuer]
  return { verified: isVerified(checks), kind: 'credential', format, id: idOf(credential), checks }
}

/** One entry of a presentation, proof only: a non-credential (JSON text included) is refused here. */
async function proveEmbedded(entry: unknown, ctx: Ctx): Promise<Proven | { result: VerificationResult; subjects: unknown[] }> {
  const notObject = notAnObject(entry, 'A credential in a presentation')
  if (notObject) return { result: { verified: false, kind: 'unknown', checks: [notObject] }, subjects: [] }
  const parsed = parseInput(entry)
  if (!parsed.ok || parsed.kind !== 'credential') {
    const check = parsed.ok ? failed('input', 'NOT_A_CREDENTIAL', 'A presentation may only carry credentials') : parsed.check
    return { result: { verified: false, kind: 'unknown', checks: [check] }, subjects: [] }
  }
  return proveCredential(parsed, ctx)
}

function jwtClaimsMismatch(payload: Record<string, unknown>, view: Record<string, unknown>): Check | undefined {
  if (typeof payload.iss !== 'string') return failed('proof', 'JWT_MALFORMED', 'The JWT has no "iss": nothing says who signed it')
  if (issuerId(view) !== payload.iss) {
    return failed('proof', 'PROOF_ISSUER_MISMATCH', `The JWT is signed by ${payload.iss} but names ${issuerId(view) ?? 'no one'} as its issuer`)
  }
  if (typeof payload.sub === 'string' && subjectIds(view).some((id) => id !== payload.sub)) {
    return failed('proof', 'JWT_CLAIMS_INCONSISTENT', 'The JWT names one subject in "sub" and another in the credential')
  }
  return undefined
}

function checkChallenge(actual: { challenge?: unknown; domain?: unknown }, expected: { challenge?: string; domain?: string }): Check {
  if (expected.challenge === undefined && expected.domain === undefined) {
    return unchecked('challenge', 'CHALLENGE_NOT_REQUESTED', 'No challenge was asked for, so this could be a replay of an older presentation')
  }
  if (expected.challenge !== undefined) {
    if (actual.challenge === undefined) return failed('challenge', 'CHALLENGE_MISSING', 'The presentation carries no challenge')
    if (actual.challenge !== expected.challenge) return failed('challenge', 'CHALLENGE_MISMATCH', 'The presentation answers another challenge: it may be replayed')
  }
  if (expected.domain !== undefined) {
    const domains = toArray(actual.domain)
    if (domains.length === 0) return failed('challenge', 'DOMAIN_MISSING', 'The presentation names no domain')
    if (!domains.includes(expected.domain)) return failed('challenge', 'DOMAIN_MISMATCH', `The presentation was made for ${domains.join(', ')}, not for ${expected.domain}`)
  }
  return passed('challenge', 'CHALLENGE_MATCHED', 'Made for this request (challenge and domain match)')
}

type Presentation = Extract<ParsedInput, { ok: true }>
interface Envelope { vp: Record<string, unknown>; proof: Check; signer?: string; holder?: string; named: boolean; extra: Check[]; id?: string }

/** The presentation's own proof, signer, holder, challenge and (VP-JWT) validity. */
async function proveEnvelope(parsed: Presentation, expected: { challenge?: string; domain?: string }, ctx: Ctx): Promise<Envelope> {
  if (parsed.format === 'di') {
    const vp = parsed.document
    const { check, signer } = await verifyPresentationProof(vp, ctx.documentLoader)
    // VCDM 2.0 §4.13: `holder` is optional; without it, the presenter is whoever proved the signature.
    const named = typeof vp.holder === 'string' ? vp.holder : isObject(vp.holder) && typeof vp.holder.id === 'string' ? vp.holder.id : undefined
    const holder = vp.holder === undefined ? signer : named
    const firstProof = toArray<Record<string, unknown>>(vp.proof).find(isObject) ?? {}
    return { vp, proof: ctx.budget.explain(check, proofSigners(vp)), signer, holder, named: vp.holder !== undefined, extra: [checkChallenge(firstProof, expected)], id: idOf(vp) }
  }
  const { jwt, payload } = parsed
  const vp = (isObject(payload.vp) ? payload.vp : {}) as Record<string, unknown>
  const signer = typeof payload.iss === 'string' ? payload.iss : undefined
  const proof = ctx.budget.explain(await verifyJwtPresentationProof(jwt, payload, ctx.now, ctx.resolveDid), [signer])
  const extra = [checkChallenge({ challenge: payload.nonce, domain: payload.aud }, expected)]
  // A VP-JWT names its holder in `iss` (VC-JWT 1.1): `named` either way.
  if (payload.exp !== undefined || payload.nbf !== undefined) {
    extra.push(checkValidity({
      ...(typeof payload.nbf === 'number' ? { validFrom: new Date(payload.nbf * 1000).toISOString() } : {}),
      ...(typeof payload.exp === 'number' ? { validUntil: new Date(payload.exp * 1000).toISOString() } : {}),
    }, ctx.now))
  }
  return { vp, proof, signer, holder: typeof vp.holder === 'string' ? vp.holder : signer, named: true, extra, id: idOf(jwtPresentationView(jwt) ?? vp) }
}

async function linkedOf(envelope: Envelope, ctx: Ctx): Promise<string[]> {
  const { proof, signer, holder } = envelope
  if (!ctx.linkedIdentifiers || proof.status !== 'passed' || !holder || signer !== holder) return []
  try {
    return await ctx.linkedIdentifiers(holder)
  } catch {
    return [] // an unreadable link proves nothing: the credentials stay unbound
  }
}

async function verifyPresentation(parsed: Presentation, expected: { challenge?: string; domain?: string }, ctx: Ctx): Promise<VerificationResult> {
  const vp = parsed.format === 'di' ? parsed.document : (isObject(parsed.payload.vp) ? parsed.payload.vp : {}) as Record<string, unknown>
  const entries = toArray(vp.verifiableCredential)
  const max = ctx.limits.maxCredentials
  if (entries.length > max) {
    const check = failed('input', 'TOO_MANY_CREDENTIALS', `The presentation carries ${entries.length} credentials; at most ${max} are verified, so none was (limit maxCredentials)`, { credentials: entries.length, limit: max })
    return { verified: false, kind: 'presentation', format: parsed.format, checks: [check] }
  }
  // Proofs first — every credential's, then the presentation's (whose canonical form reuses the
  // credentials' datasets: decision 022) — then everything that may fetch.
  const proven = await Promise.all(entries.map((e) => proveEmbedded(e, ctx)))
  const envelope = await proveEnvelope(parsed, expected, ctx)
  const linked = await linkedOf(envelope, ctx)
  const holderCheck = checkHolder(envelope.holder, envelope.signer, envelope.proof, proven, linked, envelope.named)
  const finished = await Promise.all(proven.map(async (p) => ({ result: 'result' in p ? p.result : await finishCredential(p, ctx), subjects: p.subjects })))
  const credentials = withSubjectChecks(holderCheck, finished, { linked, mode: ctx.holderBinding })
  const model = presentationModelCheck(vp)
  const checks = [envelope.proof, holderCheck, ...envelope.extra, ...(model ? [model] : [])]
  return { verified: isVerified(checks, credentials), kind: 'presentation', format: parsed.format, id: envelope.id, checks, credentials }
}

function idOf(doc: Record<string, unknown>): string | undefined {
  return typeof doc.id === 'string' ? doc.id : undefined
}

export { checkSubject, type HolderBinding } from './holder'
export { DEFAULT_VERIFY_LIMITS, type VerifyLimits } from './limits'
export type { VerificationResult, Check } from './result'
export type { IssuerLookup, KnownIssuer } from './checks'
export type { StatusFacts, StatusListResolver, StatusListResult } from './status'
