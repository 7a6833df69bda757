import { randomInt, randomUUID } from 'node:crypto'
import type { Db } from '@/db/client'
import { emptyBits, MIN_LIST_SIZE, STATUS_PURPOSES, type StatusPurpose } from '@/lib/credentials/bitstring'
import * as repo from './repository'

/** A list is closed to new entries once half full: random picks stay cheap and herd privacy good. */
const FILL_LIMIT = 0.5
const MAX_PICKS = 64

export interface AllocatedEntry {
  listId: string
  index: number
  purpose: StatusPurpose
}

export interface StatusAllocation {
  entries: AllocatedEntry[]
  /** The `credentialStatus` to put in the credential (W3C Bitstring Status List §2.1). */
  credentialStatus: Record<string, string>[]
}

/** The stable URL of an organisation's status list credential. */
export function statusListUrl(publicUrl: string, orgSlug: string, purpose: StatusPurpose, listNumber: number): string {
  return `${publicUrl.replace(/\/$/, '')}/status/${encodeURIComponent(orgSlug)}/${purpose}/${listNumber}`
}

/**
 * Picks a free random index (from `crypto`) in the organisation's open revocation and suspension
 * lists. Nothing is reserved: the entries are written with the credential, in one transaction, by
 * the caller — the UNIQUE (list, index) key then refuses an index taken in the meantime.
 */
export async function allocateStatus(db: Db, org: { id: string; slug: string }, publicUrl: string, now = new Date()): Promise<StatusAllocation> {
  const entries: (AllocatedEntry & { url: string })[] = []
  for (const purpose of STATUS_PURPOSES) {
    const { list } = await openList(db, org.id, purpose, now)
    entries.push({ listId: list.id, index: await pickFreeIndex(db, list.id, list.size), purpose, url: statusListUrl(publicUrl, org.slug, purpose, list.list_number) })
  }
  return toAllocation(entries)
}

/**
 * `count` allocations at once (bulk issuing): per purpose one look at the open list and one query
 * per round of random picks, instead of three queries per credential. The indexes are distinct
 * within the batch; as with `allocateStatus`, nothing is reserved. A batch started while the open
 * list is just under half full may take it past half by fewer entries than the batch holds (a
 * bulk group is 20): the limit keeps random picks cheap, a few more do not change that.
 */
export async function allocateStatusMany(db: Db, org: { id: string; slug: string }, publicUrl: string, count: number, now = new Date()): Promise<StatusAllocation[]> {
  const perPurpose: (AllocatedEntry & { url: string })[][] = []
  for (const purpose of STATUS_PURPOSES) {
    const { list, used } = await openList(db, org.id, purpose, now)
    if (used + count > list.size) throw new Error('No free status index found')
    const url = statusListUrl(publicUrl, org.slug, purpose, list.list_number)
    perPurpose.push((await pickFreeIndexes(db, list.id, list.size, count)).map((index) => ({ listId: list.id, index, purpose, url })))
  }
  return Array.from({ length: count }, (_, i) => toAllocation(perPurpose.map((entries) => entries[i]!)))
}

function toAllocation(picked: (AllocatedEntry & { url: string })[]): StatusAllocation {
  return {
    entries: picked.map(({ listId, index, purpose }) => ({ listId, index, purpose })),
    credentialStatus: picked.map(({ url, purpose, index }) => ({
      id: `${url}#${index}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: purpose,
      statusListIndex: String(index),
      statusListCredential: url,
    })),
  }
}

async function openList(db: Db, organisationId: string, purpose: StatusPurpose, now: Date) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const latest = await repo.findLatestList(db, organisationId, purpose)
    const used = latest ? await repo.countEntries(db, latest.id) : 0
    if (latest && used < latest.size * FILL_LIMIT) return { list: latest, used }
    const at = now.toISOString()
    const row = {
      id: randomUUID(), organisation_id: organisationId, purpose, list_number: (latest?.list_number ?? 0) + 1,
      size: MIN_LIST_SIZE, bits: emptyBits(MIN_LIST_SIZE), version: 1, created_at: at, updated_at: at,
    }
    try {
      await repo.insertList(db, row)
      return { list: row, used: 0 }
    } catch (e) {
      if (!isUniqueViolation(e)) throw e // another writer opened the same list number: read it again
    }
  }
  throw new Error(`Could not open a ${purpose} status list`)
}

async function pickFreeIndex(db: Db, listId: string, size: number): Promise<number> {
  for (let i = 0; i < MAX_PICKS; i++) {
    const index = randomInt(0, size)
    if (!(await repo.isIndexTaken(db, listId, index))) return index
  }
  throw new Error('No free status index found')
}

/** `count` distinct free random indexes: rounds of fresh picks, each checked by one query. */
async function pickFreeIndexes(db: Db, listId: string, size: number, count: number): Promise<number[]> {
  const picked = new Set<number>()
  for (let round = 0; round < MAX_PICKS && picked.size < count; round++) {
    const candidates = new Set<number>()
    while (candidates.size < count - picked.size) {
      const index = randomInt(0, size)
      if (!picked.has(index)) candidates.add(index)
    }
    const taken = new Set(await repo.takenIndexes(db, listId, [...candidates]))
    for (const index of candidates) if (!taken.has(index)) picked.add(index)
  }
  if (picked.size < count) throw new Error('No free status index found')
  return [...picked]
}

/** SQLite (better-sqlite3) and PostgreSQL (23505) unique / primary-key violations. */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code
  return code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505'
}
