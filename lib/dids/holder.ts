import 'server-only'
import type { Kysely } from 'kysely'
import type { Database } from '@/db/schema'

/**
 * Erases a young person's holder did:key from the agent's three stores — the encrypted private key
 * (Veramo's local KMS stores it under alias = kid), the public key rows and the DID row — with the
 * caller's executor, so that it commits or rolls back with the rest of an account deletion.
 * Veramo's `didManagerDelete` would do the same through the agent, but on its own connection,
 * outside the caller's transaction. Refuses anything but a did:key, never touching organisations' DIDs.
 * @returns how many private keys were erased (1 for a holder DID, 0 when already gone).
 */
export async function eraseHolderDid(db: Kysely<Database>, did: string): Promise<number> {
  if (!did.startsWith('did:key:')) throw new Error('only a holder did:key can be erased')
  const owned = await db.selectFrom('organisation_dids').select('did').where('did', '=', did).executeTakeFirst()
  if (owned) throw new Error('an organisation’s DID is never erased')
  const kids = (await db.selectFrom('keys').select('kid').where('did', '=', did).execute()).map((k) => k.kid)
  let erased = 0
  if (kids.length > 0) {
    erased = Number((await db.deleteFrom('private_keys').where('alias', 'in', kids).executeTakeFirst()).numDeletedRows)
    await db.deleteFrom('keys').where('kid', 'in', kids).execute()
  }
  await db.deleteFrom('dids').where('did', '=', did).execute()
  return erased
}
