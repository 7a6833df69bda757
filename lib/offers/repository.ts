import type { Transaction } from 'kysely'
import type { Db } from '@/db/client'
import type { Database } from '@/db/schema'

type Tx = Db | Transaction<Database>

/**
 * Whether an organisation accompanies this young person: it onboarded them, they already hold one
 * of its credentials (lib/onboarding/repository.ts youngPeopleOf: the same two), they are a member
 * of a pilot action it runs or partners, or they asked one of its people to attest a skill story.
 * Only then does a credential it pushes to their DID go straight into their wallet.
 */
export async function accompanies(db: Tx, organisationId: string, userId: string): Promise<boolean> {
  const row = await db.selectFrom('users as u')
    .select('u.id')
    .where('u.id', '=', userId)
    .where('u.role', '=', 'youth')
    .where((eb) => eb.or([
      eb('u.organisation_id', '=', organisationId),
      eb.exists(eb.selectFrom('credentials as c').select('c.id')
        .whereRef('c.holder_user_id', '=', 'u.id').where('c.issuer_organisation_id', '=', organisationId)),
      eb.exists(eb.selectFrom('pilot_members as m').innerJoin('pilot_actions as p', 'p.id', 'm.pilot_id')
        .leftJoin('pilot_partners as pp', 'pp.pilot_id', 'p.id').select('m.pilot_id')
        .whereRef('m.user_id', '=', 'u.id')
        .where((w) => w.or([w('p.organisation_id', '=', organisationId), w('pp.organisation_id', '=', organisationId)]))),
      eb.exists(eb.selectFrom('skill_stories as s').select('s.id')
        .whereRef('s.youth_user_id', '=', 'u.id').where('s.attester_organisation_id', '=', organisationId)),
    ]))
    .executeTakeFirst()
  return Boolean(row)
}

export function insertOffer(db: Tx, row: { id: string; credential_id: string; user_id: string; organisation_id: string; created_at: string }) {
  return db.insertInto('credential_offers').values(row).execute()
}

/** A young person's pending offers, newest first, with the credential and who offers it. */
export function listOffersOf(db: Db, userId: string) {
  return db.selectFrom('credential_offers as f')
    .innerJoin('credentials as c', 'c.id', 'f.credential_id')
    .innerJoin('organisations as o', 'o.id', 'f.organisation_id')
    .select(['f.id', 'f.created_at', 'o.name as organisation_name', 'c.id as credential_id', 'c.document', 'c.format', 'c.template_id', 'c.language'])
    .where('f.user_id', '=', userId)
    .orderBy('f.created_at', 'desc').orderBy('f.id')
    .execute()
}

export function findOfferOf(db: Tx, userId: string, offerId: string) {
  return db.selectFrom('credential_offers as f').innerJoin('organisations as o', 'o.id', 'f.organisation_id')
    .select(['f.id', 'f.credential_id', 'f.organisation_id', 'o.name as organisation_name'])
    .where('f.id', '=', offerId).where('f.user_id', '=', userId).executeTakeFirst()
}

export async function deleteOffer(db: Tx, offerId: string): Promise<number> {
  const r = await db.deleteFrom('credential_offers').where('id', '=', offerId).executeTakeFirst()
  return Number(r.numDeletedRows)
}

/** Links the credential to its holder, only if it has none yet. */
export async function linkHolder(db: Tx, credentialId: string, userId: string): Promise<number> {
  const r = await db.updateTable('credentials').set({ holder_user_id: userId })
    .where('id', '=', credentialId).where('holder_user_id', 'is', null).executeTakeFirst()
  return Number(r.numUpdatedRows)
}
