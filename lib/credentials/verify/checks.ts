import { validateCredential, type SchemaResolver } from '../schemas'
import { isObject, toArray } from './input'
import { failed, passed, unchecked, type Check } from './result'

/**
 * What the registry of trusted issuers says about a DID (docs/decisions/009): an organisation of
 * this instance (`platform`, with its standing) or an issuer listed in an external registry an
 * admin loaded (`external`). A lookup written before the registry may still return only
 * `{ name, kind, region }`: that reads as an approved organisation of this instance.
 */
export type KnownIssuer = PlatformIssuer | ExternalIssuer

export interface PlatformIssuer {
  registry?: 'platform'
  /** Absent: approved (the shape of lookups written before the registry). */
  status?: 'approved' | 'pending' | 'suspended'
  name: string
  kind?: string
  region?: string | null
  /** The organisation's stable id on this instance (its slug): tells two DIDs of one organisation apart from two organisations. */
  organisation?: string
  /** When it (first) joined the registry. */
  approvedSince?: string | null
  /** When the platform withdrew its trust. */
  suspendedSince?: string | null
}

export interface ExternalIssuer {
  registry: 'external'
  /** The name of the registry the admin loaded (e.g. "DCC Sandbox Registry"). */
  registryName: string
  name: string
  url?: string | null
  location?: string | null
}

export type IssuerLookup = (did: string) => Promise<KnownIssuer | undefined>

/** Whether the registry vouches for this issuer: an approved organisation here, or an external registry's entry. */
export function isTrusted(issuer: KnownIssuer | undefined): boolean {
  if (!issuer) return false
  return issuer.registry === 'external' || (issuer.status ?? 'approved') === 'approved'
}

const DEFAULT_SKEW_MS = 0

/**
 * `validity`: VCDM 2.0 validFrom/validUntil, VCDM 1.1 issuanceDate/expirationDate (or the
 * JWT's nbf/exp, already mapped onto those by the caller).
 */
export function checkValidity(credential: Record<string, unknown>, now: Date, skewMs = DEFAULT_SKEW_MS): Check {
  const from = (credential.validFrom ?? credential.issuanceDate) as unknown
  const until = (credential.validUntil ?? credential.expirationDate) as unknown
  const fromDate = parseDate(from)
  const untilDate = parseDate(until)
  if ((from !== undefined && !fromDate) || (until !== undefined && !untilDate)) {
    return failed('validity', 'DATE_INVALID', 'A validity date is not an ISO 8601 date-time')
  }
  const details = { validFrom: fromDate?.toISOString(), validUntil: untilDate?.toISOString() }
  // VCDM 2.0 §4.9: validUntil is the same as or later than validFrom; otherwise no date is ever valid.
  if (fromDate && untilDate && untilDate.getTime() < fromDate.getTime()) {
    return failed('validity', 'DATE_ORDER', `The validity period ends (${untilDate.toISOString()}) before it begins (${fromDate.toISOString()})`, details)
  }
  if (untilDate && now.getTime() - skewMs > untilDate.getTime()) {
    return failed('validity', 'EXPIRED', `Expired on ${untilDate.toISOString()}`, details)
  }
  if (fromDate && now.getTime() + skewMs < fromDate.getTime()) {
    return failed('validity', 'NOT_YET_VALID', `Not valid before ${fromDate.toISOString()}`, details)
  }
  return passed('validity', 'IN_VALIDITY_PERIOD', untilDate ? `Valid until ${untilDate.toISOString()}` : 'Valid, with no end date', details)
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/

function parseDate(v: unknown): Date | undefined {
  if (typeof v !== 'string' || !DATE_RE.test(v)) return undefined
  const d = new Date(v)
  return Number.isNaN(d.getTime()) ? undefined : d
}

/**
 * `schema`: the credential against the JSON Schema its `credentialSchema` names, when that is
 * one of ours. A schema we do not hold is `unchecked`: schemas are never fetched. `dataModel` is
 * the data-model verdict (credentialModelCheck), failed when the credential breaks the VC data model.
 */
export function checkSchema(credential: Record<string, unknown>, dataModel: Check | undefined, resolveSchema?: SchemaResolver): Check {
  // The W3C data model first (./model.ts): a credential that breaks it is not valid, whatever its schema.
  if (dataModel) return dataModel
  const refs = toArray<unknown>(credential.credentialSchema).filter(isObject)
  if (refs.length === 0) return unchecked('schema', 'SCHEMA_NONE', 'The credential names no schema; its structure follows the VC data model')
  for (const ref of refs) {
    // The version the credential names: a credential signed under v1 is checked against v1.
    const schema = typeof ref.id === 'string' && resolveSchema ? resolveSchema(ref.id) : undefined
    if (!schema) continue
    const { templateId, version } = schema
    const errors = validateCredential(templateId, credential, version)
    if (errors.length) {
      return failed('schema', 'SCHEMA_INVALID', `Does not match the ${templateId} schema (version ${version}): ${errors.map((e) => `${e.path || '/'} ${e.message}`).join('; ')}`, { errors, schema: ref.id, version })
    }
    return passed('schema', 'SCHEMA_VALID', `Matches the ${templateId} schema (version ${version})`, { schema: ref.id, version })
  }
  return unchecked('schema', 'SCHEMA_NOT_AVAILABLE', 'The credential names a schema this verifier does not hold; schemas are not fetched')
}

/**
 * `issuer`: does the registry of trusted issuers know the signer? (docs/decisions/009)
 * - an approved organisation of this instance (under any DID it issued with) → passed ISSUER_KNOWN;
 * - an issuer of an external registry the admin loaded → passed ISSUER_KNOWN_EXTERNAL, labelled with that registry;
 * - a suspended organisation → failed ISSUER_SUSPENDED: the platform withdrew its trust;
 * - a pending organisation → unchecked ISSUER_NOT_APPROVED; anyone else → unchecked ISSUER_UNKNOWN;
 * - a credential whose issuer is its subject (a young person's self-declared skill) → unchecked
 *   ISSUER_SELF, before any lookup: whoever the DID is, nobody vouches for what they say of themself.
 * Only called once the proof passed: the DID is the one that really signed.
 */
export async function checkIssuer(issuerId: string | undefined, lookup?: IssuerLookup, credential?: Record<string, unknown>): Promise<Check> {
  if (!issuerId) return failed('issuer', 'ISSUER_MISSING', 'The credential names no issuer')
  if (credential && isSelfIssued(credential, issuerId)) {
    const name = issuerName(credential)
    return unchecked('issuer', 'ISSUER_SELF', 'Issued by the holder themself: their own words about themself, not checked by any organisation', { did: issuerId, name: name ?? null, self: true })
  }
  const known = lookup ? await lookup(issuerId) : undefined
  if (!known) {
    return unchecked('issuer', 'ISSUER_UNKNOWN', 'The signature is valid for this issuer, but the issuer is not in the registry of trusted issuers', { did: issuerId })
  }
  if (known.registry === 'external') {
    const { name, url, location, registryName } = known
    return passed('issuer', 'ISSUER_KNOWN_EXTERNAL', `Issued by ${name}, listed in the registry "${registryName}"`, { did: issuerId, registry: 'external', registryName, name, url: url ?? null, location: location ?? null })
  }
  const { name, kind, region } = known
  const facts = { did: issuerId, registry: 'platform', name, ...(kind ? { kind } : {}), region: region ?? null }
  switch (known.status ?? 'approved') {
    case 'approved':
      return passed('issuer', 'ISSUER_KNOWN', `Issued by ${name}, in the registry of trusted issuers${known.approvedSince ? ` since ${known.approvedSince}` : ''}`, { ...facts, approvedSince: known.approvedSince ?? null })
    case 'suspended':
      return failed('issuer', 'ISSUER_SUSPENDED', `Issued by ${name}, whom this platform suspended from its registry of trusted issuers${known.suspendedSince ? ` on ${known.suspendedSince}` : ''}`, { ...facts, since: known.suspendedSince ?? null })
    default:
      return unchecked('issuer', 'ISSUER_NOT_APPROVED', `Issued by ${name}, an organisation still waiting for this platform's approval`, facts)
  }
}

/** Every subject of the credential is its issuer (a credential one issued to oneself). */
export function isSelfIssued(credential: Record<string, unknown>, issuer: string | undefined = issuerId(credential)): boolean {
  const subjects = toArray<unknown>(credential.credentialSubject)
  return Boolean(issuer) && subjects.length > 0 && subjects.every((s) => isObject(s) && s.id === issuer)
}

export function issuerId(credential: Record<string, unknown>): string | undefined {
  const issuer = credential.issuer
  if (typeof issuer === 'string') return issuer
  if (isObject(issuer) && typeof issuer.id === 'string') return issuer.id
  return undefined
}

export function issuerName(credential: Record<string, unknown>): string | undefined {
  const issuer = credential.issuer
  return isObject(issuer) && typeof issuer.name === 'string' ? issuer.name : undefined
}
