import { randomUUID } from 'node:crypto'
import type { Transaction } from 'kysely'
import type { Db } from '@/db/client'
import type { Database } from '@/db/schema'
import { AppError } from '@/lib/errors'
import type { Runtime } from '@/lib/runtime'
import * as repo from './repository'
import {
  isInAppPath, isNotificationKind, MAX_PAGE, NOTIFICATION_KINDS, PAGE_SIZE, PARAM_MAX, UNREAD_CAP,
  type NotificationKind, type NotificationParams,
} from './schemas'
import { logger } from '@/lib/log'

// Notifications in the app (issue 12 §5, decision 025). The services where things happen call
// `notify` — inside their transaction when they have one, right after otherwise — and it never
// makes them fail: inside a transaction it writes under a SAVEPOINT and rolls only that back on
// an error; outside one it catches. The text is not stored: kind + params are, and the page
// builds the sentence in the reader's language. A reader sees and marks only their own rows.

type Q = Db | Transaction<Database>
interface Actor { id: string }

interface NotifyBase {
  /** The reader. */
  to: string
  /** Where opening it leads: an in-app path. */
  link: string
  /** Whose action caused it (its notifications go when that account is erased). */
  actor?: string | null
  /** One unread notification per topic and reader (a conversation, a credential). */
  topic?: string
  now?: Date
}
/** One kind with exactly the params its text needs. */
export type NotifyInput = { [K in NotificationKind]: NotifyBase & { kind: K; params: Record<(typeof NOTIFICATION_KINDS)[K][number], string> } }[NotificationKind]

/** Records a notification. Never throws: a notification never makes the event that causes it fail. */
export async function notify(db: Q, input: NotifyInput): Promise<void> {
  const params: NotificationParams = {}
  for (const key of NOTIFICATION_KINDS[input.kind] as readonly string[]) params[key] = String((input.params as NotificationParams)[key] ?? '').slice(0, PARAM_MAX)
  const row: repo.NewNotification = {
    id: randomUUID(), user_id: input.to, actor_user_id: input.actor ?? null, kind: input.kind, params: JSON.stringify(params),
    link: isInAppPath(input.link) ? input.link : '/notifications', topic: input.topic ?? null, created_at: (input.now ?? new Date()).toISOString(),
  }
  if (!db.isTransaction) {
    await repo.insertNotification(db, row).catch((e) => warn(input.kind, e))
    return
  }
  // Inside the event's transaction: a failed write must not abort it (PostgreSQL aborts a whole
  // transaction on a failed statement unless it was under a savepoint).
  await repo.insertNotificationUnderSavepoint(db, row).catch((e) => warn(input.kind, e))
}

function warn(kind: string, e: unknown) {
  logger().warn({ kind, error: e instanceof Error ? e.message : String(e) }, 'a notification could not be recorded (the event itself went through)')
}

/** Marks the reader's unread notifications of one topic read (they opened the conversation another way). Never throws. */
export async function markTopicRead(db: Q, userId: string, topic: string, now = new Date()): Promise<void> {
  await repo.markTopicRead(db, userId, topic, now.toISOString()).catch((e) => warn('topic', e))
}

export interface NotificationDto {
  id: string
  /** A known kind, or 'other' for a row this version does not know. */
  kind: NotificationKind | 'other'
  params: NotificationParams
  link: string
  createdAt: string
  read: boolean
}

function parseParams(kind: NotificationKind, text: string): NotificationParams {
  let stored: unknown
  try { stored = JSON.parse(text) } catch { stored = {} }
  const params: NotificationParams = {}
  for (const key of NOTIFICATION_KINDS[kind] as readonly string[]) {
    const v = (stored as Record<string, unknown> | null)?.[key]
    params[key] = typeof v === 'string' ? v : ''
  }
  return params
}

function toDto(r: Awaited<ReturnType<typeof repo.listPage>>[number]): NotificationDto {
  const known = isNotificationKind(r.kind)
  return {
    id: r.id, kind: known ? r.kind as NotificationKind : 'other', params: known ? parseParams(r.kind as NotificationKind, r.params) : {},
    link: isInAppPath(r.link) ? r.link : '/notifications', createdAt: r.created_at, read: r.read_at !== null,
  }
}

export interface NotificationPageDto {
  items: NotificationDto[]
  page: number
  hasMore: boolean
  /** Unread, counted up to UNREAD_CAP. */
  unread: number
}

/** One page of the reader's notifications, newest first (pages 1 to MAX_PAGE). */
export async function listNotifications(rt: Pick<Runtime, 'db'>, user: Actor, page = 1): Promise<NotificationPageDto> {
  const p = Math.min(Math.max(1, Math.floor(page) || 1), MAX_PAGE)
  const [rows, unread] = await Promise.all([repo.listPage(rt.db, user.id, PAGE_SIZE, (p - 1) * PAGE_SIZE), repo.countUnread(rt.db, user.id, UNREAD_CAP)])
  return { items: rows.slice(0, PAGE_SIZE).map(toDto), page: p, hasMore: rows.length > PAGE_SIZE && p < MAX_PAGE, unread }
}

/** The header's counter: the reader's unread notifications, up to UNREAD_CAP. */
export function countUnread(rt: Pick<Runtime, 'db'>, user: Actor): Promise<number> {
  return repo.countUnread(rt.db, user.id, UNREAD_CAP)
}

/**
 * Opens one of the reader's notifications: marks it read, returns where it leads.
 * @throws AppError NOT_FOUND for an id that is not the reader's (the same as one that does not exist).
 */
export async function openNotification(rt: Pick<Runtime, 'db'>, user: Actor, id: string, now = new Date()): Promise<{ link: string }> {
  const row = await repo.findOwn(rt.db, user.id, id)
  if (!row) throw new AppError('NOT_FOUND', 'No such notification')
  if (!row.read_at) await repo.markRead(rt.db, user.id, id, now.toISOString())
  return { link: isInAppPath(row.link) ? row.link : '/notifications' }
}

/** Marks every notification of the reader read; returns how many were unread. */
export function markAllRead(rt: Pick<Runtime, 'db'>, user: Actor, now = new Date()): Promise<number> {
  return repo.markAllRead(rt.db, user.id, now.toISOString())
}

/** The privacy export's part: everything the person reads here, oldest first. */
export async function exportNotifications(db: Db, userId: string) {
  const rows = await repo.listAllOf(db, userId)
  return rows.map((r) => ({ kind: r.kind, details: safeJson(r.params), link: r.link, createdAt: r.created_at, readAt: r.read_at }))
}

function safeJson(text: string): unknown {
  try { return JSON.parse(text) } catch { return text }
}

export { MAX_PAGE, PAGE_SIZE, UNREAD_CAP }
