import type { Transaction } from 'kysely'
import type { Database, NewCredentialRow } from '@/db/schema'
import { issueCredential, type CredentialFormat, type DataIntegrityProver, type IssuedCredential } from '@/lib/credentials/issue'
import { notifyNewBadge } from '@/lib/notifications/events'
import { deliveryFor } from '@/lib/offers/service'
import type { Runtime } from '@/lib/runtime'
import { allocateStatusMany, type StatusAllocation } from '@/lib/status/allocate'
import * as statusRepo from '@/lib/status/repository'
import { proofWorkers } from './prove-pool'
import * as repo from './repository'
import { credentialRow, issuingOrganisation } from './service'

export interface BatchIssueInput {
  organisation: { id: string }
  templateId: string
  format?: CredentialFormat
  issuedByUserId?: string
  now?: Date
  items: { subjectDid: string; claims: unknown }[]
  /**
   * Runs inside the one write transaction, once per signed item (its position in `items`), after
   * every credential row and status entry: if it throws, nothing of the batch is written.
   */
  within?: (trx: Transaction<Database>, index: number, issued: IssuedCredential) => Promise<void>
}

/** Per item, in order: the credential written, or why it was not signed. */
export type BatchOutcome = { issued: IssuedCredential } | { error: unknown }

type Signed = { issued: IssuedCredential; row: NewCredentialRow; entries: { list_id: string; status_index: number; credential_id: string }[] } | { error: unknown }

/** One item signed (nothing written yet): its credential row and status entries, or why not. */
async function signItem(rt: Runtime, org: Awaited<ReturnType<typeof issuingOrganisation>>, input: BatchIssueInput, i: number, status: StatusAllocation, prove?: DataIntegrityProver): Promise<Signed> {
  const item = input.items[i]!
  try {
    const delivery = await deliveryFor(rt.db, org.id, item.subjectDid, { offerToStrangers: false })
    const issued = await issueCredential({
      agent: rt.agent, issuer: { did: org.did, name: org.name }, subjectDid: item.subjectDid, templateId: input.templateId,
      claims: item.claims, format: input.format, publicUrl: rt.env.publicUrl, now: input.now, credentialStatus: status.credentialStatus, prove,
    })
    return {
      issued,
      row: credentialRow(org, { ...item, issuedByUserId: input.issuedByUserId }, issued, delivery.holderUserId, new Date()),
      entries: status.entries.map((e) => ({ list_id: e.listId, status_index: e.index, credential_id: issued.id })),
    }
  } catch (error) {
    return { error }
  }
}

/**
 * Issues several credentials in an organisation's name (bulk issuing, decision 012) with the rules
 * of `issueForOrganisation` — approved organisations only, two status entries each, the holder's
 * wallet linked — but with what every item shares done once: the organisation read and checked,
 * the status indexes picked in one go, and every signed credential written in ONE transaction (one
 * commit instead of one per credential). Signing happens with no transaction open, as there.
 *
 * An item whose claims are refused or whose signing fails gets its error and is not written; the
 * others go on. If the transaction fails (an index taken meanwhile, `within` refusing), NOTHING of
 * the batch is written and the error is thrown: the caller then issues the items one by one with
 * `issueForOrganisation`, which re-picks and re-signs. Offers (decision 020) are not made here:
 * the caller has chosen among the organisation's own young people. Data Integrity proofs are made
 * on this thread, or by ISSUE_WORKERS worker threads side by side (./prove-pool.ts).
 * @throws AppError FORBIDDEN before anything is signed when the organisation is not approved;
 * whatever the write transaction throws.
 */
export async function issueBatchForOrganisation(rt: Runtime, input: BatchIssueInput): Promise<BatchOutcome[]> {
  const org = await issuingOrganisation(rt, input.organisation.id)
  const statuses = await allocateStatusMany(rt.db, org, rt.env.publicUrl, input.items.length, input.now)
  // One lane per proof worker (ISSUE_WORKERS), this thread then only signing and writing; else one lane here.
  const workers = proofWorkers(rt.env.issueWorkers)
  const lanes: (DataIntegrityProver | undefined)[] = workers.length ? workers : [undefined]
  const signed: Signed[] = []
  let next = 0
  await Promise.all(lanes.map(async (prove) => {
    for (let i = next++; i < input.items.length; i = next++) signed[i] = await signItem(rt, org, input, i, statuses[i]!, prove)
  }))
  const outcomes: BatchOutcome[] = signed.map((s) => ('error' in s ? { error: s.error } : { issued: s.issued }))
  const rows = signed.flatMap((s) => ('row' in s ? [s.row] : []))
  const entries = signed.flatMap((s) => ('entries' in s ? s.entries : []))
  if (!rows.length) return outcomes
  await rt.db.transaction().execute(async (trx) => {
    await repo.insertCredentials(trx, rows)
    await statusRepo.insertEntries(trx, entries)
    for (const row of rows) {
      if (row.holder_user_id) await notifyNewBadge(trx, { to: row.holder_user_id, credentialId: row.id, title: row.title, organisation: org.name, actor: input.issuedByUserId, now: input.now })
    }
    if (!input.within) return
    for (const [i, outcome] of outcomes.entries()) if ('issued' in outcome) await input.within(trx, i, outcome.issued)
  })
  return outcomes
}
