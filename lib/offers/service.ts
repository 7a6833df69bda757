import { randomUUID } from 'node:crypto'
import type { Transaction } from 'kysely'
import type { Db } from '@/db/client'
import type { Database } from '@/db/schema'
import { findUserByDid } from '@/lib/auth/repository'
import { logConsent } from '@/lib/consent/repository'
import { AppError } from '@/lib/errors'
import { notify } from '@/lib/notifications/service'
import type { Runtime } from '@/lib/runtime'
import { toCard, type CredentialCardDto } from '@/lib/wallet/cards'
import * as repo from './repository'

// Offers (issue 10 §5, decision 020). A credential an organisation pushes to the DID of a young
// person it does not accompany is signed and kept in the organisation's record like any other,
// but reaches the young person only as an offer: until they accept, it is linked to nobody, so
// the organisation's lists, searches and forms know nothing of them. Refusing drops the offer and
// leaves the organisation's record exactly as it was: nothing it can see tells a refusal from a
// DID that is no one's here.

/** Who gets a credential signed for `subjectDid`: the wallet now (`holderUserId`), an offer, or nobody here. */
export interface Delivery {
  holderUserId: string | null
  offerToUserId: string | null
}

/** Without `offerToStrangers`, a young person's DID always means their wallet (a caller that checked the relationship). */
export async function deliveryFor(db: Db, organisationId: string, subjectDid: string, { offerToStrangers }: { offerToStrangers: boolean }): Promise<Delivery> {
  const user = await findUserByDid(db, subjectDid)
  if (!user || user.role !== 'youth') return { holderUserId: null, offerToUserId: null }
  return !offerToStrangers || (await repo.accompanies(db, organisationId, user.id))
    ? { holderUserId: user.id, offerToUserId: null }
    : { holderUserId: null, offerToUserId: user.id }
}

/** Records the offer in the issuing transaction (so a credential and its offer are never apart). */
export async function recordOffer(trx: Transaction<Database>, input: { credentialId: string; userId: string; organisationId: string; organisationName: string; now?: Date }): Promise<void> {
  const id = randomUUID()
  await repo.insertOffer(trx, { id, credential_id: input.credentialId, user_id: input.userId, organisation_id: input.organisationId, created_at: (input.now ?? new Date()).toISOString() })
  await notify(trx, { to: input.userId, kind: 'offer', params: { organisation: input.organisationName }, link: '/wallet#offers-title', topic: `offer:${id}`, now: input.now })
}

type Actor = { id: string; role: string }

function assertYouth(actor: Actor): void {
  if (actor.role !== 'youth') throw new AppError('FORBIDDEN', 'Only a young person receives offers')
}

export interface OfferDto {
  id: string
  organisationName: string
  offeredAt: string
  card: CredentialCardDto
}

/** The young person's pending offers, newest first. @throws AppError FORBIDDEN for any other role. */
export async function listOffers(rt: Pick<Runtime, 'db'>, actor: Actor, now = new Date()): Promise<OfferDto[]> {
  assertYouth(actor)
  const rows = await repo.listOffersOf(rt.db, actor.id)
  return rows.map((r) => ({
    id: r.id,
    organisationName: r.organisation_name,
    offeredAt: r.created_at,
    card: toCard({ id: r.credential_id, document: r.document, format: r.format, templateId: r.template_id, language: r.language }, now),
  }))
}

const validId = (id: unknown): id is string => typeof id === 'string' && id.length > 0 && id.length <= 100

/**
 * Accepts an offer: the credential joins the wallet (verified there like any other), and from then
 * on the organisation accompanies this young person (it sees their name on what it issued).
 * @throws AppError FORBIDDEN (not a young person), NOT_FOUND (no such offer of theirs).
 */
export async function acceptOffer(rt: Pick<Runtime, 'db'>, actor: Actor, offerId: string): Promise<{ credentialId: string }> {
  assertYouth(actor)
  if (!validId(offerId)) throw new AppError('NOT_FOUND', 'No such offer')
  return rt.db.transaction().execute(async (trx) => {
    const offer = await repo.findOfferOf(trx, actor.id, offerId)
    if (!offer) throw new AppError('NOT_FOUND', 'No such offer')
    await repo.deleteOffer(trx, offer.id)
    if (await repo.linkHolder(trx, offer.credential_id, actor.id) !== 1) throw new AppError('CONFLICT', 'This credential is already in a wallet')
    // Accepting lets the organisation see who they are (the consent log, decision 015).
    await logConsent(trx, actor.id, 'offer_accepted', { offerId: offer.id, organisation: offer.organisation_name })
    return { credentialId: offer.credential_id }
  })
}

/**
 * Refuses an offer: it goes, and nothing else changes (the organisation's own record of what it
 * signed stays unlinked, as for a DID that is no one's here). @throws AppError FORBIDDEN, NOT_FOUND.
 */
export async function refuseOffer(rt: Pick<Runtime, 'db'>, actor: Actor, offerId: string): Promise<void> {
  assertYouth(actor)
  if (!validId(offerId)) throw new AppError('NOT_FOUND', 'No such offer')
  await rt.db.transaction().execute(async (trx) => {
    const offer = await repo.findOfferOf(trx, actor.id, offerId)
    if (!offer || (await repo.deleteOffer(trx, offer.id)) !== 1) throw new AppError('NOT_FOUND', 'No such offer')
    await logConsent(trx, actor.id, 'offer_refused', { offerId: offer.id, organisation: offer.organisation_name })
  })
}
