import type { Kysely, Transaction } from 'kysely'
import type { Database } from '@/db/schema'
import { normalizeForSearch } from '@/lib/taxonomy/normalize'
import { readDocument } from '@/lib/wallet/cards'
import * as repo from './repository'

// A bulk row that repeats a badge (issue 12 §7, decision 012 "Repeats"): the young person already
// holds the same skill badge from this organisation in their wallet — not revoked, not expired (a
// suspended one is still held) — or an earlier row of the file gives it. "The same skill" is the same ESCO skill or
// key competence when both name one, else the same name (case, accents and punctuation ignored).

export type Duplicate = { kind: 'held'; credentialId: string; issuedAt: string } | { kind: 'row'; row: number }

interface SkillClaim { name?: string; alignment?: { targetUrl?: string; targetCode?: string }[] }

/** What makes two skill badges the same badge: their aligned skill and their name. */
export function skillKeys(skill: SkillClaim | undefined): string[] {
  if (!skill) return []
  const keys = (skill.alignment ?? []).filter((a) => a.targetUrl).map((a) => `uri:${a.targetUrl}${a.targetCode ? `#${a.targetCode}` : ''}`)
  const name = skill.name ? normalizeForSearch(skill.name) : ''
  return name ? [...keys, `name:${name}`] : keys
}

export interface HeldBadge { credentialId: string; issuedAt: string; keys: string[] }

type Db = Kysely<Database> | Transaction<Database>

/** What each stored credential's skill is, by credential id: a document is read once per chunk. */
export type KeysCache = Map<string, string[]>

/**
 * The skill badges of this organisation that each of these young people holds now, by user id.
 * Ids first (the holder index), then the documents not read yet.
 */
export async function heldBadges(db: Db, organisationId: string, people: { id: string }[], now: Date, options: { except?: string; cache?: KeysCache } = {}): Promise<Map<string, HeldBadge[]>> {
  const held = new Map<string, HeldBadge[]>()
  const cache = options.cache ?? new Map<string, string[]>()
  const ids = [...new Set(people.map((p) => p.id))]
  for (let i = 0; i < ids.length; i += 400) {
    const rows = await repo.listHeldSkillBadges(db, organisationId, ids.slice(i, i + 400), now.toISOString(), options.except)
    const unread = rows.filter((r) => !cache.has(r.id)).map((r) => r.id)
    for (let j = 0; j < unread.length; j += 200) {
      const docs = await repo.listCredentialDocuments(db, unread.slice(j, j + 200))
      for (const d of docs) cache.set(d.id, keysOfDocument(d))
    }
    for (const row of rows) {
      const list = held.get(row.holder_user_id!) ?? []
      list.push({ credentialId: row.id, issuedAt: row.valid_from, keys: cache.get(row.id) ?? [] })
      held.set(row.holder_user_id!, list)
    }
  }
  return held
}

function keysOfDocument(row: { document: string; format: string }): string[] {
  try {
    const { credential } = readDocument(row)
    const subject = [credential.credentialSubject].flat()[0] as { achievement?: SkillClaim } | undefined
    return skillKeys(subject?.achievement)
  } catch {
    return []
  }
}

/** The first held badge sharing a key with `keys`. */
export function findHeld(held: HeldBadge[] | undefined, keys: string[]): HeldBadge | undefined {
  return held?.find((h) => h.keys.some((k) => keys.includes(k)))
}

/** Inside the issuing transaction: the badge this row would repeat now, other than the one being written. */
export async function heldNow(trx: Transaction<Database>, organisationId: string, personId: string, keys: string[], exceptCredentialId: string, now: Date, cache?: KeysCache): Promise<HeldBadge | undefined> {
  const held = await heldBadges(trx, organisationId, [{ id: personId }], now, { except: exceptCredentialId, cache })
  return findHeld(held.get(personId), keys)
}

export const duplicateJson = (d: Duplicate) => JSON.stringify(d)
export function parseDuplicate(text: string | null): Duplicate | null {
  if (!text) return null
  try {
    return JSON.parse(text) as Duplicate
  } catch {
    return null
  }
}
