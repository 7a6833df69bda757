import { randomUUID } from 'node:crypto'
import type { Transaction } from 'kysely'
import type { Db } from '@/db/client'
import type { Database } from '@/db/schema'
import type { ReportReason } from '@/db/enums'

// Queries only: the rules (who may see what, blind profiles) live in service.ts. The recruiter's
// side never selects a young person's name here unless the request was accepted (see listForRecruiter).

type Q = Db | Transaction<Database>

/** The rate_limits key counting one person's messages (an account deletion erases it). */
export const messageLimitKey = (userId: string) => `message:${userId}`

/** A contact request with both parties' ids, as the rules need it. */
export function findContact(db: Q, contactId: string) {
  return db.selectFrom('contact_requests')
    .select(['id', 'youth_user_id', 'recruiter_user_id', 'recruiter_organisation_id', 'status', 'message', 'created_at', 'decided_at'])
    .where('id', '=', contactId).executeTakeFirst()
}

/** Messages of one contact from the other party that `readerId` has not read yet, per contact. */
function unreadCounts(db: Q, readerId: string, contactIds: string[]) {
  if (contactIds.length === 0) return Promise.resolve([] as { contact_id: string; unread: number }[])
  return db.selectFrom('contact_messages')
    .select(['contact_id', (eb) => eb.fn.countAll<number>().as('unread')])
    .where('contact_id', 'in', contactIds).where('sender_user_id', '!=', readerId).where('read_at', 'is', null)
    .groupBy('contact_id').execute()
}

/** The young person's requests with the recruiter's name and organisation, newest first. */
export async function listForYouth(db: Db, youthId: string) {
  const rows = await db.selectFrom('contact_requests')
    .innerJoin('users as r', 'r.id', 'contact_requests.recruiter_user_id')
    .innerJoin('organisations as o', 'o.id', 'contact_requests.recruiter_organisation_id')
    .leftJoin('blocks as b', (j) => j.onRef('b.youth_user_id', '=', 'contact_requests.youth_user_id').onRef('b.recruiter_user_id', '=', 'contact_requests.recruiter_user_id'))
    .select([
      'contact_requests.id', 'contact_requests.status', 'contact_requests.message', 'contact_requests.created_at', 'contact_requests.decided_at',
      'r.display_name as recruiter_name', 'o.name as organisation_name', 'b.created_at as blocked_at',
    ])
    .where('contact_requests.youth_user_id', '=', youthId)
    .orderBy('contact_requests.created_at', 'desc').orderBy('contact_requests.id').execute()
  const unread = await unreadCounts(db, youthId, rows.map((r) => r.id))
  return rows.map((r) => ({ ...r, unread: Number(unread.find((u) => u.contact_id === r.id)?.unread ?? 0) }))
}

/**
 * The recruiter's requests. The young person's display name is selected ONLY for an accepted
 * request (a CASE in the query): a pending or declined one carries the directory handle alone.
 */
export async function listForRecruiter(db: Db, recruiterId: string) {
  const rows = await db.selectFrom('contact_requests')
    .innerJoin('users as y', 'y.id', 'contact_requests.youth_user_id')
    .leftJoin('directory_entries as d', 'd.user_id', 'contact_requests.youth_user_id')
    .leftJoin('blocks as b', (j) => j.onRef('b.youth_user_id', '=', 'contact_requests.youth_user_id').onRef('b.recruiter_user_id', '=', 'contact_requests.recruiter_user_id'))
    .select((eb) => [
      'contact_requests.id', 'contact_requests.status', 'contact_requests.message', 'contact_requests.created_at', 'contact_requests.decided_at',
      'd.handle', 'b.created_at as blocked_at',
      eb.case().when('contact_requests.status', '=', 'accepted').then(eb.ref('y.display_name')).else(eb.val<string | null>(null)).end().as('youth_name'),
    ])
    .where('contact_requests.recruiter_user_id', '=', recruiterId)
    .orderBy('contact_requests.created_at', 'desc').orderBy('contact_requests.id').execute()
  const unread = await unreadCounts(db, recruiterId, rows.map((r) => r.id))
  return rows.map((r) => ({ ...r, unread: Number(unread.find((u) => u.contact_id === r.id)?.unread ?? 0) }))
}

/** Both parties' names for an accepted thread (callers have checked the status and the reader). */
export function findParties(db: Db, contactId: string) {
  return db.selectFrom('contact_requests')
    .innerJoin('users as y', 'y.id', 'contact_requests.youth_user_id')
    .innerJoin('users as r', 'r.id', 'contact_requests.recruiter_user_id')
    .innerJoin('organisations as o', 'o.id', 'contact_requests.recruiter_organisation_id')
    .select(['y.display_name as youth_name', 'r.display_name as recruiter_name', 'o.name as organisation_name'])
    .where('contact_requests.id', '=', contactId).executeTakeFirstOrThrow()
}

export function setDecision(db: Q, contactId: string, status: 'accepted' | 'declined', at: string) {
  return db.updateTable('contact_requests').set({ status, decided_at: at }).where('id', '=', contactId).where('status', '=', 'pending').executeTakeFirst()
}

export function listMessages(db: Q, contactId: string) {
  return db.selectFrom('contact_messages').select(['id', 'sender_user_id', 'body', 'created_at', 'read_at'])
    .where('contact_id', '=', contactId).orderBy('created_at').orderBy('id').execute()
}

export async function insertMessage(db: Q, m: { contactId: string; senderId: string; body: string; at: string }) {
  const id = randomUUID()
  await db.insertInto('contact_messages').values({ id, contact_id: m.contactId, sender_user_id: m.senderId, body: m.body, created_at: m.at, read_at: null }).execute()
  return id
}

/** Marks the other party's messages as read by `readerId`. */
export function markRead(db: Q, contactId: string, readerId: string, at: string) {
  return db.updateTable('contact_messages').set({ read_at: at })
    .where('contact_id', '=', contactId).where('sender_user_id', '!=', readerId).where('read_at', 'is', null).execute()
}

export async function isBlocked(db: Q, youthId: string, recruiterId: string): Promise<boolean> {
  return !!(await db.selectFrom('blocks').select('created_at').where('youth_user_id', '=', youthId).where('recruiter_user_id', '=', recruiterId).executeTakeFirst())
}

/** Inserts the block once; returns false when it already existed. */
export async function insertBlock(db: Q, youthId: string, recruiterId: string, at: string): Promise<boolean> {
  const r = await db.insertInto('blocks').values({ youth_user_id: youthId, recruiter_user_id: recruiterId, created_at: at })
    .onConflict((oc) => oc.columns(['youth_user_id', 'recruiter_user_id']).doNothing()).executeTakeFirst()
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0
}

export async function insertReport(db: Q, r: { reporterId: string; recruiterId: string; contactId: string; reason: ReportReason; details: string; at: string }) {
  const id = randomUUID()
  await db.insertInto('reports').values({
    id, reporter_user_id: r.reporterId, recruiter_user_id: r.recruiterId, contact_id: r.contactId, reason: r.reason, details: r.details,
    created_at: r.at, resolved_at: null, resolved_by: null, resolution_note: null,
  }).execute()
  return id
}

/** Every report, open ones first (oldest first), then resolved ones (newest first). */
export function listReports(db: Db) {
  return db.selectFrom('reports')
    .innerJoin('users as r', 'r.id', 'reports.recruiter_user_id')
    .leftJoin('organisations as o', 'o.id', 'r.organisation_id')
    .leftJoin('users as reporter', 'reporter.id', 'reports.reporter_user_id')
    .leftJoin('users as resolver', 'resolver.id', 'reports.resolved_by')
    .leftJoin('contact_requests as c', 'c.id', 'reports.contact_id')
    .select([
      'reports.id', 'reports.reason', 'reports.details', 'reports.created_at', 'reports.resolved_at', 'reports.resolution_note', 'reports.contact_id',
      'r.display_name as recruiter_name', 'o.name as organisation_name', 'reporter.display_name as reporter_name', 'resolver.display_name as resolver_name',
      'c.message as request_message', 'c.created_at as request_at', 'c.youth_user_id', 'c.recruiter_user_id',
    ])
    .orderBy((eb) => eb.case().when('reports.resolved_at', 'is', null).then(0).else(1).end())
    .orderBy('reports.created_at').execute()
}

export function listMessagesOf(db: Db, contactIds: string[]) {
  if (contactIds.length === 0) return Promise.resolve([])
  return db.selectFrom('contact_messages').select(['id', 'contact_id', 'sender_user_id', 'body', 'created_at'])
    .where('contact_id', 'in', contactIds).orderBy('created_at').orderBy('id').execute()
}

export function resolveReport(db: Db, reportId: string, by: string, note: string, at: string) {
  return db.updateTable('reports').set({ resolved_at: at, resolved_by: by, resolution_note: note })
    .where('id', '=', reportId).where('resolved_at', 'is', null).executeTakeFirst()
}

export function findReport(db: Db, reportId: string) {
  return db.selectFrom('reports').select(['id', 'resolved_at']).where('id', '=', reportId).executeTakeFirst()
}
