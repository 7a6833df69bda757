import { randomInt, randomUUID } from 'node:crypto'
import { listConsentEvents, logConsent } from '@/lib/consent/repository'
import { AppError } from '@/lib/errors'
import type { Runtime } from '@/lib/runtime'
import { notify } from '@/lib/notifications/service'
import { LIMITS } from '@/lib/security/limits'
import { hit, type RateLimit } from '@/lib/security/rate-limit'
import { isUniqueViolation } from '@/lib/status/allocate'
import { assertYouth, type Actor } from '@/lib/wallet/service'
import { buildBlindProfiles, type BlindProfileDto } from './blind'
import * as repo from './repository'
import { HANDLE_ALPHABET, PAGE_SIZE, type ContactRequestInput, type DirectorySearch } from './schemas'

export type { BlindProfileDto, BlindSkillDto, IssuerDto } from './blind'

// The recruiters' directory: a young person chooses to be found (off by default, withdrawable at
// any time, each change in the consent log); recruiters of an approved organisation search blind
// profiles — a random handle and verified facts, nothing that names the young person — and may
// send one contact request per young person, ever. What happens next is lib/contacts.

type Rt = Pick<Runtime, 'db'>

export const CONTACT_REQUEST_LIMIT: RateLimit = LIMITS['contact-request']
const MAX_HANDLE_ATTEMPTS = 5

// ---- The young person's side -------------------------------------------------------------

export interface DirectoryConsentDto {
  kind: 'directory_opt_in' | 'directory_opt_out'
  at: string
}

export interface MyDirectoryDto {
  optedIn: boolean
  handle: string | null
  optedInAt: string | null
  /** The blind profile exactly as recruiters see it (handle null while not opted in). */
  preview: BlindProfileDto
  history: DirectoryConsentDto[]
}

export async function getMyDirectory(rt: Rt, user: Actor, lang: string, now = new Date()): Promise<MyDirectoryDto> {
  assertYouth(user)
  const [entry, events] = await Promise.all([repo.findEntry(rt.db, user.id), listConsentEvents(rt.db, user.id)])
  const [preview] = await buildBlindProfiles(rt, [{ user_id: user.id, handle: entry?.handle ?? null }], { lang, now })
  return {
    optedIn: Boolean(entry),
    handle: entry?.handle ?? null,
    optedInAt: entry?.opted_in_at ?? null,
    preview: preview!,
    history: events.filter((e) => e.kind === 'directory_opt_in' || e.kind === 'directory_opt_out')
      .map((e) => ({ kind: e.kind as DirectoryConsentDto['kind'], at: e.at })).reverse(),
  }
}

/** A fresh random handle, e.g. "K7P3-Q9XM" (31^8 ≈ 8.5·10^11 values, from the OS's CSPRNG). */
export function newHandle(): string {
  const pick = () => Array.from({ length: 4 }, () => HANDLE_ALPHABET[randomInt(HANDLE_ALPHABET.length)]).join('')
  return `${pick()}-${pick()}`
}

/**
 * Puts the young person in the directory under a NEW random handle (a returning young person is
 * not linkable to their earlier entry) and logs the consent in the same transaction. Opting in
 * again while in changes nothing.
 */
export async function optIn(rt: Rt, user: Actor, now = new Date(), handles: () => string = newHandle): Promise<{ handle: string; changed: boolean }> {
  assertYouth(user)
  for (let attempt = 1; ; attempt++) {
    try {
      return await rt.db.transaction().execute(async (trx) => {
        const existing = await repo.findEntry(trx, user.id)
        if (existing) return { handle: existing.handle, changed: false }
        const handle = handles()
        await repo.insertEntry(trx, { user_id: user.id, handle, opted_in_at: now.toISOString() })
        await logConsent(trx, user.id, 'directory_opt_in', { handle }, now)
        return { handle, changed: true }
      })
    } catch (e) {
      if (!isUniqueViolation(e) || attempt >= MAX_HANDLE_ATTEMPTS) throw e
    }
  }
}

/** Takes the young person out of the directory at once; logged with the change. Pending requests stay answerable. */
export async function optOut(rt: Rt, user: Actor, now = new Date()): Promise<{ changed: boolean }> {
  assertYouth(user)
  return rt.db.transaction().execute(async (trx) => {
    const existing = await repo.findEntry(trx, user.id)
    if (!existing) return { changed: false }
    await repo.deleteEntry(trx, user.id)
    await logConsent(trx, user.id, 'directory_opt_out', { handle: existing.handle }, now)
    return { changed: true }
  })
}

// ---- The recruiter's side -----------------------------------------------------------------

export type RecruiterAccess =
  | { ok: true; organisation: { id: string; name: string } }
  | { ok: false; reason: 'no_organisation' | 'pending' | 'suspended' }

/**
 * Whether this recruiter may use the directory: only for an approved organisation.
 * @throws AppError FORBIDDEN for any other role.
 */
export async function recruiterAccess(rt: Rt, user: Actor): Promise<RecruiterAccess> {
  if (user.role !== 'recruiter') throw new AppError('FORBIDDEN', 'Only recruiters use the directory')
  const org = await repo.findRecruiterOrganisation(rt.db, user.id)
  if (!org) return { ok: false, reason: 'no_organisation' }
  if (org.status !== 'approved') return { ok: false, reason: org.status === 'suspended' ? 'suspended' : 'pending' }
  return { ok: true, organisation: { id: org.id, name: org.name } }
}

/** @throws AppError FORBIDDEN unless a recruiter of an approved organisation. */
export async function assertRecruiter(rt: Rt, user: Actor): Promise<{ id: string; name: string }> {
  const access = await recruiterAccess(rt, user)
  if (!access.ok) throw new AppError('FORBIDDEN', 'The directory is open to recruiters of an approved organisation', { reason: access.reason })
  return access.organisation
}

export interface SearchResultDto {
  total: number
  page: number
  pageCount: number
  results: BlindProfileDto[]
}

const MIN_RANK = { any: 0, witnessed: 2, assessed: 3 } as const

/** One page of blind profiles matching the search, matching skills first on each card. */
export async function searchDirectory(rt: Rt, user: Actor, search: DirectorySearch, lang: string, now = new Date()): Promise<SearchResultDto> {
  await assertRecruiter(rt, user)
  const { total, rows } = await repo.searchEntries(rt.db, {
    skill: search.skill, minRank: MIN_RANK[search.evidence], region: search.region, availability: search.availability,
    recruiterId: user.id, now: now.toISOString(), limit: PAGE_SIZE, offset: (search.page - 1) * PAGE_SIZE,
  })
  const results = await buildBlindProfiles(rt, rows, { lang, now, skill: search.skill })
  return { total, page: search.page, pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)), results }
}

export interface ContactRequestDto {
  status: 'pending' | 'accepted' | 'declined'
  createdAt: string
}

export interface BlindProfilePageDto {
  profile: BlindProfileDto
  /** The recruiter's organisation, as the request will show it. */
  organisation: { name: string }
  /** This recruiter's request to this young person, if one was ever sent. */
  request: ContactRequestDto | null
}

/** The young person behind a handle, unless they withdrew or blocked this recruiter (both read as absent). */
async function findVisibleEntry(rt: Rt, recruiterId: string, handle: string) {
  const entry = await repo.findEntryByHandle(rt.db, handle)
  if (!entry || (await repo.isBlocked(rt.db, entry.user_id, recruiterId))) throw new AppError('NOT_FOUND', 'No such profile in the directory')
  return entry
}

/** @throws AppError NOT_FOUND (unknown handle, withdrawn, or blocked), FORBIDDEN. */
export async function getBlindProfile(rt: Rt, user: Actor, handle: string, lang: string, now = new Date()): Promise<BlindProfilePageDto> {
  const organisation = await assertRecruiter(rt, user)
  const entry = await findVisibleEntry(rt, user.id, handle)
  const [[profile], request] = await Promise.all([
    buildBlindProfiles(rt, [entry], { lang, now }),
    repo.findContactRequest(rt.db, entry.user_id, user.id),
  ])
  return { profile: profile!, organisation: { name: organisation.name }, request: request ? toRequest(request) : null }
}

const toRequest = (r: { status: string; created_at: string }): ContactRequestDto => ({ status: r.status as ContactRequestDto['status'], createdAt: r.created_at })

/**
 * Sends a contact request (status pending) in the recruiter's organisation's name. One per
 * recruiter and young person, ever.
 * @throws AppError NOT_FOUND (unknown, withdrawn or blocked), FORBIDDEN (not a recruiter of an
 * approved organisation), CONFLICT with details { reason: 'exists', request } when one was sent
 * already, or { reason: 'rateLimited', retryAfterMs } past CONTACT_REQUEST_LIMIT.
 */
export async function sendContactRequest(rt: Rt, user: Actor, input: ContactRequestInput, now = new Date()): Promise<{ id: string }> {
  const organisation = await assertRecruiter(rt, user)
  const entry = await findVisibleEntry(rt, user.id, input.handle)
  const existing = await repo.findContactRequest(rt.db, entry.user_id, user.id)
  if (existing) throw new AppError('CONFLICT', 'A request was sent already', { reason: 'exists', request: toRequest(existing) })
  const limit = await hit(rt, `contact-request:${user.id}`, CONTACT_REQUEST_LIMIT, now)
  if (!limit.allowed) throw new AppError('CONFLICT', 'Too many contact requests today', { reason: 'rateLimited', retryAfterMs: limit.retryAfterMs })
  const id = randomUUID()
  try {
    await repo.insertContactRequest(rt.db, {
      id, youth_user_id: entry.user_id, recruiter_user_id: user.id, recruiter_organisation_id: organisation.id, message: input.message, created_at: now.toISOString(),
    })
  } catch (e) {
    // Two requests at once: the UNIQUE pair key lets one through.
    if (!isUniqueViolation(e)) throw e
    const raced = await repo.findContactRequest(rt.db, entry.user_id, user.id)
    throw new AppError('CONFLICT', 'A request was sent already', { reason: 'exists', request: raced ? toRequest(raced) : null })
  }
  await notify(rt.db, { to: entry.user_id, kind: 'contact_request', params: { organisation: organisation.name }, link: '/contacts', actor: user.id, topic: `contact:${id}`, now })
  return { id }
}

/** The young person's directory handle, or null when they are not in the directory. */
export async function getMyHandle(rt: Rt, user: Actor): Promise<string | null> {
  assertYouth(user)
  return (await repo.findEntry(rt.db, user.id))?.handle ?? null
}
