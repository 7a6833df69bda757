import { normalizeCredential } from 'did-jwt-vc'
import { evidenceLevelOf, type EvidenceLevel } from '@/lib/credentials/evidence'
import { arr, isObj, readAlignment, readEvidence, readLevel, readWork, str, templateFromSchema, typeTitle, type Obj } from './card-readers'

// A credential as people read it: a plain DTO built from the SIGNED document (never from our own
// row's copies of title or dates), so that what is shown is what the signature covers. Shared by
// the wallet, the recruiter view, the issuer's preview and /verify. Safe to pass to a client
// component (strings, booleans and arrays only).

export interface CardLevel {
  /** The rubric level's id (`urn:tremplin:level:autonomous`, or another issuer's id). */
  id: string
  /** Its name as written in the credential, in the credential's language. */
  label: string
}

export interface CardEvidence {
  name?: string
  narrative: string
  url?: string
}

export interface CardAlignment {
  targetName: string
  targetUrl: string
  targetFramework: string
  targetCode?: string
}

export interface CardWork {
  role: string
  place: { name: string; locality?: string }
  period: { start: string; end?: string }
  tasks: string[]
}

export interface CredentialCardDto {
  id: string
  templateId: string
  /** The skill's name (skill badge) or "Internship — role" (work experience). */
  title: string
  description?: string
  level: CardLevel | null
  /**
   * How the issuer knows (the credential's evidence rubric): null when it does not say. A
   * credential whose issuer is its subject is always 'self_declared', whatever it claims.
   */
  evidenceLevel: EvidenceLevel | null
  issuer: { name: string | null; did: string }
  issuedAt: string
  validUntil: string | null
  criteria: string | null
  evidence: CardEvidence[]
  alignments: CardAlignment[]
  work: CardWork | null
  /** The language the content was written in (the card renders it with this `lang`); 'und' when the credential does not say. */
  language: string
  format: 'di' | 'jwt'
  hidden: boolean
  hasPhoto: boolean
  /** Revoked and suspended come from the issuer's status facts (our own credentials); expired from `validUntil`; not yet valid from `validFrom`. */
  status: CardStatus
  /** Since when revoked or suspended, or from when a credential not yet valid will be (ISO), else null. */
  statusSince: string | null
  /** The reason the issuer gave for revoking or suspending, else null. */
  statusReason: string | null
  /** Set for a credential its holder added from elsewhere: when, and whether it verified then. */
  imported?: CardImport | null
  /** Set when the credential was issued to another identifier than the one holding or presenting it. */
  otherIdentifier?: OtherIdentifier | null
}

export interface CardImport {
  at: string
  /** The verification at import said "verified" (no check failed). */
  verified: boolean
  /** Its issuer check passed at import (an issuer this instance's registry knows). */
  issuerKnown: boolean
}

export interface OtherIdentifier {
  /** The identifier the credential names as its subject (null: it names none). */
  subject: string | null
  /** The holder's identifier: the young person's, or the presentation's signer. */
  holder: string
  /**
   * 'linked': the holder proved to control `subject`, so the credential is theirs (decision 021);
   * 'unconfirmed': shown apart from what is proven (a recruiter's view), nothing binds it to the
   * holder. Absent: not proven to be the holder's (yet).
   */
  binding?: 'linked' | 'unconfirmed'
}

export type CardStatus = 'valid' | 'expired' | 'notYetValid' | 'suspended' | 'revoked'

/**
 * What the issuer says about a credential: the `credential_status` row for our own, or a failed
 * `status` check of a verification (where since when may be unknown: `revoked`/`suspended` alone).
 */
export interface CardLifecycle {
  revokedAt: string | null
  revokedReason: string | null
  suspendedAt: string | null
  suspendedReason: string | null
  revoked?: boolean
  suspended?: boolean
}

/** What `toCard` reads: a `credentials` row, or just a signed document and its format. */
export interface CardSource {
  document: string | Record<string, unknown>
  format?: string
  id?: string
  template_id?: string
  templateId?: string
  language?: string | null
  hidden_at?: string | null
  hidden?: boolean
  evidence_photo_type?: string | null
  hasPhoto?: boolean
  /** Status facts recorded by the issuer (our own credentials only). */
  lifecycle?: CardLifecycle | null
  /** 'imported' with `imported_at` and `import_verification` (a row of a credential added from elsewhere). */
  origin?: string | null
  imported_at?: string | null
  import_verification?: string | null
  otherIdentifier?: OtherIdentifier | null
}

/**
 * Reads a signed credential (Data Integrity JSON, a compact VC-JWT, or its parsed JSON) into a card.
 * @throws TypeError when the document is neither a JSON credential nor a decodable VC-JWT.
 */
export function toCard(source: CardSource, now: Date = new Date()): CredentialCardDto {
  const { credential, format } = readDocument(source)
  const subject = arr<Obj>(credential.credentialSubject).find(isObj) ?? {}
  const achievement = isObj(subject.achievement) ? subject.achievement : {}
  const issuer = credential.issuer
  const validUntil = str(credential.validUntil) ?? str(credential.expirationDate) ?? null
  // 'und' (BCP 47: undetermined) when neither our row nor the credential says: not a guess.
  const language = str(source.language) ?? str(achievement.inLanguage) ?? str(credential.inLanguage) ?? 'und'
  const templateId = source.templateId ?? source.template_id ?? templateFromSchema(credential)
  return {
    id: str(source.id) ?? str(credential.id) ?? '',
    templateId,
    title: str(achievement.name) ?? str(credential.name) ?? typeTitle(credential),
    ...(str(achievement.description) ? { description: str(achievement.description) } : {}),
    level: readLevel(subject, achievement),
    evidenceLevel: evidenceLevelOf(credential),
    issuer: {
      name: isObj(issuer) ? (str(issuer.name) ?? null) : null,
      did: typeof issuer === 'string' ? issuer : isObj(issuer) ? (str(issuer.id) ?? '') : '',
    },
    issuedAt: str(credential.validFrom) ?? str(credential.issuanceDate) ?? '',
    validUntil,
    criteria: isObj(achievement.criteria) ? (str(achievement.criteria.narrative) ?? null) : null,
    evidence: arr<Obj>(credential.evidence).filter(isObj).flatMap(readEvidence),
    alignments: arr<Obj>(achievement.alignment).filter(isObj).flatMap(readAlignment),
    work: readWork(subject, achievement),
    language,
    format,
    hidden: source.hidden ?? Boolean(source.hidden_at),
    hasPhoto: source.hasPhoto ?? Boolean(source.evidence_photo_type),
    ...statusOf(source.lifecycle, { from: str(credential.validFrom) ?? str(credential.issuanceDate) ?? null, until: validUntil }, now),
    ...(source.origin === 'imported' && source.imported_at ? { imported: { at: source.imported_at, ...importFacts(source.import_verification) } } : {}),
    ...(source.otherIdentifier ? { otherIdentifier: source.otherIdentifier } : {}),
  }
}

/**
 * The ids of a signed credential's subjects (undefined for a subject without one), as `toCard` reads the document.
 * @throws TypeError as `toCard` does.
 */
export function subjectIdsOf(source: Pick<CardSource, 'document' | 'format'>): (string | undefined)[] {
  const { credential } = readDocument(source)
  const subjects = arr<unknown>(credential.credentialSubject)
  return subjects.length ? subjects.map((s) => (isObj(s) ? str(s.id) : undefined)) : [undefined]
}

function importFacts(json: string | null | undefined): Pick<CardImport, 'verified' | 'issuerKnown'> {
  try {
    const result = JSON.parse(json ?? 'null') as { verified?: unknown; checks?: { id?: unknown; status?: unknown }[] } | null
    const issuer = Array.isArray(result?.checks) ? result.checks.find((c) => c?.id === 'issuer') : undefined
    return { verified: result?.verified === true, issuerKnown: issuer?.status === 'passed' }
  } catch {
    return { verified: false, issuerKnown: false }
  }
}

/**
 * Revoked beats suspended, which beats expired, which beats not yet valid (a `validFrom` after
 * `now`, as the verifier's NOT_YET_VALID judges it: clock skew, or a credential dated later).
 */
function statusOf(l: CardLifecycle | null | undefined, dates: { from: string | null; until: string | null }, now: Date): Pick<CredentialCardDto, 'status' | 'statusSince' | 'statusReason'> {
  if (l?.revokedAt || l?.revoked) return { status: 'revoked', statusSince: l.revokedAt || null, statusReason: l.revokedReason || null }
  if (l?.suspendedAt || l?.suspended) return { status: 'suspended', statusSince: l.suspendedAt || null, statusReason: l.suspendedReason || null }
  if (dates.until !== null && new Date(dates.until).getTime() < now.getTime()) return { status: 'expired', statusSince: null, statusReason: null }
  if (dates.from !== null && new Date(dates.from).getTime() > now.getTime()) return { status: 'notYetValid', statusSince: dates.from, statusReason: null }
  return { status: 'valid', statusSince: null, statusReason: null }
}

/**
 * A stored or received credential as JSON: Data Integrity JSON as is, a VC-JWT normalised by did-jwt-vc.
 * @throws TypeError when the document is neither.
 */
export function readDocument(source: Pick<CardSource, 'document' | 'format'>): { credential: Obj; format: 'di' | 'jwt' } {
  const doc = source.document
  if (isObj(doc)) {
    // A Veramo-normalised JWT credential keeps its JWT in proof.jwt.
    const jwt = isObj(doc.proof) && typeof doc.proof.jwt === 'string' ? doc.proof.jwt : undefined
    return jwt ? readJwt(jwt) : { credential: doc, format: 'di' }
  }
  const text = doc.trim()
  if (source.format === 'jwt' || /^[\w-]+\.[\w-]+\.[\w-]*$/.test(text)) return readJwt(text)
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new TypeError('document: neither JSON nor a compact JWT')
  }
  if (!isObj(parsed)) throw new TypeError('document: not a JSON object')
  return { credential: parsed, format: 'di' }
}

function readJwt(jwt: string): { credential: Obj; format: 'jwt' } {
  try {
    // did-jwt-vc maps iss/sub/nbf/exp/jti onto issuer, credentialSubject.id, issuanceDate, expirationDate, id.
    return { credential: normalizeCredential(jwt) as unknown as Obj, format: 'jwt' }
  } catch (e) {
    throw new TypeError(`document: not a decodable VC-JWT (${(e as Error).message})`)
  }
}

/** Newest first (by issue date, then id for a stable order). */
export function newestFirst(a: CredentialCardDto, b: CredentialCardDto): number {
  return b.issuedAt.localeCompare(a.issuedAt) || a.id.localeCompare(b.id)
}
