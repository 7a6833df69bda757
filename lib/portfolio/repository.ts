import type { Db } from '@/db/client'
import type { ProfileSection } from '@/db/enums'

// Portfolio shares: a share's token is found by its SHA-256 only; it is kept besides that only
// encrypted (token_ciphertext, lib/portfolio/token-seal.ts), to be shown again to its holder.
// Every holder-side query is filtered by holder; the public side finds a share by its token hash only.

export interface NewShare {
  id: string
  holder_user_id: string
  token_hash: string
  token_ciphertext: string
  label: string
  about: string
  created_at: string
  expires_at: string
}

/** The share, its credentials (in the chosen order) and its profile sections, all or nothing. */

export async function insertShare(db: Db, share: NewShare, credentialIds: string[], sections: readonly ProfileSection[] = []): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('shares').values(share).execute()
    await trx.insertInto('share_credentials')
      .values(credentialIds.map((credential_id, position) => ({ share_id: share.id, credential_id, position })))
      .execute()
    if (sections.length) await trx.insertInto('share_sections').values(sections.map((section) => ({ share_id: share.id, section }))).execute()
  })
}

function holderSharesQuery(db: Db, holderId: string) {
  return db.selectFrom('shares')
    .select(['id', 'label', 'created_at', 'expires_at', 'revoked_at', 'view_count', 'last_viewed_at'])
    .select((eb) => eb('token_ciphertext', 'is not', null).as('token_kept'))
    .select((eb) => eb.selectFrom('share_credentials').select((e) => e.fn.countAll<number | string>().as('n'))
      .whereRef('share_credentials.share_id', '=', 'shares.id').as('credential_count'))
    .where('holder_user_id', '=', holderId)
}

export function listHolderShares(db: Db, holderId: string) {
  return holderSharesQuery(db, holderId).orderBy('created_at', 'desc').execute()
}

/** One of the holder's shares with what is needed to show its link again (the token's ciphertext, never the token). */
export function findHolderShareToShow(db: Db, holderId: string, id: string) {
  return holderSharesQuery(db, holderId).select(['token_hash', 'token_ciphertext']).where('id', '=', id).executeTakeFirst()
}

/** @returns how many rows changed: 0 when the share is not this holder's or already revoked. */
export async function revokeShare(db: Db, holderId: string, id: string, now: string): Promise<number> {
  const r = await db.updateTable('shares').set({ revoked_at: now })
    .where('id', '=', id).where('holder_user_id', '=', holderId).where('revoked_at', 'is', null)
    .executeTakeFirst()
  return Number(r.numUpdatedRows)
}

export function findHolderShare(db: Db, holderId: string, id: string) {
  return db.selectFrom('shares').select(['id', 'revoked_at']).where('id', '=', id).where('holder_user_id', '=', holderId).executeTakeFirst()
}

/** What one of the holder's shares showed (credentials in order, sections, words), to make a new share like it. */
export async function findHolderShareContent(db: Db, holderId: string, id: string) {
  const share = await db.selectFrom('shares').select(['id', 'label', 'about']).where('id', '=', id).where('holder_user_id', '=', holderId).executeTakeFirst()
  if (!share) return undefined
  const [credentials, sections] = await Promise.all([
    db.selectFrom('share_credentials').select('credential_id').where('share_id', '=', id).orderBy('position').execute(),
    db.selectFrom('share_sections').select('section').where('share_id', '=', id).execute(),
  ])
  return { ...share, credentialIds: credentials.map((c) => c.credential_id), sections: sections.map((s) => s.section) }
}

/** A share by its token's hash, with its holder's name and DID. */
export function findShareByTokenHash(db: Db, tokenHash: string) {
  return db.selectFrom('shares')
    .innerJoin('users', 'users.id', 'shares.holder_user_id')
    .select(['shares.id', 'shares.holder_user_id', 'shares.about', 'shares.expires_at', 'shares.revoked_at', 'users.display_name', 'users.did'])
    .where('shares.token_hash', '=', tokenHash)
    .executeTakeFirst()
}

/** The shared credentials still in the holder's wallet and not hidden, in the share's order. */
export function listSharedCredentials(db: Db, shareId: string, holderId: string) {
  return db.selectFrom('share_credentials')
    .innerJoin('credentials', 'credentials.id', 'share_credentials.credential_id')
    .select(['credentials.id', 'credentials.template_id', 'credentials.format', 'credentials.document', 'credentials.language', 'credentials.hidden_at', 'credentials.evidence_photo_type'])
    .where('share_credentials.share_id', '=', shareId)
    .where('credentials.holder_user_id', '=', holderId)
    .where('credentials.hidden_at', 'is', null)
    .orderBy('share_credentials.position')
    .execute()
}

export function findSharedPhoto(db: Db, shareId: string, holderId: string, credentialId: string) {
  return db.selectFrom('share_credentials')
    .innerJoin('credentials', 'credentials.id', 'share_credentials.credential_id')
    .select(['credentials.evidence_photo', 'credentials.evidence_photo_type'])
    .where('share_credentials.share_id', '=', shareId)
    .where('share_credentials.credential_id', '=', credentialId)
    .where('credentials.holder_user_id', '=', holderId)
    .where('credentials.hidden_at', 'is', null)
    .executeTakeFirst()
}

export async function recordView(db: Db, shareId: string, now: string): Promise<void> {
  await db.updateTable('shares')
    .set((eb) => ({ view_count: eb('view_count', '+', 1), last_viewed_at: now }))
    .where('id', '=', shareId)
    .execute()
}
