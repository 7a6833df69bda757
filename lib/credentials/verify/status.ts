import { decodeList, getBit, isStatusPurpose, MIN_LIST_SIZE } from '@/lib/status/bitstring'
import type { DocumentLoader } from '../document-loader'
import { checkValidity, issuerId } from './checks'
import { verifyCredentialProof } from './di'
import { isObject, toArray } from './input'
import { failed, passed, unchecked, type Check } from './result'

/** What this instance knows about a set bit of one of its own lists (who, when, why). */
export interface StatusFacts {
  since?: string
  reason?: string | null
}

export interface StatusListResult {
  /** The status list credential, to be verified like any credential. */
  credential: unknown
  /** This instance's own record behind a set bit, when the list is one of ours. */
  facts?: (purpose: string, index: number) => Promise<StatusFacts | undefined>
}

/** Obtains a status list credential by URL. @throws when it cannot be obtained (→ `unchecked`). */
export type StatusListResolver = (url: string, options?: { now?: Date }) => Promise<StatusListResult>

export interface StatusCtx {
  now: Date
  documentLoader: DocumentLoader
  resolveStatusList?: StatusListResolver
  /** One resolution and one proof verification per list URL within a verification. */
  lists?: Map<string, Promise<ListOutcome>>
}

type ListOutcome = { ok: true; bits: Uint8Array; purpose: unknown; issuer?: string; facts?: StatusListResult['facts'] } | { ok: false; check: Check }

const INDEX_RE = /^(0|[1-9][0-9]*)$/

/**
 * `status` (W3C Bitstring Status List §3.2 validate algorithm): `failed` when a validly signed,
 * current list the entry points to has the bit set; `passed` only when every entry was read in a
 * valid list of ≥ 131,072 entries signed by the credential's issuer; `unchecked` otherwise —
 * never `passed` by default. A list signed by someone else, or too short, cannot vouch for the
 * credential, but its "revoked" is still believed (the safe side). See docs/decisions/008.
 */
export async function checkStatus(credential: Record<string, unknown>, ctx: StatusCtx): Promise<Check> {
  const entries = toArray<unknown>(credential.credentialStatus)
  if (entries.length === 0) return unchecked('status', 'STATUS_NONE', 'The issuer published no revocation status for this credential')
  if (!ctx.resolveStatusList) return unchecked('status', 'STATUS_NOT_CHECKED', 'This verifier was not given a way to read status lists')
  const checks = await Promise.all(entries.map((e) => checkEntry(e, issuerId(credential), ctx)))
  const bad = checks.find((c) => c.status === 'failed') ?? checks.find((c) => c.status === 'unchecked')
  if (bad) return bad
  const purposes = checks.map((c) => c.details?.statusPurpose as string)
  return passed('status', 'STATUS_VALID', `The issuer’s status lists say it is neither revoked nor suspended (${purposes.join(', ')})`, { purposes })
}

async function checkEntry(entry: unknown, credentialIssuer: string | undefined, ctx: StatusCtx): Promise<Check> {
  if (!isObject(entry)) return unchecked('status', 'STATUS_ENTRY_INVALID', 'A status entry is not a JSON object')
  if (!toArray(entry.type).includes('BitstringStatusListEntry')) {
    return unchecked('status', 'STATUS_TYPE_UNSUPPORTED', `Status entries of type ${toArray(entry.type).join(', ') || 'none'} are not read by this verifier`, { type: entry.type })
  }
  const { statusPurpose, statusListIndex, statusListCredential: url } = entry
  // §2.1: statusListIndex is a string of a base-10 integer. A bare JSON integer is read too, but
  // only to believe a "revoked" / "suspended" (the safe direction), never to pass.
  const wellFormedIndex = typeof statusListIndex === 'string' && INDEX_RE.test(statusListIndex)
  const looseIndex = typeof statusListIndex === 'number' && Number.isSafeInteger(statusListIndex) && statusListIndex >= 0
  if (typeof url !== 'string' || (!wellFormedIndex && !looseIndex) || typeof statusPurpose !== 'string') {
    return unchecked('status', 'STATUS_ENTRY_INVALID', 'A status entry lacks its list URL, its purpose, or a base-10 index')
  }
  if (!isStatusPurpose(statusPurpose)) {
    return unchecked('status', 'STATUS_PURPOSE_UNSUPPORTED', `The status purpose "${statusPurpose}" is not read by this verifier`, { statusPurpose })
  }
  ctx.lists ??= new Map()
  if (!ctx.lists.has(url)) ctx.lists.set(url, loadList(url, ctx))
  const list = await ctx.lists.get(url)!
  if (!list.ok) return list.check
  const details = { statusPurpose, statusListCredential: url, statusListIndex: String(statusListIndex) }
  if (list.purpose !== statusPurpose) {
    return unchecked('status', 'STATUS_LIST_PURPOSE_MISMATCH', `The status list is for "${String(list.purpose)}", not "${statusPurpose}"`, details)
  }
  const index = Number(statusListIndex)
  const size = list.bits.length * 8
  if (!Number.isSafeInteger(index) || index >= size) {
    return unchecked('status', 'STATUS_INDEX_OUT_OF_RANGE', `Index ${statusListIndex} is outside the status list`, details)
  }
  const sameIssuer = list.issuer !== undefined && list.issuer === credentialIssuer
  // A set bit in a validly signed list is believed whoever signed it and however short it is:
  // believing "revoked" can only make us stricter. Everything below may only weaken a "not set".
  if (getBit(list.bits, index)) return setBit(statusPurpose, details, list, sameIssuer)
  if (!wellFormedIndex) return unchecked('status', 'STATUS_ENTRY_INVALID', 'The status index is not a base-10 string, as the standard requires', details)
  if (!sameIssuer) {
    return unchecked('status', 'STATUS_LIST_ISSUER_MISMATCH', `The status list is signed by ${list.issuer ?? 'no one'}, not by the credential’s issuer: it cannot vouch for it`, { ...details, listIssuer: list.issuer })
  }
  if (size < MIN_LIST_SIZE) {
    return unchecked('status', 'STATUS_LIST_TOO_SHORT', `The status list has ${size} entries, fewer than the ${MIN_LIST_SIZE} the standard requires`, details)
  }
  return passed('status', 'STATUS_VALID', `Not ${statusPurpose === 'revocation' ? 'revoked' : 'suspended'}`, details)
}

async function setBit(purpose: string, details: Record<string, string>, list: Extract<ListOutcome, { ok: true }>, sameIssuer: boolean): Promise<Check> {
  const facts = sameIssuer ? await list.facts?.(purpose, Number(details.statusListIndex)) : undefined
  const code = purpose === 'revocation' ? 'STATUS_REVOKED' : 'STATUS_SUSPENDED'
  const word = purpose === 'revocation' ? 'revoked' : 'suspended'
  const since = facts?.since ? ` since ${facts.since}` : ''
  return failed('status', code, `The credential is ${word}${since}${facts?.reason ? `: ${facts.reason}` : ''}`, {
    ...details, ...(facts?.since ? { since: facts.since } : {}), ...(facts?.reason ? { reason: facts.reason } : {}), listIssuer: list.issuer, listIssuerMatches: sameIssuer,
  })
}

async function loadList(url: string, ctx: StatusCtx): Promise<ListOutcome> {
  const fail = (code: string, message: string): ListOutcome => ({ ok: false, check: unchecked('status', code, message, { statusListCredential: url }) })
  let result: StatusListResult
  try {
    result = await ctx.resolveStatusList!(url, { now: ctx.now })
  } catch (e) {
    return fail('STATUS_LIST_UNAVAILABLE', `The status list could not be obtained (${(e as Error).message}), so revocation is unknown`)
  }
  const list = result.credential
  if (!isObject(list) || !toArray(list.type).includes('BitstringStatusListCredential')) {
    return fail('STATUS_LIST_INVALID', 'The status list is not a BitstringStatusListCredential')
  }
  const { check: proof } = await verifyCredentialProof(list, ctx.documentLoader)
  if (proof.status !== 'passed') return fail('STATUS_LIST_PROOF_INVALID', `The status list’s signature does not verify: ${proof.message}`)
  const validity = checkValidity(list, ctx.now)
  if (validity.code === 'EXPIRED') return fail('STATUS_LIST_EXPIRED', `The status list expired (${validity.message}); a fresh one is needed`)
  if (validity.code === 'NOT_YET_VALID') return fail('STATUS_LIST_NOT_YET_VALID', `The status list is not valid yet (${validity.message})`)
  if (validity.status !== 'passed') return fail('STATUS_LIST_INVALID', `The status list is not valid now: ${validity.message}`)
  const subject = toArray<unknown>(list.credentialSubject)[0]
  if (!isObject(subject) || !toArray(subject.type).includes('BitstringStatusList') || typeof subject.encodedList !== 'string') {
    return fail('STATUS_LIST_INVALID', 'The status list credential holds no BitstringStatusList')
  }
  if (subject.statusSize !== undefined && subject.statusSize !== 1) return fail('STATUS_LIST_INVALID', 'Status lists of more than one bit per entry are not read')
  let bits: Uint8Array
  try {
    bits = decodeList(subject.encodedList)
  } catch (e) {
    return fail('STATUS_LIST_INVALID', `The status list cannot be decoded: ${(e as Error).message}`)
  }
  return { ok: true, bits, purpose: subject.statusPurpose, issuer: issuerId(list), facts: result.facts }
}
