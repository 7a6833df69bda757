import { z } from 'zod'
import type { NotificationKind as StoredKind } from '@/db/enums'

// What a notification can be about (issue 12 §5). Each kind has its text in
// messages/*/notifications.json `kinds.<kind>`, filled with the params listed here.

export const NOTIFICATION_KINDS = {
  /** To a young person: a recruiter asks to contact them. */
  contact_request: ['organisation'],
  /** To a recruiter: the young person accepted (their name may be said from now on). */
  contact_accepted: ['name'],
  /** To a recruiter: the young person declined (blind: no name). */
  contact_declined: [],
  /** To either party of an accepted contact: a new message. */
  contact_message: ['name'],
  /** To a counsellor or tutor: a young person asks them to attest a story. */
  story_request: ['name', 'skill'],
  /** To the attester: the young person answered their proposal (the story is back with them). */
  story_answered: ['name', 'skill'],
  /** To a young person: the attester proposes changes to their story. */
  story_proposal: ['name', 'skill'],
  /** To a young person: the attester declined their story. */
  story_declined: ['name', 'skill'],
  /** To a young person: the attester attested their story (it is a badge in the wallet now). */
  story_attested: ['name', 'skill'],
  /** To a young person: a new badge in their wallet. */
  badge: ['title', 'organisation'],
  /** To a young person: an organisation offers them a badge (decision 020). */
  offer: ['organisation'],
// Exactly the kinds notifications.kind may hold (db/enums.ts, its CHECK constraint: decision 037).
} as const satisfies Record<StoredKind, readonly string[]>

export type NotificationKind = keyof typeof NOTIFICATION_KINDS
export type NotificationParams = Record<string, string>

export const isNotificationKind = (k: string): k is NotificationKind => Object.hasOwn(NOTIFICATION_KINDS, k)

/** Rows per page of the list; pages beyond MAX_PAGE are not shown (the list is bounded). */
export const PAGE_SIZE = 20
export const MAX_PAGE = 25
/** The counter stops counting here ("99+"). */
export const UNREAD_CAP = 100
/** A stored param is cut to this length (names and titles, never free text). */
export const PARAM_MAX = 200

export const NotificationIdSchema = z.string().trim().min(1).max(100)
export const PageSchema = z.coerce.number().int().min(1).max(MAX_PAGE).catch(1)

/** An in-app path only: one leading slash, no scheme, no `//host`, no backslash. */
export function isInAppPath(link: string): boolean {
  return /^\/(?![/\\])[^\s\\]*$/.test(link) && link.length <= 2000
}
