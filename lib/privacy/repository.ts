import type { Db } from '@/db/client'
import { eraseHolderDid } from '@/lib/dids/holder'

// Every query here is filtered by the young person's own id: an export or a deletion can never
// reach another person's rows. Secrets (password hash, token hashes, private keys) are never selected.

export function findAccount(db: Db, userId: string) {
  return db.selectFrom('users')
    .select(['id', 'username', 'display_name', 'email', 'role', 'did', 'locale', 'created_at', 'activated_at'])
    .where('id', '=', userId).executeTakeFirst()
}

export function findPasswordHash(db: Db, userId: string) {
  return db.selectFrom('users').select(['username', 'email', 'password_hash', 'did']).where('id', '=', userId).executeTakeFirst()
}

export async function loadPersonalData(db: Db, userId: string) {
  const [profile, goals, experiences, links, credentials, shares, pilots] = await Promise.all([
    db.selectFrom('profiles').selectAll().where('user_id', '=', userId).executeTakeFirst(),
    db.selectFrom('profile_goals').select(['occupation_uri', 'label', 'position', 'created_at']).where('user_id', '=', userId).orderBy('position').execute(),
    db.selectFrom('experiences').selectAll().where('user_id', '=', userId).orderBy('started_on', 'desc').execute(),
    db.selectFrom('credential_experiences').innerJoin('experiences', 'experiences.id', 'credential_experiences.experience_id')
      .select(['credential_experiences.credential_id', 'credential_experiences.experience_id'])
      .where('experiences.user_id', '=', userId).execute(),
    db.selectFrom('credentials')
      .leftJoin('organisations', 'organisations.id', 'credentials.issuer_organisation_id')
      .leftJoin('credential_status', 'credential_status.credential_id', 'credentials.id')
      .select([
        'credentials.id', 'credentials.origin', 'credentials.format', 'credentials.document', 'credentials.title', 'credentials.template_id',
        'credentials.language', 'credentials.subject_did', 'credentials.issuer_did', 'credentials.valid_from', 'credentials.valid_until',
        'credentials.created_at', 'credentials.hidden_at', 'credentials.imported_at', 'credentials.import_verification',
        'credentials.evidence_photo', 'credentials.evidence_photo_type',
        'organisations.name as organisation_name', 'organisations.slug as organisation_slug',
        'credential_status.revoked_at', 'credential_status.revoked_reason', 'credential_status.suspended_at', 'credential_status.suspended_reason',
      ])
      .where('credentials.holder_user_id', '=', userId)
      .orderBy('credentials.created_at').orderBy('credentials.id').execute(),
    db.selectFrom('shares')
      .select(['id', 'label', 'about', 'created_at', 'expires_at', 'revoked_at', 'view_count', 'last_viewed_at'])
      .where('holder_user_id', '=', userId).orderBy('created_at').execute(),
    db.selectFrom('pilot_members').innerJoin('pilot_actions', 'pilot_actions.id', 'pilot_members.pilot_id')
      .innerJoin('organisations', 'organisations.id', 'pilot_actions.organisation_id')
      .select(['pilot_actions.name', 'organisations.name as organisation_name', 'pilot_members.role', 'pilot_members.added_at'])
      .where('pilot_members.user_id', '=', userId).execute(),
  ])
  const shareIds = shares.map((s) => s.id)
  const [shareCredentials, shareSections] = shareIds.length === 0 ? [[], []] : await Promise.all([
    db.selectFrom('share_credentials').select(['share_id', 'credential_id', 'position']).where('share_id', 'in', shareIds).orderBy('position').execute(),
    db.selectFrom('share_sections').select(['share_id', 'section']).where('share_id', 'in', shareIds).execute(),
  ])
  return { profile, goals, experiences, links, credentials, shares, shareCredentials, shareSections, pilots }
}

export interface ErasureCounts {
  shares: number
  experiences: number
  importedCredentials: number
  issuedCredentialsUnlinked: number
  bulkRowsUnlinked: number
  privateKeys: number
}

/**
 * Erases a young person in ONE transaction (see docs/decisions/013): their own rows go, rows an
 * organisation must keep (issued credentials, bulk rows) lose the link to them, their holder key is erased.
 */
export async function eraseYoungPerson(db: Db, user: { id: string; username: string; email: string | null; did: string | null }): Promise<ErasureCounts> {
  return db.transaction().execute(async (trx) => {
    const shareIds = (await trx.selectFrom('shares').select('id').where('holder_user_id', '=', user.id).execute()).map((s) => s.id)
    if (shareIds.length) {
      await trx.deleteFrom('share_credentials').where('share_id', 'in', shareIds).execute()
      await trx.deleteFrom('share_sections').where('share_id', 'in', shareIds).execute()
      await trx.deleteFrom('shares').where('id', 'in', shareIds).execute()
    }
    const experienceIds = (await trx.selectFrom('experiences').select('id').where('user_id', '=', user.id).execute()).map((e) => e.id)
    if (experienceIds.length) await trx.deleteFrom('credential_experiences').where('experience_id', 'in', experienceIds).execute()
    await trx.deleteFrom('experiences').where('user_id', '=', user.id).execute()
    await trx.deleteFrom('profile_goals').where('user_id', '=', user.id).execute()
    await trx.deleteFrom('profiles').where('user_id', '=', user.id).execute()
    await trx.deleteFrom('pilot_members').where('user_id', '=', user.id).execute()
    await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute()
    await trx.deleteFrom('account_links').where('user_id', '=', user.id).execute()
    const limitKeys = [`sign-in:${user.username.toLowerCase()}`, ...(user.email ? [`sign-in:${user.email.toLowerCase()}`] : []), `delete-account:${user.id}`]
    await trx.deleteFrom('rate_limits').where('key', 'in', limitKeys).execute()

    // Imported credentials are the person's own copies: nobody here issued them, nothing else refers to them.
    const imported = (await trx.selectFrom('credentials').select('id')
      .where('holder_user_id', '=', user.id).where('issuer_organisation_id', 'is', null).execute()).map((c) => c.id)
    if (imported.length) {
      await trx.deleteFrom('credential_experiences').where('credential_id', 'in', imported).execute()
      await trx.deleteFrom('share_credentials').where('credential_id', 'in', imported).execute()
      await trx.deleteFrom('credentials').where('id', 'in', imported).execute()
    }
    // Issued credentials stay for the issuer's record and revocation, without the person.
    const unlinked = await trx.updateTable('credentials')
      .set({ holder_user_id: null, hidden_at: null, evidence_photo: null, evidence_photo_type: null })
      .where('holder_user_id', '=', user.id).executeTakeFirst()
    const bulk = await trx.updateTable('bulk_rows').set({ holder_user_id: null }).where('holder_user_id', '=', user.id).executeTakeFirst()

    const privateKeys = user.did ? await eraseHolderDid(trx, user.did) : 0
    await trx.deleteFrom('users').where('id', '=', user.id).execute()
    return {
      shares: shareIds.length, experiences: experienceIds.length, importedCredentials: imported.length,
      issuedCredentialsUnlinked: Number(unlinked.numUpdatedRows), bulkRowsUnlinked: Number(bulk.numUpdatedRows), privateKeys,
    }
  })
}
