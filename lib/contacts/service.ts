import { logConsent } from '@/lib/consent/repository'
import { AppError, ValidationError } from '@/lib/errors'
import type { Runtime } from '@/lib/runtime'
import { markTopicRead, notify } from '@/lib/notifications/service'
import { LIMITS } from '@/lib/security/limits'
import { hit, type RateLimit } from '@/lib/security/rate-limit'
import * as repo from './repository'
import { messageLimitKey } from './repository'
import type { BlockInput, DecideInput, ReportInput, SendMessageInput } from './schemas'

// Contacts between a recruiter and a young person who opted in to the directory (the request is
// made from the blind profile, lib/directory). The rules:
// - BLIND until accepted: nothing returned to a recruiter names the young person (display name,
//   username, e-mail, DID) before they accept; the directory handle stands in for them.
// - A thread exists only for an ACCEPTED request, and only its two parties read or write it.
// - The young person decides (accept, decline), may block the recruiter (declines a pending
//   request, stops messages both ways) and report them; each choice is logged in the consent log
//   in the same transaction.

export interface Actor { id: string; role: string }

/** Messages one person may send, across all their threads. */
export const MESSAGE_LIMIT: RateLimit = LIMITS.message

export type ContactStatus = 'pending' | 'accepted' | 'declined'

export interface YouthContactDto {
  id: string
  status: ContactStatus
  blocked: boolean
  recruiterName: string
  organisationName: string
  message: string
  createdAt: string
  decidedAt: string | null
  unread: number
}

/** What a recruiter sees of a request: the handle until the young person accepts, then their name. */
export interface RecruiterContactDto {
  id: string
  status: ContactStatus
  /** Accepted, then blocked by the young person: no more messages. */
  closed: boolean
  /** The directory pseudonym; null once the young person left the directory. */
  handle: string | null
  /** Only for an accepted request. */
  youthName: string | null
  message: string
  createdAt: string
  decidedAt: string | null
  unread: number
}

export type ContactListDto =
  | { viewer: 'youth'; contacts: YouthContactDto[]; unread: number }
  | { viewer: 'recruiter'; contacts: RecruiterContactDto[]; unread: number }

function assertParty(user: Actor): 'youth' | 'recruiter' {
  if (user.role !== 'youth' && user.role !== 'recruiter') throw new AppError('FORBIDDEN', 'Only young people and recruiters have contacts')
  return user.role
}

/** The signed-in person's contacts, newest first, with unread counts. */
export async function listContacts(rt: Pick<Runtime, 'db'>, user: Actor): Promise<ContactListDto> {
  if (assertParty(user) === 'youth') {
    const rows = await repo.listForYouth(rt.db, user.id)
    const contacts = rows.map((r): YouthContactDto => ({
      id: r.id, status: r.status as ContactStatus, blocked: r.blocked_at !== null, recruiterName: r.recruiter_name, organisationName: r.organisation_name,
      message: r.message, createdAt: r.created_at, decidedAt: r.decided_at, unread: r.unread,
    }))
    return { viewer: 'youth', contacts, unread: contacts.reduce((n, c) => n + c.unread, 0) }
  }
  const rows = await repo.listForRecruiter(rt.db, user.id)
  const contacts = rows.map((r): RecruiterContactDto => ({
    id: r.id, status: r.status as ContactStatus, closed: r.status === 'accepted' && r.blocked_at !== null, handle: r.handle,
    youthName: r.status === 'accepted' ? r.youth_name : null,
    message: r.message, createdAt: r.created_at, decidedAt: r.decided_at, unread: r.unread,
  }))
  return { viewer: 'recruiter', contacts, unread: contacts.reduce((n, c) => n + c.unread, 0) }
}

/** The young person's own request, or NOT_FOUND (another person's request looks like none). */
async function ownRequest(rt: Pick<Runtime, 'db'>, user: Actor, contactId: string) {
  if (user.role !== 'youth') throw new AppError('FORBIDDEN', 'Only the young person decides on a contact request')
  const contact = await repo.findContact(rt.db, contactId)
  if (!contact || contact.youth_user_id !== user.id) throw new AppError('NOT_FOUND', 'Contact request not found')
  return contact
}

async function organisationName(rt: Pick<Runtime, 'db'>, organisationId: string): Promise<string | null> {
  return (await rt.db.selectFrom('organisations').select('name').where('id', '=', organisationId).executeTakeFirst())?.name ?? null
}

/**
 * The young person accepts or declines a pending request; logged in the consent log, same transaction.
 * @throws AppError FORBIDDEN (not a young person), NOT_FOUND (not theirs), CONFLICT (already decided, or blocked).
 */
export async function decideRequest(rt: Pick<Runtime, 'db'>, user: Actor, input: DecideInput, now = new Date()): Promise<ContactStatus> {
  const contact = await ownRequest(rt, user, input.contactId)
  if (contact.status !== 'pending') throw new AppError('CONFLICT', 'This request was already answered')
  if (input.decision === 'accept' && (await repo.isBlocked(rt.db, user.id, contact.recruiter_user_id))) throw new AppError('CONFLICT', 'This recruiter is blocked')
  const status = input.decision === 'accept' ? 'accepted' : 'declined'
  const organisation = await organisationName(rt, contact.recruiter_organisation_id)
  const youthName = status === 'accepted' ? (await repo.findParties(rt.db, contact.id)).youth_name : ''
  await rt.db.transaction().execute(async (trx) => {
    const r = await repo.setDecision(trx, contact.id, status, now.toISOString())
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('CONFLICT', 'This request was already answered')
    await logConsent(trx, user.id, status === 'accepted' ? 'contact_accepted' : 'contact_declined', { contactId: contact.id, organisation }, now)
    // Blind until accepted: a declined request's notification names nobody.
    await notify(trx, status === 'accepted'
      ? { to: contact.recruiter_user_id, kind: 'contact_accepted', params: { name: youthName }, link: `/contacts/${contact.id}`, actor: user.id, topic: `contact:${contact.id}`, now }
      : { to: contact.recruiter_user_id, kind: 'contact_declined', params: {}, link: '/contacts', actor: user.id, topic: `contact:${contact.id}`, now })
  })
  return status
}

/**
 * Blocks the recruiter of one of the young person's requests: a pending request is declined,
 * no message goes either way any more, the recruiter no longer finds them in the directory.
 * Idempotent. @throws AppError FORBIDDEN, NOT_FOUND.
 */
export async function blockRecruiter(rt: Pick<Runtime, 'db'>, user: Actor, input: BlockInput, now = new Date()): Promise<void> {
  const contact = await ownRequest(rt, user, input.contactId)
  const organisation = await organisationName(rt, contact.recruiter_organisation_id)
  await rt.db.transaction().execute((trx) => block(trx, user.id, contact, organisation, now))
}

async function block(trx: Parameters<typeof repo.insertBlock>[0], youthId: string, contact: { id: string; recruiter_user_id: string }, organisation: string | null, now: Date) {
  const at = now.toISOString()
  if (!(await repo.insertBlock(trx, youthId, contact.recruiter_user_id, at))) return
  await repo.setDecision(trx, contact.id, 'declined', at)
  await logConsent(trx, youthId, 'recruiter_blocked', { contactId: contact.id, organisation }, now)
}

/**
 * The young person reports the recruiter of one of their requests to the admins, optionally
 * blocking them in the same transaction. @throws AppError FORBIDDEN, NOT_FOUND.
 */
export async function reportRecruiter(rt: Pick<Runtime, 'db'>, user: Actor, input: ReportInput, now = new Date()): Promise<string> {
  const contact = await ownRequest(rt, user, input.contactId)
  const organisation = input.block ? await organisationName(rt, contact.recruiter_organisation_id) : null
  return rt.db.transaction().execute(async (trx) => {
    const id = await repo.insertReport(trx, { reporterId: user.id, recruiterId: contact.recruiter_user_id, contactId: contact.id, reason: input.reason, details: input.details, at: now.toISOString() })
    if (input.block) await block(trx, user.id, contact, organisation, now)
    return id
  })
}

export interface MessageDto { id: string; mine: boolean; body: string; createdAt: string; readAt: string | null }

export interface ThreadDto {
  id: string
  viewer: 'youth' | 'recruiter'
  /** The other party: the recruiter's name for the young person, the young person's for the recruiter. */
  otherName: string
  organisationName: string
  requestMessage: string
  requestedAt: string
  acceptedAt: string | null
  /** False once the young person blocked the recruiter: nothing more can be sent. */
  open: boolean
  messages: MessageDto[]
}

/** One of the two parties of an ACCEPTED contact; anyone else gets NOT_FOUND (FORBIDDEN for other roles). */
async function acceptedContactOf(rt: Pick<Runtime, 'db'>, user: Actor, contactId: string) {
  const viewer = assertParty(user)
  const contact = await repo.findContact(rt.db, contactId)
  const party = viewer === 'youth' ? contact?.youth_user_id : contact?.recruiter_user_id
  if (!contact || party !== user.id || contact.status !== 'accepted') throw new AppError('NOT_FOUND', 'Conversation not found')
  return { contact, viewer }
}

/** The thread of an accepted contact, oldest message first; marks the other party's messages read. */
export async function openThread(rt: Pick<Runtime, 'db'>, user: Actor, contactId: string, now = new Date()): Promise<ThreadDto> {
  const { contact, viewer } = await acceptedContactOf(rt, user, contactId)
  await repo.markRead(rt.db, contact.id, user.id, now.toISOString())
  await markTopicRead(rt.db, user.id, `contact:${contact.id}`, now)
  const [parties, messages, blocked] = await Promise.all([
    repo.findParties(rt.db, contact.id), repo.listMessages(rt.db, contact.id), repo.isBlocked(rt.db, contact.youth_user_id, contact.recruiter_user_id),
  ])
  return {
    id: contact.id, viewer,
    otherName: viewer === 'youth' ? parties.recruiter_name : parties.youth_name,
    organisationName: parties.organisation_name,
    requestMessage: contact.message, requestedAt: contact.created_at, acceptedAt: contact.decided_at, open: !blocked,
    messages: messages.map((m) => ({ id: m.id, mine: m.sender_user_id === user.id, body: m.body, createdAt: m.created_at, readAt: m.read_at })),
  }
}

/**
 * Sends a plain-text message in an accepted, unblocked thread.
 * @throws AppError NOT_FOUND (not a party / not accepted), FORBIDDEN (blocked; recruiter's organisation
 *   not approved; other roles), ValidationError `form: tooManyMessages`.
 */
export async function sendMessage(rt: Pick<Runtime, 'db'>, user: Actor, input: SendMessageInput, now = new Date()): Promise<string> {
  const { contact, viewer } = await acceptedContactOf(rt, user, input.contactId)
  if (await repo.isBlocked(rt.db, contact.youth_user_id, contact.recruiter_user_id)) throw new AppError('FORBIDDEN', 'This conversation is closed')
  if (viewer === 'recruiter') {
    const org = await rt.db.selectFrom('organisations').select('status').where('id', '=', contact.recruiter_organisation_id).executeTakeFirst()
    if (org?.status !== 'approved') throw new AppError('FORBIDDEN', 'The recruiter’s organisation is not approved')
  }
  if (!(await hit(rt, messageLimitKey(user.id), MESSAGE_LIMIT, now)).allowed) {
    throw new ValidationError('Too many messages', [{ path: 'form', message: 'tooManyMessages' }])
  }
  const id = await repo.insertMessage(rt.db, { contactId: contact.id, senderId: user.id, body: input.body, at: now.toISOString() })
  const parties = await repo.findParties(rt.db, contact.id)
  await notify(rt.db, {
    to: viewer === 'youth' ? contact.recruiter_user_id : contact.youth_user_id, kind: 'contact_message',
    params: { name: viewer === 'youth' ? parties.youth_name : parties.organisation_name }, link: `/contacts/${contact.id}`, actor: user.id, topic: `contact:${contact.id}`, now,
  })
  return id
}
