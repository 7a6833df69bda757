import type { Transaction } from 'kysely'
import type { Database } from '@/db/schema'
import { credentialSegment } from '@/lib/wallet/paths'
import { notify } from './service'

/**
 * A new badge in a young person's wallet: called by lib/issuing in the transaction that stores it
 * (one at a time and in bulk). Its topic is the credential, so an attested story's notification
 * (lib/stories) replaces it: one notification per event.
 */
export function notifyNewBadge(trx: Transaction<Database>, input: { to: string; credentialId: string; title: string; organisation: string; actor?: string; now?: Date }): Promise<void> {
  return notify(trx, {
    to: input.to, kind: 'badge', params: { title: input.title, organisation: input.organisation },
    link: `/wallet/${credentialSegment(input.credentialId)}`, actor: input.actor ?? null, topic: `credential:${input.credentialId}`, now: input.now,
  })
}
