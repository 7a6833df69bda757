import { normalizeCredential } from 'did-jwt-vc'

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
  issuer: { name: string | null; did: string }
  issuedAt: string
  validUntil: string | null
  criteria: string | null
  evidence: CardEvidence[]
  alignments: CardAlignment[]
  work: CardWork | null
  /** The language the content was written in (the card renders it with this `lang`). */
  language: string
  format: 'di' | 'jwt'
  hidden: boolean
  hasPhoto: boolean
  /** Revoked and suspended come from the issuer's status facts (our own credentials); expired from `validUntil`. */
  status: CardStatus
  /** Since when revoked or suspended (ISO), else null. */
  statusSince: string | null
  /** The reason the issuer gave for revoking or suspending, else null. */
  statusReason: string | null
}

export type CardStatus = 'valid' | 'expired' | 'suspended' | 'revoked'

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
}

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const arr = <T = unknown>(v: unknown): T[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]) as T[]
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined)

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
  const language = str(source.language) ?? str(achievement.inLanguage) ?? str(credential.inLanguage) ?? 'fr'
  const templateId = source.templateId ?? source.template_id ?? templateFromSchema(credential)
  return {
    id: str(source.id) ?? str(credential.id) ?? '',
    templateId,
    title: str(achievement.name) ?? str(credential.name) ?? '',
    ...(str(achievement.description) ? { description: str(achievement.description) } : {}),
    level: readLevel(subject, achievement),
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
    ...statusOf(source.lifecycle, validUntil, now),
  }
}

/** Revoked beats suspended, which beats expired. */
function statusOf(l: CardLifecycle | null | undefined, validUntil: string | null, now: Date): Pick<CredentialCardDto, 'status' | 'statusSince' | 'statusReason'> {
  if (l?.revokedAt || l?.revoked) return { status: 'revoked', statusSince: l.revokedAt || null, statusReason: l.revokedReason || null }
  if (l?.suspendedAt || l?.suspended) return { status: 'suspended', statusSince: l.suspendedAt || null, statusReason: l.suspendedReason || null }
  const expired = validUntil !== null && new Date(validUntil).getTime() < now.getTime()
  return { status: expired ? 'expired' : 'valid', statusSince: null, statusReason: null }
}

function readDocument(source: CardSource): { credential: Obj; format: 'di' | 'jwt' } {
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

/** `…/schemas/<template>.json` → `<template>`, else 'unknown'. */
function templateFromSchema(credential: Obj): string {
  for (const ref of arr<Obj>(credential.credentialSchema).filter(isObj)) {
    const m = typeof ref.id === 'string' ? /\/schemas\/([a-z0-9-]+)\.json$/.exec(ref.id) : null
    if (m?.[1]) return m[1]
  }
  return 'unknown'
}

/**
 * OB 3.0 rubric (§ B.1.20 Result, B.1.21 ResultDescription): `result[].achievedLevel` names one of
 * the `rubricCriterionLevel[]` of the `resultDescription` the result points to.
 */
function readLevel(subject: Obj, achievement: Obj): CardLevel | null {
  const descriptions = arr<Obj>(achievement.resultDescription).filter(isObj)
  for (const result of arr<Obj>(subject.result).filter(isObj)) {
    const achieved = str(result.achievedLevel)
    if (!achieved) continue
    const description = descriptions.find((d) => d.id === result.resultDescription) ?? descriptions[0]
    const level = arr<Obj>(description?.rubricCriterionLevel).filter(isObj).find((l) => l.id === achieved)
    return { id: achieved, label: str(level?.name) ?? achieved }
  }
  return null
}

function readEvidence(e: Obj): CardEvidence[] {
  const narrative = str(e.narrative) ?? str(e.description)
  const name = str(e.name)
  if (!narrative && !name) return []
  return [{ ...(name ? { name } : {}), narrative: narrative ?? '', ...(str(e.id) && /^https?:\/\//.test(e.id as string) ? { url: e.id as string } : {}) }]
}

function readAlignment(a: Obj): CardAlignment[] {
  const targetName = str(a.targetName)
  const targetUrl = str(a.targetUrl)
  if (!targetName || !targetUrl) return []
  return [{ targetName, targetUrl, targetFramework: str(a.targetFramework) ?? '', ...(str(a.targetCode) ? { targetCode: str(a.targetCode) } : {}) }]
}

/** OB 3.0 AchievementSubject: `role`, `activityStartDate`/`activityEndDate`, `source` (the place). */
function readWork(subject: Obj, achievement: Obj): CardWork | null {
  const role = str(subject.role)
  const start = str(subject.activityStartDate)
  if (!role || !start) return null
  const source = isObj(subject.source) ? subject.source : {}
  const address = isObj(source.address) ? source.address : {}
  const narrative = isObj(achievement.criteria) ? (str(achievement.criteria.narrative) ?? '') : ''
  // The tasks are the criteria's bullet lines ("- …"), as the work-experience template writes them.
  const tasks = narrative.split('\n').map((l) => /^\s*[-•]\s+(.*)$/.exec(l)?.[1]?.trim()).filter((t): t is string => Boolean(t))
  const locality = str(address.addressLocality)
  const end = str(subject.activityEndDate)
  return {
    role,
    place: { name: str(source.name) ?? '', ...(locality ? { locality } : {}) },
    period: { start: start.slice(0, 10), ...(end ? { end: end.slice(0, 10) } : {}) },
    tasks,
  }
}

/** Newest first (by issue date, then id for a stable order). */
export function newestFirst(a: CredentialCardDto, b: CredentialCardDto): number {
  return b.issuedAt.localeCompare(a.issuedAt) || a.id.localeCompare(b.id)
}
