import type { Db } from '@/db/client'
import { accountSignInKey } from '@/lib/auth/sign-in'
import { logConsent } from '@/lib/consent/repository'
import { messageLimitKey } from '@/lib/contacts/repository'
import { eraseHolderDid } from '@/lib/dids/holder'
import { linkLimitKey } from '@/lib/identifiers/repository'
import { deleteAllOf as eraseNotificationsOf } from '@/lib/notifications/repository'

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

/** The other identifiers the person proved to control (decision 021), with the presentation that proved it. */
export function loadLinkedIdentifiers(db: Db, userId: string) {
  return db.selectFrom('linked_identifiers').select(['did', 'linked_at', 'presentation', 'presentation_hash'])
    .where('user_id', '=', userId).orderBy('linked_at').orderBy('did').execute()
}

/** The network part: skill stories, the directory entry, contacts and their messages, blocks, reports made, the consent log. */
export async function loadNetworkData(db: Db, userId: string) {
  const [stories, directory, contacts, blocks, reports, consent] = await Promise.all([
    db.selectFrom('skill_stories')
      .leftJoin('users as attester', 'attester.id', 'skill_stories.attester_user_id')
      .leftJoin('organisations', 'organisations.id', 'skill_stories.attester_organisation_id')
      .select([
        'skill_stories.id', 'skill_stories.skill_uri', 'skill_stories.skill_label', 'skill_stories.situation', 'skill_stories.what_i_did', 'skill_stories.outcome',
        'skill_stories.experience_id', 'skill_stories.status', 'skill_stories.proposal', 'skill_stories.decline_message', 'skill_stories.credential_id',
        'skill_stories.evidence_level', 'skill_stories.created_at', 'skill_stories.updated_at', 'skill_stories.requested_at', 'skill_stories.decided_at',
        'attester.display_name as attester_name', 'organisations.name as attester_organisation',
      ])
      .where('skill_stories.youth_user_id', '=', userId).orderBy('skill_stories.created_at').execute(),
    db.selectFrom('directory_entries').select(['handle', 'opted_in_at']).where('user_id', '=', userId).executeTakeFirst(),
    db.selectFrom('contact_requests')
      .innerJoin('users as r', 'r.id', 'contact_requests.recruiter_user_id')
      .innerJoin('organisations', 'organisations.id', 'contact_requests.recruiter_organisation_id')
      .select(['contact_requests.id', 'contact_requests.message', 'contact_requests.status', 'contact_requests.created_at', 'contact_requests.decided_at', 'r.display_name as recruiter_name', 'organisations.name as organisation_name'])
      .where('contact_requests.youth_user_id', '=', userId).orderBy('contact_requests.created_at').execute(),
    db.selectFrom('blocks')
      .innerJoin('users as r', 'r.id', 'blocks.recruiter_user_id')
      .leftJoin('organisations', 'organisations.id', 'r.organisation_id')
      .select(['blocks.created_at', 'r.display_name as recruiter_name', 'organisations.name as organisation_name'])
      .where('blocks.youth_user_id', '=', userId).orderBy('blocks.created_at').execute(),
    db.selectFrom('reports')
      .innerJoin('users as r', 'r.id', 'reports.recruiter_user_id')
      .leftJoin('organisations', 'organisations.id', 'r.organisation_id')
      .select(['reports.id', 'reports.contact_id', 'reports.reason', 'reports.details', 'reports.created_at', 'reports.resolved_at', 'r.display_name as recruiter_name', 'organisations.name as organisation_name'])
      .where('reports.reporter_user_id', '=', userId).orderBy('reports.created_at').execute(),
    db.selectFrom('consent_events').select(['kind', 'detail', 'at']).where('user_id', '=', userId).orderBy('at').orderBy('id').execute(),
  ])
  const messages = contacts.length === 0 ? [] : await db.selectFrom('contact_messages')
    .select(['id', 'contact_id', 'sender_user_id', 'body', 'created_at', 'read_at'])
    .where('contact_id', 'in', contacts.map((c) => c.id)).orderBy('created_at').orderBy('id').execute()
  return { stories, directory, contacts, messages, blocks, reports, consent }
}

export interface ErasureCounts {
  shares: number
  experiences: number
  importedCredentials: number
  issuedCredentialsUnlinked: number
  bulkRowsUnlinked: number
  privateKeys: number
  stories: number
  contacts: number
  linkedIdentifiers: number
  notifications: number
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
    // Sign-in counts the account under its id (lib/auth/sign-in.ts); the name keys are from before that.
    const limitKeys = [accountSignInKey(user.id), `sign-in:${user.username.toLowerCase()}`, ...(user.email ? [`sign-in:${user.email.toLowerCase()}`] : []), `delete-account:${user.id}`, messageLimitKey(user.id)]
    await trx.deleteFrom('rate_limits').where('key', 'in', limitKeys).execute()
    // Linked identifiers (decision 021): the links with their proofs, open challenges, the attempts counter.
    const links = await trx.deleteFrom('linked_identifiers').where('user_id', '=', user.id).executeTakeFirst()
    await trx.deleteFrom('link_challenges').where('user_id', '=', user.id).execute()
    await trx.deleteFrom('rate_limits').where('key', '=', linkLimitKey(user.id)).execute()

    // The network: stories, the directory entry, contacts with their messages, blocks and the
    // consent log go; a report they made stays (it is about the recruiter), without them.
    const stories = await trx.deleteFrom('skill_stories').where('youth_user_id', '=', user.id).executeTakeFirst()
    await trx.deleteFrom('directory_entries').where('user_id', '=', user.id).execute()
    const contactIds = (await trx.selectFrom('contact_requests').select('id').where('youth_user_id', '=', user.id).execute()).map((c) => c.id)
    if (contactIds.length) {
      await trx.deleteFrom('contact_messages').where('contact_id', 'in', contactIds).execute()
      await trx.updateTable('reports').set({ contact_id: null }).where('contact_id', 'in', contactIds).execute()
      await trx.deleteFrom('contact_requests').where('id', 'in', contactIds).execute()
    }
    await trx.deleteFrom('contact_messages').where('sender_user_id', '=', user.id).execute()
    await trx.deleteFrom('blocks').where('youth_user_id', '=', user.id).execute()
    await trx.updateTable('reports').set({ reporter_user_id: null }).where('reporter_user_id', '=', user.id).execute()
    await trx.deleteFrom('consent_events').where('user_id', '=', user.id).execute()
    // Notifications they read, and those their actions put in other people's lists (they may name them).
    const notifications = await eraseNotificationsOf(trx, user.id)

    // Imported and self-declared credentials are the person's own: no organisation here issued them.
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
    // The one trace left: that an account was deleted, and when — not whose.
    await logConsent(trx, null, 'account_deleted')
    return {
      shares: shareIds.length, experiences: experienceIds.length, importedCredentials: imported.length,
      issuedCredentialsUnlinked: Number(unlinked.numUpdatedRows), bulkRowsUnlinked: Number(bulk.numUpdatedRows), privateKeys,
      stories: Number(stories.numDeletedRows), contacts: contactIds.length, linkedIdentifiers: Number(links.numDeletedRows),
      notifications,
    }
  })
}
