import type { FieldError } from '@/lib/errors'
import { VC_V1_CONTEXT, VC_V2_CONTEXT } from './contexts'
import { isObject } from './verify/input'

// The W3C Verifiable Credentials Data Model's own rules for a credential (2.0, and 1.1 where it
// differs), checked on the JSON before any JSON-LD work: each problem named by its JSON pointer
// and a stable code. The JSON-LD rules (every term defined, no protected term redefined, only
// bundled contexts) are the JSON-LD processor's, in safe mode, when the credential is signed or
// its proof verified.

export interface DataModelProblem extends FieldError {
  /** Stable code: CONTEXT_*, TYPE_*, ID_*, ISSUER_*, SUBJECT_*, DATE_*, NAME_*, OBJECT_*, RELATED_RESOURCE_*, PROOF_PRESENT. */
  code: string
}

/** XMLSchema 1.1 dateTimeStamp: a date and time WITH a time zone. */
const DATE_TIME_STAMP = /^-?\d{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?(Z|[+-]((0\d|1[0-3]):[0-5]\d|14:00))$/
/** VCDM 1.1 dates: xsd:dateTime (the time zone may be absent). */
const DATE_TIME = /^-?\d{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/

/** Properties whose every value must be an object with a `type` (VCDM 2.0 §4.5 and the sections defining them). */
const TYPED = ['credentialStatus', 'termsOfUse', 'evidence', 'refreshService', 'credentialSchema'] as const
/** Language value object keys (§11.1). */
const LANGUAGE_VALUE_KEYS = new Set(['@value', '@language', '@direction'])

/**
 * Digests of resources this instance holds, as their publishers state them: VCDM 2.0 §B.1 says
 * implementations treat the base context as already retrieved, and publishes the SHA2-256 digest
 * of its file (24a18c90…); its SHA2-384, as Subresource Integrity, is the W3C test suite's. Our
 * bundled copy of that context is the same JSON, not the same bytes, so the published digests
 * are the reference. A related resource this table does not hold is never fetched (no network
 * when issuing or verifying): its digest is left to a verifier that retrieves it.
 */
const PUBLISHED_DIGESTS: Record<string, { sha256: string; sha384: string }> = {
  [VC_V2_CONTEXT]: {
    sha256: '24a18c90e9856d526111f29376e302d970b2bd10182e33959995b0207d7043b9',
    sha384: '35239c36999d2155312091af194a1edb61634d6ad789a5e5b19f2aebdd762dd9d1dcaada40eda7ef921c6b8c0ae107a0',
  },
}

/** Like toArray, but a null is a value to report (`"type": null` is TYPE_INVALID, not TYPE_MISSING). */
const values = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v])

/** A URL as VCDM means it (an absolute IRI: a scheme, then something), as WHATWG URL parses it. */
export function isUrl(value: unknown): value is string {
  if (typeof value !== 'string' || !/^[a-z][a-z0-9+.-]*:\S/i.test(value)) return false
  try {
    new URL(value)
    return true
  } catch {
    return false
  }
}

/** The base context version a document declares first: 2 (VCDM 2.0), 1 (VCDM 1.1), or undefined. */
export function baseContextVersion(document: Record<string, unknown>): 1 | 2 | undefined {
  const first = values(document['@context'])[0]
  return first === VC_V2_CONTEXT ? 2 : first === VC_V1_CONTEXT ? 1 : undefined
}

/**
 * `@context` of a credential or presentation: an ordered set whose first item is the base context
 * (2.0, or 1.1's), then URLs and/or context objects (VCDM 2.0 §4.3).
 */
export function contextProblems(document: Record<string, unknown>, kind: 'credential' | 'presentation'): DataModelProblem[] {
  const out: DataModelProblem[] = []
  const context = document['@context']
  const version = baseContextVersion(document)
  if (context === undefined) out.push({ path: '/@context', code: 'CONTEXT_MISSING', message: `is required, starting with ${VC_V2_CONTEXT}` })
  else if (!Array.isArray(context) && version !== 1) out.push({ path: '/@context', code: 'CONTEXT_NOT_ORDERED_SET', message: `must be a list starting with ${VC_V2_CONTEXT}` })
  else if (version === undefined) out.push({ path: '/@context/0', code: 'CONTEXT_BASE_MISSING', message: `must be ${VC_V2_CONTEXT} (or ${VC_V1_CONTEXT} for a 1.1 ${kind})` })
  values(context).forEach((c, i) => {
    if (i > 0 && !(isUrl(c) || isObject(c))) out.push({ path: `/@context/${i}`, code: 'CONTEXT_INVALID', message: 'must be a URL or a context object' })
  })
  return out
}

/**
 * Every data-model problem of a credential (empty when it conforms), in document order.
 * `mode: 'issue'` also refuses a credential that already carries a proof (the issuer signs an
 * unsigned credential) and a 1.1 credential's missing `issuanceDate` is allowed (the signer adds it).
 */
export function dataModelProblems(credential: unknown, mode: 'issue' | 'verify' = 'verify'): DataModelProblem[] {
  if (!isObject(credential)) return [{ path: '', code: 'NOT_AN_OBJECT', message: 'must be a JSON object' }]
  const out: DataModelProblem[] = []
  const add = (path: string, code: string, message: string) => out.push({ path, code, message })

  out.push(...contextProblems(credential, 'credential'))
  const version = baseContextVersion(credential)

  // type: one or more terms or URLs, VerifiableCredential among them.
  const types = values(credential.type)
  if (types.length === 0) add('/type', 'TYPE_MISSING', 'is required and must include "VerifiableCredential"')
  else if (types.some((t) => typeof t !== 'string' || t.length === 0)) add('/type', 'TYPE_INVALID', 'must be one or more terms or URLs (strings)')
  else if (!types.includes('VerifiableCredential')) add('/type', 'TYPE_NOT_CREDENTIAL', 'must include "VerifiableCredential"')

  // id: if present, a single URL.
  if ('id' in credential && !isUrl(credential.id)) add('/id', 'ID_NOT_URL', 'must be a single URL')

  // issuer: a URL, or an object whose id is a URL.
  const issuer = credential.issuer
  if (issuer === undefined) add('/issuer', 'ISSUER_MISSING', 'is required: a URL, or an object with an "id" URL')
  else if (isObject(issuer)) {
    if (!isUrl(issuer.id)) add('/issuer/id', 'ISSUER_NOT_URL', 'must be a URL')
    namesAndDescriptions(issuer, '/issuer', add)
  } else if (!isUrl(issuer)) add('/issuer', 'ISSUER_NOT_URL', 'must be a URL, or an object with an "id" URL')

  // credentialSubject: one or more objects, each making at least one claim; ids single URLs.
  const subjects = values(credential.credentialSubject)
  if (subjects.length === 0) add('/credentialSubject', 'SUBJECT_MISSING', 'is required: one or more objects')
  subjects.forEach((s, i) => {
    const path = Array.isArray(credential.credentialSubject) ? `/credentialSubject/${i}` : '/credentialSubject'
    if (!isObject(s)) return add(path, 'SUBJECT_NOT_OBJECT', 'must be an object')
    if (Object.keys(s).length === 0) add(path, 'SUBJECT_EMPTY', 'must make at least one claim (an id or a property)')
    if ('id' in s && !isUrl(s.id)) add(`${path}/id`, 'ID_NOT_URL', 'must be a single URL')
  })

  namesAndDescriptions(credential, '', add)

  // Dates.
  if (version === 1) {
    if (credential.issuanceDate === undefined) { if (mode === 'verify') add('/issuanceDate', 'DATE_MISSING', 'is required in a 1.1 credential') }
    else if (!isDate(credential.issuanceDate, DATE_TIME)) add('/issuanceDate', 'DATE_INVALID', 'must be an XML Schema dateTime')
    if ('expirationDate' in credential && !isDate(credential.expirationDate, DATE_TIME)) add('/expirationDate', 'DATE_INVALID', 'must be an XML Schema dateTime')
  } else {
    for (const prop of ['validFrom', 'validUntil'] as const) {
      if (prop in credential && !isDate(credential[prop], DATE_TIME_STAMP)) add(`/${prop}`, 'DATE_INVALID', 'must be an XML Schema dateTimeStamp (a date and time with its time zone)')
    }
    if (isDate(credential.validFrom, DATE_TIME_STAMP) && isDate(credential.validUntil, DATE_TIME_STAMP) && Date.parse(credential.validUntil) < Date.parse(credential.validFrom)) {
      add('/validUntil', 'DATE_ORDER', 'must not be before validFrom')
    }
  }

  // Objects that must say their type; ids of those that have one are single URLs.
  for (const prop of TYPED) {
    values(credential[prop]).forEach((v, i) => {
      const path = Array.isArray(credential[prop]) ? `/${prop}/${i}` : `/${prop}`
      if (!isObject(v)) return add(path, 'OBJECT_NOT_OBJECT', 'must be an object')
      const typeValues = values(v.type)
      if (typeValues.length === 0) add(`${path}/type`, 'OBJECT_TYPE_MISSING', 'is required')
      else if (typeValues.some((t) => typeof t !== 'string' || t.length === 0)) add(`${path}/type`, 'TYPE_INVALID', 'must be one or more terms or URLs (strings)')
      if ('id' in v && !isUrl(v.id)) add(`${path}/id`, 'ID_NOT_URL', 'must be a single URL')
      if (prop === 'credentialSchema' && !('id' in v)) add(`${path}/id`, 'ID_MISSING', 'is required: the URL of the schema')
    })
  }

  // relatedResource (§5.3): objects with a URL id and at least one digest, ids not repeated.
  const seen = new Set<string>()
  values(credential.relatedResource).forEach((r, i) => {
    const path = Array.isArray(credential.relatedResource) ? `/relatedResource/${i}` : '/relatedResource'
    if (!isObject(r)) return add(path, 'RELATED_RESOURCE_INVALID', 'must be an object')
    if (!isUrl(r.id)) add(`${path}/id`, 'ID_NOT_URL', 'must be a single URL')
    else if (seen.has(r.id)) add(`${path}/id`, 'RELATED_RESOURCE_REPEATED', 'must not repeat the id of another related resource')
    else seen.add(r.id)
    if (r.digestSRI === undefined && r.digestMultibase === undefined) add(path, 'RELATED_RESOURCE_NO_DIGEST', 'must have "digestSRI" or "digestMultibase"')
    const known = typeof r.id === 'string' ? PUBLISHED_DIGESTS[r.id] : undefined
    if (known) {
      for (const [prop, matches] of [['digestSRI', sriMatches], ['digestMultibase', multibaseMatches]] as const) {
        for (const digest of values(r[prop])) {
          if (matches(digest, known) === false) add(`${path}/${prop}`, 'RELATED_RESOURCE_DIGEST_MISMATCH', `does not match the digest of ${r.id} as published`)
        }
      }
    }
  })

  if (mode === 'issue' && credential.proof !== undefined) add('/proof', 'PROOF_PRESENT', 'must be absent: send the credential unsigned, the issuer adds the proof')
  return out
}

/** SRI (`sha256-…`/`sha384-…`, base64): whether it matches; undefined for an algorithm not held. */
function sriMatches(digest: unknown, known: { sha256: string; sha384: string }): boolean | undefined {
  if (typeof digest !== 'string') return false
  const [, algorithm, value] = /^(sha256|sha384|sha512)-(.*)$/.exec(digest) ?? []
  if (!algorithm || value === undefined) return false
  if (algorithm === 'sha512') return undefined
  return /^[A-Za-z0-9+/]+={0,2}$/.test(value) && Buffer.from(value, 'base64').toString('hex') === known[algorithm as 'sha256' | 'sha384']
}

/** Multibase base64url (`u…`) of a SHA2-256 digest, raw or as a multihash (0x12 0x20 …); undefined for another encoding. */
function multibaseMatches(digest: unknown, known: { sha256: string }): boolean | undefined {
  if (typeof digest !== 'string') return false
  if (!digest.startsWith('u')) return undefined
  if (!/^u[A-Za-z0-9_-]+$/.test(digest)) return false
  const hex = Buffer.from(digest.slice(1), 'base64url').toString('hex')
  return hex === known.sha256 || hex === `1220${known.sha256}`
}

function isDate(value: unknown, pattern: RegExp): value is string {
  return typeof value === 'string' && pattern.test(value) && !Number.isNaN(Date.parse(value))
}

/** `name` and `description`: a string, a language value object, or a list of those (§4.6, §11.1). */
function namesAndDescriptions(node: Record<string, unknown>, base: string, add: (path: string, code: string, message: string) => void) {
  for (const prop of ['name', 'description'] as const) {
    if (!(prop in node)) continue
    const list = values(node[prop])
    const bad = list.length === 0 || list.some((v) => typeof v !== 'string' && !isLanguageValue(v))
    if (bad) add(`${base}/${prop}`, 'NAME_INVALID', 'must be a string or a language value object ({"@value", "@language", "@direction"})')
  }
}

function isLanguageValue(v: unknown): boolean {
  return isObject(v) && typeof v['@value'] === 'string' && Object.keys(v).every((k) => LANGUAGE_VALUE_KEYS.has(k))
    && (v['@language'] === undefined || typeof v['@language'] === 'string') && (v['@direction'] === undefined || v['@direction'] === 'ltr' || v['@direction'] === 'rtl')
}
