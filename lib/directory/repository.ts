import { sql, type Transaction } from 'kysely'
import type { Db } from '@/db/client'
import type { Database } from '@/db/schema'
import type { Availability, RemoteStatus } from '@/db/enums'

// The recruiters' directory. Every query that feeds a blind profile selects named columns from
// the tables the blind-profile contract allows (directory_entries, credential_skills,
// organisations, external_issuers, profiles, profile_goals) — never a credential document, never
// a user's name, username, e-mail or DID.

type Tx = Db | Transaction<Database>

/**
 * Self-issued: the young person vouches for themself (a self-declared story, or a credential whose
 * issuer is its subject, their own DID or one they linked). It counts only as self-declared,
 * whatever level it claims (decision 020). Needs `c` (credential) and `h` (its holder) in scope.
 */
const SELF_ISSUED = sql<boolean>`(c.origin = 'self_declared' or c.issuer_did = c.subject_did or c.issuer_did = h.did
  or exists (select 1 from linked_identifiers li where li.user_id = h.id and li.did = c.issuer_did))`

/** The level the directory counts: self-declared for a self-issued credential, else the one it states. */
export const EFFECTIVE_LEVEL = sql<string | null>`(case when cs.evidence_level is null or cs.evidence_level = 'self_declared' then cs.evidence_level
  when ${SELF_ISSUED} then 'self_declared' else cs.evidence_level end)`

/** 3 assessed, 2 witnessed, 1 self-declared, 0 not stated: for "at least" filters and ordering (of the effective level). */
export const EVIDENCE_RANK = sql<number>`(case ${EFFECTIVE_LEVEL} when 'assessed' then 3 when 'witnessed' then 2 when 'self_declared' then 1 else 0 end)`

/**
 * An imported credential counts while a re-check of its status (lib/directory/recheck.ts, on a
 * schedule, never in a request) said it is neither revoked nor suspended, within this long.
 */
export const IMPORTED_STATUS_MAX_AGE_MS = 72 * 60 * 60 * 1000

export function findEntry(db: Tx, userId: string) {
  return db.selectFrom('directory_entries').select(['user_id', 'handle', 'opted_in_at']).where('user_id', '=', userId).executeTakeFirst()
}

/** The opted-in young person behind a handle (a young person's account only). */
export function findEntryByHandle(db: Db, handle: string) {
  return db.selectFrom('directory_entries as d').innerJoin('users as u', 'u.id', 'd.user_id')
    .select(['d.user_id', 'd.handle', 'd.opted_in_at']).where('d.handle', '=', handle).where('u.role', '=', 'youth')
    .executeTakeFirst()
}

export function insertEntry(db: Tx, row: { user_id: string; handle: string; opted_in_at: string }) {
  return db.insertInto('directory_entries').values(row).execute()
}

export async function deleteEntry(db: Tx, userId: string): Promise<number> {
  const r = await db.deleteFrom('directory_entries').where('user_id', '=', userId).executeTakeFirst()
  return Number(r.numDeletedRows)
}

/** A recruiter's organisation (read from the account, not from the session). */
export function findRecruiterOrganisation(db: Db, userId: string) {
  return db.selectFrom('users as u').innerJoin('organisations as o', 'o.id', 'u.organisation_id')
    .select(['o.id', 'o.name', 'o.status']).where('u.id', '=', userId).where('u.role', '=', 'recruiter').executeTakeFirst()
}

export async function isBlocked(db: Db, youthId: string, recruiterId: string): Promise<boolean> {
  const row = await db.selectFrom('blocks').select('youth_user_id').where('youth_user_id', '=', youthId).where('recruiter_user_id', '=', recruiterId).executeTakeFirst()
  return Boolean(row)
}

export function findContactRequest(db: Db, youthId: string, recruiterId: string) {
  return db.selectFrom('contact_requests').select(['id', 'status', 'created_at', 'decided_at'])
    .where('youth_user_id', '=', youthId).where('recruiter_user_id', '=', recruiterId).executeTakeFirst()
}

export function insertContactRequest(db: Db, row: { id: string; youth_user_id: string; recruiter_user_id: string; recruiter_organisation_id: string; message: string; created_at: string }) {
  return db.insertInto('contact_requests').values({ ...row, status: 'pending', decided_at: null }).execute()
}

/**
 * The skills that count in the directory: those of credentials their holder keeps visible, that
 * are BOUND to them (issued to their DID or to an identifier they proved to control, decision
 * 021), neither revoked nor suspended, valid now (not before validFrom, not after validUntil),
 * not signed with a key its organisation withdrew, and — when an organisation of this instance
 * issued them — whose organisation is still approved. An imported one counts only while its last
 * status re-check (at most IMPORTED_STATUS_MAX_AGE_MS old) said active or "no status list".
 */
function countedSkills(db: Db, now: string) {
  const freshSince = new Date(Date.parse(now) - IMPORTED_STATUS_MAX_AGE_MS).toISOString()
  return db.selectFrom('credential_skills as cs')
    .innerJoin('credentials as c', 'c.id', 'cs.credential_id')
    .innerJoin('users as h', 'h.id', 'c.holder_user_id')
    .leftJoin('credential_status as st', 'st.credential_id', 'c.id')
    .leftJoin('organisations as o', 'o.id', 'c.issuer_organisation_id')
    .where('c.hidden_at', 'is', null)
    .where((eb) => eb.or([
      eb('c.subject_did', '=', eb.ref('h.did')),
      eb.exists(eb.selectFrom('linked_identifiers as li').select('li.id').whereRef('li.user_id', '=', 'h.id').whereRef('li.did', '=', 'c.subject_did')),
    ]))
    .where('st.revoked_at', 'is', null)
    .where('st.suspended_at', 'is', null)
    .where('c.valid_from', '<=', now)
    .where((eb) => eb.or([eb('c.valid_until', 'is', null), eb('c.valid_until', '>', now)]))
    .where((eb) => eb.or([eb('c.issuer_organisation_id', 'is', null), eb('o.status', '=', 'approved')]))
    .where((eb) => eb.or([
      eb('c.origin', '!=', 'imported'),
      eb.and([eb('c.remote_status', 'in', ['active', 'none']), eb('c.remote_status_checked_at', '>=', freshSince)]),
    ]))
    // The withdrawn keys' method ids, read once (NOT IN a list) rather than every key scanned per credential.
    .where((eb) => eb.or([eb('c.verification_method', 'is', null), eb('c.verification_method', 'not in', eb.selectFrom('organisation_keys as k')
      .select(sql<string>`k.did || '#' || k.fragment`.as('method')).where('k.retired_at', 'is not', null))]))
}

export interface SearchFilters {
  skill?: string
  minRank: number
  region?: string
  availability?: Availability
}

/** Correlates a counted-skills subquery with the outer directory entry `d`. */
const OF_ENTRY = sql<boolean>`c.holder_user_id = d.user_id`

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)

/** One page of opted-in young people matching the filters, and how many match in all. */
export async function searchEntries(db: Db, f: SearchFilters & { recruiterId: string; now: string; limit: number; offset: number }) {
  let q = db.selectFrom('directory_entries as d')
    .innerJoin('users as u', 'u.id', 'd.user_id')
    .leftJoin('profiles as p', 'p.user_id', 'd.user_id')
    .where('u.role', '=', 'youth')
    // A young person who blocked this recruiter never appears to them.
    .where((eb) => eb.not(eb.exists(eb.selectFrom('blocks as b').select('b.youth_user_id')
      .whereRef('b.youth_user_id', '=', 'd.user_id').where('b.recruiter_user_id', '=', f.recruiterId))))
  if (f.region) q = q.where(sql`lower(p.region)`, 'like', sql`lower(${`%${likeEscape(f.region)}%`}) escape '\\'`)
  if (f.availability) q = q.where('p.availability', '=', f.availability)
  if (f.skill) {
    // One pass over the credentials stating the skill (credential_skills_uri_idx), grouped by holder:
    // each holder's best effective evidence level for it, kept when it reaches the minimum — the
    // same people, and the same `best`, as an EXISTS and a MAX per directory entry, without running
    // two correlated subqueries for every entry (issue 14 §3: 1 M credentials).
    const matching = countedSkills(db, f.now)
      .select(['c.holder_user_id as holder_id', sql<number>`max(${EVIDENCE_RANK})`.as('best')])
      .where('cs.skill_uri', '=', f.skill)
      .groupBy('c.holder_user_id')
      .having(sql<number>`max(${EVIDENCE_RANK})`, '>=', f.minRank)
    const withSkill = q.innerJoin(matching.as('m'), 'm.holder_id', 'd.user_id')
    const { n } = await withSkill.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()
    const rows = await withSkill.select(['d.user_id', 'd.handle', 'm.best'])
      .orderBy('m.best', 'desc').orderBy('d.opted_in_at', 'desc').orderBy('d.handle')
      .limit(f.limit).offset(f.offset).execute()
    return { total: Number(n), rows: rows.map((r) => ({ user_id: r.user_id, handle: r.handle, best: Number(r.best) })) }
  }
  if (f.minRank > 0) {
    q = q.where((eb) => eb.exists(countedSkills(db, f.now).select('cs.credential_id')
      .where(OF_ENTRY)
      .where(EVIDENCE_RANK, '>=', f.minRank)))
  }
  const { n } = await q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()
  const rows = await q.select(['d.user_id', 'd.handle']).select(sql<number>`0`.as('best'))
    .orderBy('best', 'desc').orderBy('d.opted_in_at', 'desc').orderBy('d.handle')
    .limit(f.limit).offset(f.offset).execute()
  return { total: Number(n), rows }
}

/** The counted skills of these young people, with what the blind profile may say of each credential's issuer. */
export function listCountedSkills(db: Db, userIds: string[], now: string) {
  if (!userIds.length) return Promise.resolve([])
  return countedSkills(db, now)
    .select(['c.holder_user_id', 'c.id as credential_id', 'c.origin', 'c.issuer_did', 'cs.skill_uri', 'cs.label', 'cs.skill_level', 'o.name as organisation_name'])
    .select(EFFECTIVE_LEVEL.as('evidence_level'))
    .where('c.holder_user_id', 'in', userIds)
    .orderBy('cs.label')
    .execute()
}

/** Registry names of issuer DIDs (imported credentials), one per DID. */
export function listRegistryNames(db: Db, dids: string[]) {
  if (!dids.length) return Promise.resolve([])
  return db.selectFrom('external_issuers').select(['did', 'name', 'registry']).where('did', 'in', dids).orderBy('registry').execute()
}

export function listProfiles(db: Db, userIds: string[]) {
  if (!userIds.length) return Promise.resolve([])
  return db.selectFrom('profiles').select(['user_id', 'region', 'availability', 'languages']).where('user_id', 'in', userIds).execute()
}

export function listGoals(db: Db, userIds: string[]) {
  if (!userIds.length) return Promise.resolve([])
  return db.selectFrom('profile_goals').select(['user_id', 'occupation_uri', 'label']).where('user_id', 'in', userIds).orderBy('position').execute()
}

/**
 * Imported credentials whose status was not tried since `before` (never tried first), at most
 * `limit`: the re-check's batch. Documents are read here only to be verified, never shown.
 */
export function listImportsToRecheck(db: Db, before: string, limit: number) {
  return db.selectFrom('credentials').select(['id', 'document'])
    .where('origin', '=', 'imported').where('holder_user_id', 'is not', null)
    .where((eb) => eb.or([eb('remote_status_attempted_at', 'is', null), eb('remote_status_attempted_at', '<', before)]))
    .orderBy(sql`coalesce(remote_status_attempted_at, '')`).orderBy('id')
    .limit(limit)
    .execute()
}

/** Records a re-check: a definitive `status` replaces the last one; null (not obtained) only marks the attempt. */
export async function recordRecheck(db: Db, id: string, status: RemoteStatus | null, at: string): Promise<void> {
  await db.updateTable('credentials')
    .set(status ? { remote_status: status, remote_status_checked_at: at, remote_status_attempted_at: at } : { remote_status_attempted_at: at })
    .where('id', '=', id).execute()
}
