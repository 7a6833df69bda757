import type { DidResolver } from '@/lib/dids/resolver'
import { createDocumentLoader, documentLoader as defaultLoader, type DocumentLoader } from '../document-loader'
import type { SchemaResolver } from '../schemas'
import { checkIssuer, checkSchema, checkValidity, issuerId, type IssuerLookup } from './checks'
import { dataModelError, verifyCredentialProof, verifyPresentationProof } from './di'
import { isObject, parseInput, toArray } from './input'
import { jwtCredentialView, jwtPresentationView, verifyJwtCredentialProof, verifyJwtPresentationProof } from './jwt'
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
}

interface Ctx {
  now: Date
  documentLoader: DocumentLoader
  resolveDid?: DidResolver
  lookupIssuer?: IssuerLookup
  resolveSchema?: SchemaResolver
  resolveStatusList?: StatusListResolver
}

/**
 * The one verification pipeline, for credentials and presentations in both formats. It never
 * throws for bad input: every outcome is a result with named checks (see DESIGN.md).
 */
export async function verify(options: VerifyOptions): Promise<VerificationResult> {
  const ctx: Ctx = {
    now: options.now ?? new Date(),
    documentLoader: options.documentLoader ?? (options.resolveDid ? createDocumentLoader({ resolveDid: options.resolveDid }) : defaultLoader),
    resolveDid: options.resolveDid,
    lookupIssuer: options.lookupIssuer,
    resolveSchema: options.resolveSchema,
    resolveStatusList: options.resolveStatusList,
  }
  const parsed = parseInput(options.input)
  if (!parsed.ok) return { verified: false, kind: 'unknown', checks: [parsed.check] }
  try {
    if (parsed.kind === 'credential') {
      return parsed.format === 'di' ? await verifyDiCredential(parsed.document, ctx) : await verifyJwtCredential(parsed.jwt, parsed.payload, ctx)
    }
    const expected = { challenge: options.challenge, domain: options.domain }
    return parsed.format === 'di'
      ? await verifyDiPresentation(parsed.document, expected, ctx)
      : await verifyJwtPresentation(parsed.jwt, parsed.payload, expected, ctx)
  } catch (error) {
    // A library threw where it should have returned: still a result, never a crash.
    return { verified: false, kind: parsed.kind, format: parsed.format, checks: [failed('input', 'UNPROCESSABLE', `The document could not be processed: ${(error as Error).message}`)] }
  }
}

async function credentialChecks(credential: Record<string, unknown>, proof: Check, ctx: Ctx): Promise<Check[]> {
  const issuer = proof.status === 'passed'
    ? await checkIssuer(issuerId(credential), ctx.lookupIssuer, credential)
    : unchecked('issuer', 'ISSUER_NOT_PROVEN', 'Who issued this cannot be confirmed, because the signature did not verify', { did: issuerId(credential) })
  return [proof, checkValidity(credential, ctx.now), checkSchema(credential, dataModelError(credential), ctx.resolveSchema), await checkStatus(credential, ctx), issuer]
}

async function verifyDiCredential(credential: Record<string, unknown>, ctx: Ctx): Promise<VerificationResult> {
  const { check: proof } = await verifyCredentialProof(credential, ctx.documentLoader)
  const checks = await credentialChecks(credential, proof, ctx)
  return { verified: isVerified(checks), kind: 'credential', format: 'di', id: idOf(credential), checks }
}

async function verifyJwtCredential(jwt: string, payload: Record<string, unknown>, ctx: Ctx): Promise<VerificationResult> {
  const view = jwtCredentialView(jwt)
  if (!view) return { verified: false, kind: 'credential', format: 'jwt', checks: [failed('input', 'JWT_MALFORMED', 'The JWT does not hold a readable credential')] }
  // The signature binds the key of `iss`; the JSON view (did-jwt-vc) lets an `issuer` or
  // `credentialSubject.id` inside the payload override `iss` and `sub`. Both must agree.
  const proof = jwtClaimsMismatch(payload, view) ?? (await verifyJwtCredentialProof(jwt, ctx.now, ctx.resolveDid))
  const checks = await credentialChecks(view, proof, ctx)
  return { verified: isVerified(checks), kind: 'credential', format: 'jwt', id: idOf(view), checks }
}

/** Verifies one credential found inside a presentation, whatever its format. */
async function verifyEmbedded(entry: unknown, ctx: Ctx): Promise<{ result: VerificationResult; subjects: unknown[] }> {
  const parsed = parseInput(entry)
  if (!parsed.ok || parsed.kind !== 'credential') {
    const check = parsed.ok ? failed('input', 'NOT_A_CREDENTIAL', 'A presentation may only carry credentials') : parsed.check
    return { result: { verified: false, kind: 'unknown', checks: [check] }, subjects: [] }
  }
  if (parsed.format === 'di') {
    return { result: await verifyDiCredential(parsed.document, ctx), subjects: subjectIds(parsed.document) }
  }
  return { result: await verifyJwtCredential(parsed.jwt, parsed.payload, ctx), subjects: subjectIds(jwtCredentialView(parsed.jwt)) }
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

function subjectIds(credential: Record<string, unknown> | undefined): unknown[] {
  const subjects = toArray<unknown>(credential?.credentialSubject)
  return subjects.length ? subjects.map((s) => (isObject(s) ? s.id : undefined)) : [undefined]
}

/**
 * Holder binding, which neither library enforces: the presentation's signer must be its holder,
 * else this check fails. Whether each credential was issued to that holder is each credential's
 * own `holder` check (`withSubjectChecks`): a credential issued to another identifier is
 * `unchecked` there, and does not fail the presentation — a person may hold several identifiers
 * (a credential imported from another wallet), and nothing in the documents tells whether they
 * are the same person (docs/decisions/011-importing-credentials.md).
 */
function checkHolder(holder: string | undefined, signer: string | undefined, proof: Check, embedded: { subjects: unknown[] }[]): Check {
  if (!holder) return failed('holder', 'HOLDER_MISSING', 'The presentation does not say who its holder is')
  if (proof.status !== 'passed') return unchecked('holder', 'HOLDER_NOT_PROVEN', 'The holder cannot be confirmed, because the presentation’s signature did not verify')
  if (signer !== holder) return failed('holder', 'HOLDER_NOT_SIGNER', `The presentation was signed by ${signer ?? 'an unknown key'}, not by its holder ${holder}`, { holder, signer })
  const others = embedded.map((e, i) => ({ i, bound: e.subjects.every((s) => s === holder) })).filter((e) => !e.bound).map((e) => e.i)
  if (others.length) {
    const which = others.length === 1 ? `credential ${others[0]! + 1} was` : `credentials ${others.map((i) => i + 1).join(', ')} were`
    return passed('holder', 'HOLDER_SIGNED', `Signed by its holder ${holder}; ${which} not issued to that identifier (see each credential’s holder check)`, { holder, credentials: others })
  }
  return passed('holder', 'HOLDER_BOUND', 'Signed by its holder, and every credential was issued to that holder', { holder })
}

/** Each credential of a presentation with its own `holder` check, against the holder the presentation proves. */
function withSubjectChecks(holderCheck: Check, embedded: { result: VerificationResult; subjects: unknown[] }[]): VerificationResult[] {
  const holder = holderCheck.status === 'passed' && typeof holderCheck.details?.holder === 'string' ? holderCheck.details.holder : undefined
  return embedded.map(({ result, subjects }) => {
    if (result.kind !== 'credential') return result
    const [first, ...rest] = result.checks
    const checks = [...(first ? [first] : []), checkSubject(subjects, holder), ...rest]
    return { ...result, checks, verified: isVerified(checks) }
  })
}

/**
 * Was this credential issued to `holder`, the proven holder of the presentation carrying it (or
 * of the wallet holding it)? `unchecked` when it names another identifier, or none: the platform
 * cannot tell whether two identifiers belong to one person.
 */
export function checkSubject(subjects: unknown[], holder: string | undefined): Check {
  if (!holder) return unchecked('holder', 'HOLDER_NOT_PROVEN', 'Who presents this credential cannot be confirmed')
  if (subjects.length > 0 && subjects.every((s) => s === holder)) return passed('holder', 'SUBJECT_IS_HOLDER', `Issued to ${holder}, who presents it`, { subject: holder, holder })
  const other = subjects.find((s): s is string => typeof s === 'string' && s !== holder)
  if (other) {
    return unchecked('holder', 'SUBJECT_OTHER_IDENTIFIER', `Issued to ${other}, presented by ${holder}: the platform cannot tell whether both are the same person`, { subject: other, holder })
  }
  return unchecked('holder', 'SUBJECT_NOT_IDENTIFIED', `The credential names no subject: anyone holding it can present it (presented by ${holder})`, { holder })
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

async function verifyDiPresentation(vp: Record<string, unknown>, expected: { challenge?: string; domain?: string }, ctx: Ctx): Promise<VerificationResult> {
  const { check: proof, signer } = await verifyPresentationProof(vp, ctx.documentLoader)
  const embedded = await Promise.all(toArray(vp.verifiableCredential).map((c) => verifyEmbedded(c, ctx)))
  const holder = typeof vp.holder === 'string' ? vp.holder : isObject(vp.holder) ? (vp.holder.id as string) : undefined
  const firstProof = toArray<Record<string, unknown>>(vp.proof).find(isObject) ?? {}
  const checks = [proof, checkHolder(holder, signer, proof, embedded), checkChallenge(firstProof, expected)]
  const credentials = withSubjectChecks(checks[1]!, embedded)
  return { verified: isVerified(checks, credentials), kind: 'presentation', format: 'di', id: idOf(vp), checks, credentials }
}

async function verifyJwtPresentation(jwt: string, payload: Record<string, unknown>, expected: { challenge?: string; domain?: string }, ctx: Ctx): Promise<VerificationResult> {
  const view = jwtPresentationView(jwt)
  const proof = await verifyJwtPresentationProof(jwt, payload, ctx.now, ctx.resolveDid)
  const vp = (payload.vp ?? {}) as Record<string, unknown>
  const signer = typeof payload.iss === 'string' ? payload.iss : undefined
  const holder = typeof vp.holder === 'string' ? vp.holder : signer
  const embedded = await Promise.all(toArray(vp.verifiableCredential).map((c) => verifyEmbedded(c, ctx)))
  const checks = [proof, checkHolder(holder, signer, proof, embedded), checkChallenge({ challenge: payload.nonce, domain: payload.aud }, expected)]
  if (payload.exp !== undefined || payload.nbf !== undefined) {
    checks.push(checkValidity({
      ...(typeof payload.nbf === 'number' ? { validFrom: new Date(payload.nbf * 1000).toISOString() } : {}),
      ...(typeof payload.exp === 'number' ? { validUntil: new Date(payload.exp * 1000).toISOString() } : {}),
    }, ctx.now))
  }
  const credentials = withSubjectChecks(checks[1]!, embedded)
  return { verified: isVerified(checks, credentials), kind: 'presentation', format: 'jwt', id: idOf(view ?? vp), checks, credentials }
}

function idOf(doc: Record<string, unknown>): string | undefined {
  return typeof doc.id === 'string' ? doc.id : undefined
}

export type { VerificationResult, Check } from './result'
export type { IssuerLookup, KnownIssuer } from './checks'
export type { StatusFacts, StatusListResolver, StatusListResult } from './status'
