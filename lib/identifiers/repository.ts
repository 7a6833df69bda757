import type { Db } from '@/db/client'

// Linked identifiers and the challenges that prove them (docs/decisions/021). Every query that a
// young person's request reaches is filtered by their user id: a challenge or a link of someone
// else's is simply not found.

/** The rate-limit key of a young person's link attempts (erased with the account). */
export const linkLimitKey = (userId: string) => `link:${userId}`

export interface NewChallenge {
  id: string
  user_id: string
  did: string
  challenge_hash: string
  created_at: string
  expires_at: string
}

/** How many open challenges a young person may hold at once (several tabs); older ones are dropped. */
export const OPEN_CHALLENGES_MAX = 5

/** Stores a challenge, dropping this user's expired or used ones and the oldest beyond the cap. */
export async function insertChallenge(db: Db, row: NewChallenge): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('link_challenges').where('user_id', '=', row.user_id)
      .where((eb) => eb.or([eb('expires_at', '<=', row.created_at), eb('used_at', 'is not', null)])).execute()
    const older = await trx.selectFrom('link_challenges').select('id').where('user_id', '=', row.user_id)
      .orderBy('created_at', 'desc').orderBy('id').limit(1000).offset(OPEN_CHALLENGES_MAX - 1).execute()
    if (older.length) await trx.deleteFrom('link_challenges').where('id', 'in', older.map((o) => o.id)).execute()
    await trx.insertInto('link_challenges').values(row).execute()
  })
}

export function findChallenge(db: Db, userId: string, id: string) {
  return db.selectFrom('link_challenges').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst()
}

export interface NewLink {
  id: string
  user_id: string
  did: string
  presentation: string
  presentation_hash: string
  linked_at: string
}

/**
 * Uses the challenge and records the link, at once. @returns 'used' when the challenge was used
 * (or expired) meanwhile, 'taken' when the DID is linked already (to this account or another), else 'linked'.
 */
export async function consumeChallengeAndLink(db: Db, challengeId: string, link: NewLink): Promise<'linked' | 'used' | 'taken'> {
  return db.transaction().execute(async (trx) => {
    const used = await trx.updateTable('link_challenges').set({ used_at: link.linked_at })
      .where('id', '=', challengeId).where('user_id', '=', link.user_id)
      .where('used_at', 'is', null).where('expires_at', '>', link.linked_at)
      .executeTakeFirst()
    if (Number(used.numUpdatedRows) !== 1) return 'used'
    const inserted = await trx.insertInto('linked_identifiers').values(link)
      .onConflict((oc) => oc.column('did').doNothing()).executeTakeFirst()
    // The challenge stays used either way: it was answered once.
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1 ? 'linked' : 'taken'
  })
}

export function listLinks(db: Db, userId: string) {
  return db.selectFrom('linked_identifiers').select(['did', 'presentation', 'presentation_hash', 'linked_at'])
    .where('user_id', '=', userId).orderBy('linked_at').orderBy('did').execute()
}

export function findLinkOwner(db: Db, did: string) {
  return db.selectFrom('linked_identifiers').select('user_id').where('did', '=', did).executeTakeFirst()
}

/** @returns how many rows went (0 when the DID is not linked to this user). */
export async function deleteLink(db: Db, userId: string, did: string): Promise<number> {
  const r = await db.deleteFrom('linked_identifiers').where('user_id', '=', userId).where('did', '=', did).executeTakeFirst()
  return Number(r.numDeletedRows)
}

/** The identifiers linked to the account whose holder DID is `holderDid`. */
export async function findLinkedDidsOfHolder(db: Db, holderDid: string): Promise<string[]> {
  const rows = await db.selectFrom('linked_identifiers').innerJoin('users', 'users.id', 'linked_identifiers.user_id')
    .select('linked_identifiers.did').where('users.did', '=', holderDid).orderBy('linked_identifiers.did').execute()
  return rows.map((r) => r.did)
}

/** Whether `did` is some account's own holder DID here (such a DID is never linked to another account). */
export async function isHolderDidOfSomeone(db: Db, did: string): Promise<boolean> {
  return Boolean(await db.selectFrom('users').select('id').where('did', '=', did).executeTakeFirst())
}
