import type { Db } from '@/db/client'
import type { Insertable } from 'kysely'
import type { AccountLinksTable, Database } from '@/db/schema'
import type { Transaction } from 'kysely'

type Conn = Db | Transaction<Database>

export async function insertAccountLink(db: Conn, row: Insertable<AccountLinksTable>) {
  await db.insertInto('account_links').values(row).execute()
}

/** A link by its token's hash, with the person (activation) and organisation (invitation) it names. */
export function findAccountLinkByHash(db: Conn, tokenHash: string) {
  return db.selectFrom('account_links')
    .leftJoin('users', 'users.id', 'account_links.user_id')
    .leftJoin('organisations', 'organisations.id', 'account_links.organisation_id')
    .select([
      'account_links.id', 'account_links.purpose', 'account_links.user_id', 'account_links.organisation_id',
      'account_links.role', 'account_links.email', 'account_links.expires_at', 'account_links.used_at',
      'users.display_name', 'users.username', 'users.activated_at', 'organisations.name as organisation_name',
    ])
    .where('account_links.token_hash', '=', tokenHash)
    .executeTakeFirst()
}

/**
 * Marks a link used if, and only if, it is still unused and unexpired: the single-use guarantee
 * holds even when two requests race. @returns whether this call consumed it.
 */
export async function consumeAccountLink(db: Conn, id: string, now: string): Promise<boolean> {
  const result = await db.updateTable('account_links').set({ used_at: now })
    .where('id', '=', id).where('used_at', 'is', null).where('expires_at', '>', now)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Removes a young person's unused activation links (a new one replaces them, or they activated). */
export async function deleteOpenActivationLinks(db: Conn, userId: string) {
  await db.deleteFrom('account_links')
    .where('user_id', '=', userId).where('purpose', '=', 'activation').where('used_at', 'is', null)
    .execute()
}

export async function setPassword(db: Conn, userId: string, passwordHash: string, now: string) {
  await db.updateTable('users').set({ password_hash: passwordHash, activated_at: now }).where('id', '=', userId).execute()
}

export async function deleteUser(db: Conn, userId: string) {
  await db.deleteFrom('users').where('id', '=', userId).execute()
}

export async function usernameTaken(db: Conn, username: string): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase())).executeTakeFirst()
  return Boolean(row)
}

export async function emailTaken(db: Conn, email: string): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase())).executeTakeFirst()
  return Boolean(row)
}

/** Usernames that start with `base` (to pick the next free suffix). */
export async function usernamesStartingWith(db: Conn, base: string): Promise<string[]> {
  const rows = await db.selectFrom('users').select('username').where('username', 'like', `${base}%`).execute()
  return rows.map((r) => r.username)
}

/** Pending invitations (unused, unexpired), newest first; for one organisation or all. */
export function listPendingInvitations(db: Conn, { organisationId, now }: { organisationId?: string; now: string }) {
  let q = db.selectFrom('account_links')
    .innerJoin('organisations', 'organisations.id', 'account_links.organisation_id')
    .leftJoin('users as creator', 'creator.id', 'account_links.created_by')
    .select([
      'account_links.id', 'account_links.role', 'account_links.email', 'account_links.created_at', 'account_links.expires_at',
      'organisations.id as organisation_id', 'organisations.name as organisation_name', 'creator.display_name as created_by_name',
    ])
    .where('account_links.purpose', '=', 'invitation')
    .where('account_links.used_at', 'is', null)
    .where('account_links.expires_at', '>', now)
  if (organisationId) q = q.where('account_links.organisation_id', '=', organisationId)
  return q.orderBy('account_links.created_at', 'desc').execute()
}

export function findInvitationById(db: Conn, id: string) {
  return db.selectFrom('account_links').select(['id', 'organisation_id', 'used_at'])
    .where('id', '=', id).where('purpose', '=', 'invitation').executeTakeFirst()
}

export async function deleteAccountLink(db: Conn, id: string) {
  await db.deleteFrom('account_links').where('id', '=', id).execute()
}

/**
 * The young people an organisation accompanies: those it onboarded, and those who already hold one
 * of its credentials (an employer tutor attests a young person another organisation onboarded).
 */
function youngPeopleOf(db: Conn, organisationId: string) {
  return db.selectFrom('users')
    .where('users.role', '=', 'youth')
    .where((eb) => eb.or([
      eb('users.organisation_id', '=', organisationId),
      eb.exists(eb.selectFrom('credentials').select('credentials.id')
        .whereRef('credentials.holder_user_id', '=', 'users.id')
        .where('credentials.issuer_organisation_id', '=', organisationId)),
    ]))
}

/** With the number of credentials this organisation issued them and their open activation link. */
export function listYoungPeopleOf(db: Conn, organisationId: string, now: string) {
  return youngPeopleOf(db, organisationId)
    .select((eb) => [
      'users.id', 'users.display_name', 'users.username', 'users.email', 'users.did', 'users.activated_at',
      'users.created_at', 'users.organisation_id',
      eb.selectFrom('credentials').select((c) => c.fn.countAll<number | string>().as('n'))
        .whereRef('credentials.holder_user_id', '=', 'users.id')
        .where('credentials.issuer_organisation_id', '=', organisationId).as('credential_count'),
      eb.selectFrom('account_links').select((l) => l.fn.max('account_links.expires_at').as('e'))
        .whereRef('account_links.user_id', '=', 'users.id')
        .where('account_links.purpose', '=', 'activation').where('account_links.used_at', 'is', null)
        .where('account_links.expires_at', '>', now).as('link_expires_at'),
    ])
    .orderBy('users.display_name')
    .execute()
}

export function findYoungPersonOf(db: Conn, organisationId: string, userId: string) {
  return youngPeopleOf(db, organisationId)
    .select(['users.id', 'users.display_name', 'users.username', 'users.did', 'users.activated_at', 'users.organisation_id'])
    .where('users.id', '=', userId)
    .executeTakeFirst()
}
