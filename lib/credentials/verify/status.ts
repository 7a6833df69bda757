import { decodeList, getBit, isStatusPurpose, MIN_LIST_SIZE } from '../bitstring'
import type { DocumentLoader } from '../document-loader'
import { checkValidity, issuerId, type IssuerLookup } from './checks'
import { verifyCredentialProof } from './di'
import { isObject, toArray } from './input'
import { BudgetRefusal, DEFAULT_VERIFY_LIMITS, proofSigners, type RequestBudget } from './limits'
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
  /** Tells which organisation a DID belongs to: another DID of the issuer's organisation may vouch with its list (decision 009). */
  lookupIssuer?: IssuerLookup
  /** One resolution and one proof verification per list URL within a verification. */
  lists?: Map<string, Promise<ListOutcome>>
  /** At most this many entries are read (DEFAULT_VERIFY_LIMITS.maxStatusEntries). */
  maxStatusEntries?: number
  /** The verification's remote budget: a list signer's DID refused by it makes the list `unchecked` with that reason. */
  budget?: RequestBudget
}

type ListOutcome = { ok: true; bits: Uint8Array; purpose: unknown; issuer?: string; facts?: StatusListResult['facts'] } | { ok: false; check: Check }

const INDEX_RE = /^(0|[1-9][0-9]*)$/

/**
 * `status` (W3C Bitstring Status List §3.2 validate algorithm): `failed` when a validly signed,
 * current list the entry points to has the bit set; `passed` only when every entry was read in a
 * valid list of ≥ 131,072 entries signed by one who may vouch for the credential — its issuer, or
 * another DID of the same organisation of this instance; `unchecked` otherwise — never `passed` by
 * default. A list signed by anyone else (another trusted organisation included: it vouches only for
 * its own credentials), or too short, cannot vouch, but its "revoked" is still believed (the safe
 * side). More than `maxStatusEntries` entries: nothing is fetched. See docs/decisions/008, 009, 016.
 */
export async function checkStatus(credential: Record<string, unknown>, ctx: StatusCtx): Promise<Check> {
  const entries = toArray<unknown>(credential.credentialStatus)
  if (entries.length === 0) return unchecked('status', 'STATUS_NONE', 'The issuer published no revocation status for this credential')
  const max = ctx.maxStatusEntries ?? DEFAULT_VERIFY_LIMITS.maxStatusEntries
  if (entries.length > max) {
    return unchecked('status', 'STATUS_TOO_MANY_ENTRIES', `The credential has ${entries.length} status entries; at most ${max} are read, so none was (limit maxStatusEntries)`, { entries: entries.length, limit: max })
  }
  if (!ctx.resolveStatusList) return unchecked('status', 'STATUS_NOT_CHECKED', 'This verifier was not given a way to read status lists')
  const checks = await Promise.all(entries.map((e) => checkEntry(e, issuerId(credential), ctx)))
  const bad = checks.find((c) => c.status === 'failed') ?? checks.find((c) => c.status === 'unchecked')
  if (bad) return bad
  const purposes = checks.map((c) => c.details?.statusPurpose as string)
  // A list signed by another DID of the issuer's organisation vouched: say who.
  const other = checks.find((c) => c.details?.vouchedBy)?.details
  const vouched = other ? { vouchedBy: other.vouchedBy, listIssuer: other.listIssuer } : {}
  return passed('status', 'STATUS_VALID', `The issuer’s status lists say it is neither revoked nor suspended (${purposes.join(', ')})`, { purposes, ...vouched })
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
  const vouch = await whoVouches(list.issuer, credentialIssuer, ctx)
  // A set bit in a validly signed list is believed whoever signed it and however short it is:
  // believing "revoked" can only make us stricter. Everything below may only weaken a "not set".
  if (getBit(list.bits, index)) return setBit(statusPurpose, details, list, vouch)
  if (!wellFormedIndex) return unchecked('status', 'STATUS_ENTRY_INVALID', 'The status index is not a base-10 string, as the standard requires', details)
  if (!vouch) {
    return unchecked('status', 'STATUS_LIST_ISSUER_MISMATCH', `The status list is signed by ${list.issuer ?? 'no one'}, neither the credential’s issuer nor its organisation: it cannot vouch for it`, { ...details, listIssuer: list.issuer })
  }
  if (size < MIN_LIST_SIZE) {
    return unchecked('status', 'STATUS_LIST_TOO_SHORT', `The status list has ${size} entries, fewer than the ${MIN_LIST_SIZE} the standard requires`, details)
  }
  const by = vouch === 'issuer' ? details : { ...details, listIssuer: list.issuer!, vouchedBy: vouch }
  return passed('status', 'STATUS_VALID', `Not ${statusPurpose === 'revocation' ? 'revoked' : 'suspended'}`, by)
}

/**
 * Who may vouch with a list ("not revoked"): its signer when it is the credential's issuer
 * (`issuer`), or another DID of the same organisation of this instance — e.g. its did:key before
 * its did:web (`organisation`). Anyone else — another organisation, however trusted — undefined:
 * a credential that borrows a trusted organisation's list must not pass on its word.
 */
async function whoVouches(listIssuer: string | undefined, credentialIssuer: string | undefined, ctx: StatusCtx): Promise<'issuer' | 'organisation' | undefined> {
  if (!listIssuer) return undefined
  if (listIssuer === credentialIssuer) return 'issuer'
  if (!ctx.lookupIssuer) return undefined
  const [ofList, ofCredential] = await Promise.all([ctx.lookupIssuer(listIssuer), credentialIssuer ? ctx.lookupIssuer(credentialIssuer) : undefined])
  const orgOf = (i: typeof ofList) => (i && i.registry !== 'external' ? i.organisation : undefined)
  return orgOf(ofList) !== undefined && orgOf(ofList) === orgOf(ofCredential) ? 'organisation' : undefined
}

async function setBit(purpose: string, details: Record<string, string>, list: Extract<ListOutcome, { ok: true }>, vouch: string | undefined): Promise<Check> {
  const sameIssuer = vouch === 'issuer'
  // Our own facts (since when, why) are told for a list that may vouch for the credential.
  const facts = vouch ? await list.facts?.(purpose, Number(details.statusListIndex)) : undefined
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
    if (e instanceof BudgetRefusal) return fail(e.refusal.code, `The status list was ${e.refusal.message}, so revocation is unknown`)
    if ((e as { code?: unknown }).code === 'REMOTE_BUSY') return fail('REMOTE_BUSY', 'The status list was not obtained: this server is busy fetching other documents, so revocation is unknown; try again in a moment')
    return fail('STATUS_LIST_UNAVAILABLE', `The status list could not be obtained (${(e as Error).message}), so revocation is unknown`)
  }
  const list = result.credential
  if (!isObject(list) || !toArray(list.type).includes('BitstringStatusListCredential')) {
    return fail('STATUS_LIST_INVALID', 'The status list is not a BitstringStatusListCredential')
  }
  const { check: verified } = await verifyCredentialProof(list, ctx.documentLoader)
  const proof = ctx.budget ? ctx.budget.explain(verified, proofSigners(list)) : verified
  if (proof.status === 'unchecked') return fail(proof.code, `The status list’s signature was not checked: ${proof.message}`)
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
