import * as vc from '@digitalbazaar/vc'
import { randomUUID } from 'node:crypto'
import type { Agent } from '@/lib/dids/agent'
import { ed25519Signer, getDidKeys, type Ed25519Signer } from '@/lib/dids/signer'
import { ValidationError } from '@/lib/errors'
import { documentLoader as defaultLoader, type DocumentLoader } from './document-loader'
import type { EvidenceLevel } from './evidence'
import { isTemplateId, schemaUrl, validateClaims, validateCredential, type TemplateId } from './schemas'
import { signingSuite } from './suites'
import { TEMPLATES } from './templates'

export type CredentialFormat = 'di' | 'jwt'

export interface IssueCredentialOptions {
  agent: Agent
  issuer: { did: string; name: string }
  subjectDid: string
  templateId: string
  claims: unknown
  format?: CredentialFormat
  publicUrl: string
  now?: Date
  documentLoader?: DocumentLoader
  /**
   * `credentialStatus` entries (W3C Bitstring Status List), allocated by the caller: the engine
   * holds no database code. Both formats carry them.
   */
  credentialStatus?: Record<string, unknown>[]
  /**
   * Where a Data Integrity proof is made (with the default document loader only): bulk issuing
   * passes one that makes it on another core (lib/issuing/prove-pool.ts). The signer stays on this
   * thread; undefined from the prover means "not there": the proof is made here.
   */
  prove?: DataIntegrityProver
}

/**
 * Makes the Data Integrity proof of `credential` exactly as `@digitalbazaar/vc`'s `issue` with
 * `signingSuite(signer, now)` does, elsewhere; resolves to undefined when it cannot.
 */
export type DataIntegrityProver = (args: { credential: Record<string, unknown>; signer: Ed25519Signer; now: Date }) => Promise<Record<string, unknown> | undefined>

export interface IssuedCredential {
  id: string
  format: CredentialFormat
  templateId: TemplateId
  title: string
  validFrom: string
  validUntil: string | null
  /** The signed credential as JSON (for a JWT: its decoded, normalised view). */
  credential: Record<string, unknown>
  /** What to store and hand out: the JSON text, or the compact JWT. */
  document: string
}

/**
 * Validates the claims against the template's schema, builds the credential and signs it with
 * the issuer's key, as a Data Integrity (eddsa-rdfc-2022) or a VC-JWT credential.
 * @throws ValidationError listing every bad field; nothing is signed then.
 * @throws TypeError for an unknown template or a subject that is not a DID.
 */
export async function issueCredential(options: IssueCredentialOptions): Promise<IssuedCredential> {
  const { agent, issuer, subjectDid, templateId, format = 'di', publicUrl, now = new Date() } = options
  if (!isTemplateId(templateId)) throw new TypeError(`templateId: unknown template "${templateId}"`)
  if (!/^did:[a-z0-9]+:\S+$/.test(subjectDid)) throw new TypeError('subjectDid must be a DID')
  const template = TEMPLATES[templateId]
  const fieldErrors = validateClaims(templateId, options.claims)
  if (fieldErrors.length === 0) fieldErrors.push(...template.check(options.claims), ...checkValidUntil(options.claims, now), ...checkEvidenceLevel(options.claims, issuer.did, subjectDid))
  if (fieldErrors.length) throw new ValidationError(`The claims do not match the ${templateId} template`, fieldErrors)
  const claims = withEvidenceLevel(options.claims, issuer.did, subjectDid)

  const id = `urn:uuid:${randomUUID()}`
  const ctx = { id, issuer, subjectDid, now, schemaUrl: schemaUrl(publicUrl, templateId), format }
  const built = template.build(claims, ctx)
  const unsigned = options.credentialStatus?.length ? { ...built, credentialStatus: structuredClone(options.credentialStatus) } : built
  // The built credential must satisfy its own schema: a failure here is a bug in the template.
  const selfCheck = validateCredential(templateId, unsigned)
  if (selfCheck.length) throw new Error(`Template ${templateId} built an invalid credential: ${JSON.stringify(selfCheck)}`)

  // The issuer's newest key signs: `<did>#key-N` for a did:web, the did:key's own key otherwise.
  const keys = await getDidKeys(agent, issuer.did)
  let credential: Record<string, unknown>
  let document: string
  if (format === 'di') {
    const signer = ed25519Signer(agent, keys)
    const elsewhere = options.prove && !options.documentLoader ? await options.prove({ credential: unsigned, signer, now }) : undefined
    credential = elsewhere ?? await vc.issue({
      credential: unsigned,
      suite: signingSuite(signer, now),
      documentLoader: options.documentLoader ?? defaultLoader,
      now,
    })
    document = JSON.stringify(credential)
  } else {
    // Veramo mutates the @context array it is given: hand it a copy. The header's `kid` names the
    // verification method (a did:web lists every key it ever had; the newest signs).
    const signed = await agent.createVerifiableCredential({
      credential: structuredClone(unsigned) as never,
      proofFormat: 'jwt',
      keyRef: keys.kid,
      removeOriginalFields: true,
      header: { kid: keys.verificationMethod },
    } as Parameters<Agent['createVerifiableCredential']>[0])
    credential = signed as unknown as Record<string, unknown>
    document = (signed.proof as { jwt: string }).jwt
  }
  const u = unsigned as { validFrom?: string; issuanceDate?: string; validUntil?: string; expirationDate?: string }
  return {
    id,
    format,
    templateId,
    title: template.title(claims),
    validFrom: (u.validFrom ?? u.issuanceDate)!,
    validUntil: u.validUntil ?? u.expirationDate ?? null,
    credential,
    document,
  }
}

/**
 * Who may state which evidence level: `self_declared` only a person about themself (issuer DID =
 * subject DID), and such a credential is always self-declared — nobody witnesses or assesses themself.
 */
export function checkEvidenceLevel(claims: unknown, issuerDid: string, subjectDid: string) {
  const level = (claims as { evidenceLevel?: EvidenceLevel }).evidenceLevel
  if (issuerDid === subjectDid) {
    return level === undefined || level === 'self_declared' ? [] : [{ path: '/evidenceLevel', message: 'must be self_declared when the issuer is the subject' }]
  }
  return level === 'self_declared' ? [{ path: '/evidenceLevel', message: 'may be self_declared only when the issuer is the subject' }] : []
}

/** The claims with their evidence level settled: as given, else self-declared for oneself, witnessed otherwise. */
function withEvidenceLevel(claims: unknown, issuerDid: string, subjectDid: string): Record<string, unknown> {
  const c = claims as Record<string, unknown>
  return c.evidenceLevel ? c : { ...c, evidenceLevel: issuerDid === subjectDid ? 'self_declared' : 'witnessed' }
}

/** A credential is not issued already expired. */
function checkValidUntil(claims: unknown, now: Date) {
  const until = (claims as { validUntil?: string }).validUntil
  return until && new Date(until).getTime() <= now.getTime() ? [{ path: '/validUntil', message: 'must be in the future' }] : []
}
