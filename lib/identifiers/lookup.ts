import type { Runtime } from '@/lib/runtime'
import { findLinkedDidsOfHolder } from './repository'

/**
 * The `linkedIdentifiers` option of verification on this instance: the identifiers the account
 * holding `holderDid` proved to control (decision 021); none for a DID no account here holds.
 * Its own module, free of the verification service, so that the service can use it.
 */
export function linkedIdentifiersFor(rt: Pick<Runtime, 'db'>): (holderDid: string) => Promise<string[]> {
  return (holderDid) => findLinkedDidsOfHolder(rt.db, holderDid)
}
