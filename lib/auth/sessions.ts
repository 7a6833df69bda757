import { randomBytes, randomUUID } from 'node:crypto'
import { hashToken } from '@/lib/security/tokens'
import type { Runtime } from '@/lib/runtime'
import type { Role } from './service'

export const SESSION_COOKIE = 'tremplin_session'
/** A session lasts 7 days from its last use (renewed at most once an hour). */
export const SESSION_TTL_MS = 7 * 24 * 3600 * 1000
const RENEW_AFTER_MS = 3600 * 1000

export interface SessionUser {
  id: string
  username: string
  displayName: string
  role: Role
  organisationId: string | null
  organisationName: string | null
  did: string | null
  locale: string
}


/** A new session: a 256-bit random token for the cookie; only its hash is stored. */
export async function createSession(rt: Pick<Runtime, 'db'>, userId: string, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url')
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS)
  await rt.db.insertInto('sessions').values({
    id: randomUUID(), token_hash: hashToken(token), user_id: userId,
    created_at: now.toISOString(), expires_at: expiresAt.toISOString(), last_seen_at: now.toISOString(),
  }).execute()
  return { token, expiresAt }
}

/** The user behind a session token, or undefined (unknown or expired: an expired one is deleted). */
export async function findSessionUser(rt: Pick<Runtime, 'db'>, token: string | undefined, now = new Date()): Promise<SessionUser | undefined> {
  if (!token || token.length > 100) return undefined
  const row = await rt.db.selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .leftJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select(['sessions.id as session_id', 'sessions.expires_at', 'sessions.last_seen_at', 'users.id', 'users.username', 'users.display_name', 'users.role', 'users.organisation_id', 'users.did', 'users.locale', 'organisations.name as organisation_name'])
    .where('sessions.token_hash', '=', hashToken(token))
    .executeTakeFirst()
  if (!row) return undefined
  if (new Date(row.expires_at).getTime() <= now.getTime()) {
    await rt.db.deleteFrom('sessions').where('id', '=', row.session_id).execute()
    return undefined
  }
  if (now.getTime() - new Date(row.last_seen_at).getTime() > RENEW_AFTER_MS) {
    await rt.db.updateTable('sessions')
      .set({ last_seen_at: now.toISOString(), expires_at: new Date(now.getTime() + SESSION_TTL_MS).toISOString() })
      .where('id', '=', row.session_id).execute()
  }
  return {
    id: row.id, username: row.username, displayName: row.display_name, role: row.role,
    organisationId: row.organisation_id, organisationName: row.organisation_name ?? null, did: row.did, locale: row.locale,
  }
}

export async function deleteSession(rt: Pick<Runtime, 'db'>, token: string | undefined): Promise<void> {
  if (token) await rt.db.deleteFrom('sessions').where('token_hash', '=', hashToken(token)).execute()
}

/** Signs a user out everywhere (after a password change, an account deletion). */
export async function deleteUserSessions(rt: Pick<Runtime, 'db'>, userId: string): Promise<void> {
  await rt.db.deleteFrom('sessions').where('user_id', '=', userId).execute()
}

/** Deletes every session past its expiry (lib/security/limits.ts purges them with old counters); how many. */
export async function deleteExpiredSessions(rt: Pick<Runtime, 'db'>, now = new Date()): Promise<number> {
  const done = await rt.db.deleteFrom('sessions').where('expires_at', '<=', now.toISOString()).executeTakeFirst()
  return Number(done.numDeletedRows)
}
