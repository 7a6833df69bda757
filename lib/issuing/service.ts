import type { Transaction } from 'kysely'
import type { Database, NewCredentialRow } from '@/db/schema'
import { issueCredential, type CredentialFormat, type IssuedCredential } from '@/lib/credentials/issue'
import { deliveryFor, recordOffer } from '@/lib/offers/service'
import { notifyNewBadge } from '@/lib/notifications/events'
import { assertMayIssue } from '@/lib/orgs/service'
import type { Runtime } from '@/lib/runtime'
import { allocateStatus, isUniqueViolation } from '@/lib/status/allocate'
import * as statusRepo from '@/lib/status/repository'
import * as repo from './repository'
import { signingMethodOf } from './signing-method'

export interface IssueForOrganisationInput {
  /** The issuing organisation; its current DID and name are read from the database. */
  organisation: { id: string }
  templateId: string
  subjectDid: string
  claims: unknown
  format?: CredentialFormat
  issuedByUserId?: string
  now?: Date
  /**
   * The VC-API sets it: a young person this organisation does not accompany gets the credential
   * as an OFFER (decision 020). Callers that already checked the relationship (the issue form and
   * bulk issuing pick among the organisation's young people, a story's attester was asked by the
   * young person) and the operator's CLI leave it unset.
   */
  offerToStrangers?: boolean
  /**
   * Runs inside the write transaction, after the credential row and its status entries: whatever
   * it writes commits with the credential, and if it throws the credential is rolled back (bulk
   * issuing marks its row issued here, so a row and its credential are never apart).
   */
  within?: (trx: Transaction<Database>, issued: IssuedCredential) => Promise<void>
}

const MAX_ATTEMPTS = 3

/**
 * Issues a credential in an organisation's name, with its revocation and suspension entries, and
 * keeps the issuer's record of it (linked to the holder's wallet when the subject is one of our
 * young people).
 *
 * Atomicity: the status indexes are picked first (reading only), the credential is signed with no
 * transaction open — Veramo signs through the same single SQLite connection, so a transaction
 * held across signing would wait on itself — and then the credential row and its status entries
 * are written in ONE transaction. A crash before it leaves nothing; an index taken meanwhile makes
 * the UNIQUE (list, index) key refuse the whole transaction, and we pick again and re-sign.
 * Only an approved organisation issues (the registry of trusted issuers): pending and suspended
 * ones are refused before anything is signed.
 * With `offerToStrangers`, a young person this organisation does not accompany gets it as an
 * OFFER (decision 020): stored unlinked, with an offer row in the same transaction; the caller
 * gets the same signed credential whether the DID is a young person's here or no one's.
 * @throws ValidationError (nothing signed, nothing stored), AppError FORBIDDEN for an organisation
 * that is not approved, TypeError for an unknown template.
 */
export async function issueForOrganisation(rt: Runtime, input: IssueForOrganisationInput): Promise<IssuedCredential> {
  const org = await issuingOrganisation(rt, input.organisation.id)
  const delivery = await deliveryFor(rt.db, org.id, input.subjectDid, { offerToStrangers: input.offerToStrangers ?? false })
  for (let attempt = 1; ; attempt++) {
    const status = await allocateStatus(rt.db, org, rt.env.publicUrl, input.now)
    const issued = await issueCredential({
      agent: rt.agent,
      issuer: { did: org.did, name: org.name },
      subjectDid: input.subjectDid,
      templateId: input.templateId,
      claims: input.claims,
      format: input.format,
      publicUrl: rt.env.publicUrl,
      now: input.now,
      credentialStatus: status.credentialStatus,
    })
    try {
      await rt.db.transaction().execute(async (trx) => {
        await repo.insertCredential(trx, credentialRow(org, input, issued, delivery.holderUserId, new Date()))
        if (delivery.holderUserId) await notifyNewBadge(trx, { to: delivery.holderUserId, credentialId: issued.id, title: issued.title, organisation: org.name, actor: input.issuedByUserId, now: input.now })
        if (delivery.offerToUserId) await recordOffer(trx, { credentialId: issued.id, userId: delivery.offerToUserId, organisationId: org.id, organisationName: org.name, now: input.now })
        await statusRepo.insertEntries(trx, status.entries.map((e) => ({ list_id: e.listId, status_index: e.index, credential_id: issued.id })))
        if (input.within) await input.within(trx, issued)
      })
      return issued
    } catch (e) {
      if (!isUniqueViolation(e) || attempt >= MAX_ATTEMPTS) throw e
    }
  }
}

/** The organisation, when it may issue now. @throws AppError FORBIDDEN (not approved), Error (no such organisation). */
export async function issuingOrganisation(rt: Pick<Runtime, 'db'>, organisationId: string) {
  const org = await rt.db.selectFrom('organisations').select(['id', 'slug', 'did', 'name', 'status']).where('id', '=', organisationId).executeTakeFirstOrThrow()
  assertMayIssue(org)
  return org
}

/** The issuer's record of a credential it signed (the `credentials` row). */
export function credentialRow(
  org: { id: string; did: string }, input: { issuedByUserId?: string; subjectDid: string; claims: unknown },
  issued: IssuedCredential, holderUserId: string | null, createdAt: Date,
): NewCredentialRow {
  return {
    id: issued.id,
    issuer_organisation_id: org.id,
    issuer_did: org.did,
    issued_by_user_id: input.issuedByUserId ?? null,
    holder_user_id: holderUserId,
    subject_did: input.subjectDid,
    template_id: issued.templateId,
    format: issued.format,
    document: issued.document,
    title: issued.title,
    valid_from: issued.validFrom,
    valid_until: issued.validUntil,
    created_at: createdAt.toISOString(),
    language: (input.claims as { language?: string } | null)?.language ?? 'fr',
    verification_method: signingMethodOf(issued.document),
  }
}

/** How many credentials this instance has issued (the landing page's figure). */
export function countIssuedCredentials(rt: Pick<Runtime, 'db'>): Promise<number> {
  return repo.countCredentials(rt.db)
}
