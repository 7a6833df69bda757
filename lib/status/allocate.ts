import { randomInt, randomUUID } from 'node:crypto'
import type { Db } from '@/db/client'
import { emptyBits, MIN_LIST_SIZE, STATUS_PURPOSES, type StatusPurpose } from './bitstring'
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
  const entries: AllocatedEntry[] = []
  const credentialStatus: Record<string, string>[] = []
  for (const purpose of STATUS_PURPOSES) {
    const list = await openList(db, org.id, purpose, now)
    const index = await pickFreeIndex(db, list.id, list.size)
    const url = statusListUrl(publicUrl, org.slug, purpose, list.list_number)
    entries.push({ listId: list.id, index, purpose })
    credentialStatus.push({
      id: `${url}#${index}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: purpose,
      statusListIndex: String(index),
      statusListCredential: url,
    })
  }
  return { entries, credentialStatus }
}

async function openList(db: Db, organisationId: string, purpose: StatusPurpose, now: Date) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const latest = await repo.findLatestList(db, organisationId, purpose)
    if (latest && (await repo.countEntries(db, latest.id)) < latest.size * FILL_LIMIT) return latest
    const at = now.toISOString()
    const row = {
      id: randomUUID(), organisation_id: organisationId, purpose, list_number: (latest?.list_number ?? 0) + 1,
      size: MIN_LIST_SIZE, bits: emptyBits(MIN_LIST_SIZE), version: 1, created_at: at, updated_at: at,
    }
    try {
      await repo.insertList(db, row)
      return row
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

/** SQLite (better-sqlite3) and PostgreSQL (23505) unique / primary-key violations. */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code
  return code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505'
}
