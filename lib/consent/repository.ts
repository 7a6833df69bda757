import { randomUUID } from 'node:crypto'
import type { Transaction } from 'kysely'
import type { Db } from '@/db/client'
import type { Database } from '@/db/schema'

// The consent log: what a young person agreed to or withdrew, and when. Written in the same
// transaction as the change it records, so the log and the state never disagree.

import { CONSENT_KINDS, type ConsentKind } from '@/db/enums'
export { CONSENT_KINDS, type ConsentKind }

/** `detail`: what it was about (a contact request id, the recruiter's organisation) — never a secret. */
export async function logConsent(db: Db | Transaction<Database>, userId: string | null, kind: ConsentKind, detail?: Record<string, unknown>, at = new Date()): Promise<void> {
  await db.insertInto('consent_events').values({ id: randomUUID(), user_id: userId, kind, detail: detail ? JSON.stringify(detail) : null, at: at.toISOString() }).execute()
}

/** A young person's own log, oldest first. */
export function listConsentEvents(db: Db, userId: string) {
  return db.selectFrom('consent_events').select(['id', 'kind', 'detail', 'at']).where('user_id', '=', userId).orderBy('at').orderBy('id').execute()
}
