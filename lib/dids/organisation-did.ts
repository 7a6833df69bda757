import 'server-only'
import type { Db } from '@/db/client'
import * as repo from './repository'
import { buildDidDocument, keyNumber, type DidDocument } from './web'

// The documents of this instance's did:web, read from the database. What an organisation does with
// its did:web (created at approval, keys rotated and retired, each an organisation event) is the
// organisations' business: lib/orgs/did-web.ts.

/** The keys of a did:web, oldest first. */
export async function orderedDidWebKeys(db: Db, did: string) {
  const rows = await repo.listDidWebKeys(db, did)
  return rows
    .map((r) => ({ ...r, n: keyNumber(r.fragment) }))
    .filter((r): r is typeof r & { n: number } => r.n !== undefined)
    .sort((a, b) => a.n - b.n)
}

/** The DID document of one of this instance's did:web, built from the database; undefined when it is not one. */
export async function localDidDocument(db: Db, did: string): Promise<DidDocument | undefined> {
  const owner = await repo.findOrganisationWebDid(db, did)
  if (!owner) return undefined
  const keys = await orderedDidWebKeys(db, did)
  if (keys.length === 0) return undefined
  return buildDidDocument(did, keys.map((k) => ({ fragment: k.fragment, publicKeyHex: k.public_key_hex, retiredAt: k.retired_at })))
}

/** The DID document an organisation publishes at /orgs/<slug>/did.json; undefined without a did:web (pending). */
export async function organisationDidDocument(db: Db, slug: string): Promise<DidDocument | undefined> {
  const org = await repo.findOrganisationForKeys(db, slug)
  if (!org) return undefined
  const web = await repo.findWebDidOfOrganisation(db, org.id)
  return web ? localDidDocument(db, web.did) : undefined
}
