import * as vc from '@digitalbazaar/vc'
import { VC_V2_CONTEXT } from '@/lib/credentials/contexts'
import { documentLoader } from '@/lib/credentials/document-loader'
import { signingSuite } from '@/lib/credentials/suites'
import type { Agent } from '@/lib/dids/agent'
import { ed25519Signer, getDidKeys } from '@/lib/dids/signer'
import type { Db } from '@/db/client'
import { statusListUrl } from './allocate'
import { encodeList, type StatusPurpose } from '@/lib/credentials/bitstring'
import * as repo from './repository'

/** Short, so that a stale copy (a cache, a mirror) stops vouching within a day. */
const VALID_FOR_MS = 24 * 60 * 60 * 1000
/** A cached signed list is re-signed once half its validity has passed. */
const RESIGN_AFTER_MS = VALID_FOR_MS / 2

export interface ServedStatusList {
  credential: Record<string, unknown>
  /** The list's version: the ETag, and the cache key. */
  version: number
  listId: string
}

const cache = new Map<string, { credential: Record<string, unknown>; signedAt: number }>()

/**
 * The organisation's BitstringStatusListCredential (W3C Bitstring Status List §2.2), signed by
 * the organisation's current DID with its newest key (eddsa-rdfc-2022), cached per list version
 * and signing key. Undefined when there is no such list.
 */
export async function getStatusListCredential(
  rt: { db: Db; agent: Agent; env: { publicUrl: string } },
  ref: { orgSlug: string; purpose: StatusPurpose; listNumber: number; now?: Date },
): Promise<ServedStatusList | undefined> {
  const now = ref.now ?? new Date()
  const org = await rt.db.selectFrom('organisations').select(['id', 'did', 'slug']).where('slug', '=', ref.orgSlug).executeTakeFirst()
  if (!org) return undefined
  const list = await repo.findList(rt.db, org.id, ref.purpose, ref.listNumber)
  if (!list) return undefined
  // Signed by the organisation's DID and key of now: a new did:web or a rotated key re-signs.
  const keys = await getDidKeys(rt.agent, org.did)
  const key = `${list.id}@${list.version}@${keys.verificationMethod}`
  const hit = cache.get(key)
  if (hit && now.getTime() - hit.signedAt < RESIGN_AFTER_MS && now.getTime() >= hit.signedAt) {
    return { credential: hit.credential, version: list.version, listId: list.id }
  }
  const url = statusListUrl(rt.env.publicUrl, org.slug, ref.purpose, ref.listNumber)
  const unsigned = {
    '@context': [VC_V2_CONTEXT],
    id: url,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: org.did,
    validFrom: iso(now),
    validUntil: iso(new Date(now.getTime() + VALID_FOR_MS)),
    credentialSubject: { id: `${url}#list`, type: 'BitstringStatusList', statusPurpose: ref.purpose, encodedList: encodeList(list.bits) },
  }
  const credential = await vc.issue({ credential: unsigned, suite: signingSuite(ed25519Signer(rt.agent, keys), now), documentLoader, now })
  for (const k of cache.keys()) if (k.startsWith(`${list.id}@`)) cache.delete(k)
  cache.set(key, { credential, signedAt: now.getTime() })
  return { credential, version: list.version, listId: list.id }
}

function iso(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z')
}
