import type { Db } from '@/db/client'
import type { StatusListResolver } from '@/lib/credentials/verify'
import type { Agent } from '@/lib/dids/agent'
import { AppError } from '@/lib/errors'
import { getBit, isStatusPurpose, withBit, type StatusPurpose } from '@/lib/credentials/bitstring'
import { getStatusListCredential } from './list-credential'
import * as repo from './repository'

export type StatusAction = 'revoke' | 'suspend' | 'unsuspend'

export interface StatusChangeInput {
  credentialId: string
  action: StatusAction
  reason?: string | null
  /** Who acts: a user id, or 'cli'. */
  by: string
  now?: Date
}

export interface StatusChange {
  credentialId: string
  action: StatusAction
  /** False when the credential was already in the requested state (a no-op). */
  changed: boolean
  revokedAt: string | null
  suspendedAt: string | null
}

const PURPOSE_OF: Record<StatusAction, StatusPurpose> = { revoke: 'revocation', suspend: 'suspension', unsuspend: 'suspension' }

/**
 * Revokes, suspends or lifts the suspension of a credential this instance issued: sets or clears
 * its bit, records why, when and who, and bumps the list's version, in one transaction.
 * Revocation is final: revoking again changes nothing; suspending or unsuspending a revoked
 * credential is refused.
 * @throws AppError NOT_FOUND (unknown credential), CONFLICT (revoked, or issued without status entries).
 */
export async function changeCredentialStatus(rt: { db: Db }, input: StatusChangeInput): Promise<StatusChange> {
  const at = (input.now ?? new Date()).toISOString()
  return rt.db.transaction().execute(async (trx) => {
    const credential = await repo.findCredentialIssuer(trx, input.credentialId)
    if (!credential) throw new AppError('NOT_FOUND', `No credential issued here has the id ${input.credentialId}`)
    const facts = await repo.findStatusFacts(trx, input.credentialId)
    const result = (changed: boolean, f = facts): StatusChange => ({
      credentialId: input.credentialId, action: input.action, changed, revokedAt: f?.revoked_at ?? null, suspendedAt: f?.suspended_at ?? null,
    })
    if (facts?.revoked_at) {
      if (input.action === 'revoke') return result(false)
      throw new AppError('CONFLICT', `The credential was revoked on ${facts.revoked_at}; revocation is final, it cannot be ${input.action === 'suspend' ? 'suspended' : 'unsuspended'}`)
    }
    const suspended = Boolean(facts?.suspended_at)
    if ((input.action === 'suspend' && suspended) || (input.action === 'unsuspend' && !suspended)) return result(false)
    const entry = (await repo.findEntriesOfCredential(trx, input.credentialId)).find((e) => e.purpose === PURPOSE_OF[input.action])
    if (!entry) throw new AppError('CONFLICT', 'This credential was issued without a status entry: its status cannot change')
    await repo.updateListBits(trx, entry.list_id, withBit(entry.bits, entry.status_index, input.action !== 'unsuspend'), entry.version + 1, at)
    const reason = input.reason?.trim() || null
    const next = {
      credential_id: input.credentialId,
      revoked_at: input.action === 'revoke' ? at : null,
      revoked_reason: input.action === 'revoke' ? reason : null,
      revoked_by: input.action === 'revoke' ? input.by : null,
      suspended_at: input.action === 'suspend' ? at : input.action === 'revoke' ? facts?.suspended_at ?? null : null,
      suspended_reason: input.action === 'suspend' ? reason : input.action === 'revoke' ? facts?.suspended_reason ?? null : null,
      suspended_by: input.action === 'suspend' ? input.by : input.action === 'revoke' ? facts?.suspended_by ?? null : null,
      updated_at: at,
    }
    await repo.upsertStatusFacts(trx, next)
    return result(true, next)
  })
}

/**
 * Status lists as this instance sees them: its own (`${PUBLIC_URL}/status/…`) are built from the
 * database — never over HTTP to itself — signed and then verified like any other list, so a
 * change is visible to the very next verification. Other URLs go to `remote` (none: unobtainable).
 */
export function localStatusListResolver(rt: { db: Db; agent: Agent; env: { publicUrl: string } }, remote?: StatusListResolver): StatusListResolver {
  const prefix = `${rt.env.publicUrl.replace(/\/$/, '')}/status/`
  return async (url, options) => {
    if (!url.startsWith(prefix)) {
      if (remote) return remote(url, options)
      throw new Error('remote status lists are not fetched by this verifier')
    }
    const [slug, purpose, n, ...rest] = url.slice(prefix.length).split('/')
    if (!slug || !isStatusPurpose(purpose) || !n || !/^[1-9][0-9]*$/.test(n) || rest.length) throw new Error('not a status list of this instance')
    const served = await getStatusListCredential(rt, { orgSlug: decodeURIComponent(slug), purpose, listNumber: Number(n), now: options?.now })
    if (!served) throw new Error('no such status list on this instance')
    return {
      credential: served.credential,
      facts: async (p, index) => {
        const at = await repo.findCredentialAt(rt.db, served.listId, index)
        const facts = at && (await repo.findStatusFacts(rt.db, at.credential_id))
        if (!facts) return undefined
        return p === 'revocation' ? { since: facts.revoked_at ?? undefined, reason: facts.revoked_reason } : { since: facts.suspended_at ?? undefined, reason: facts.suspended_reason }
      },
    }
  }
}

/** The bit of a credential for a purpose, as stored (tests, the issuer's list). */
export async function readCredentialBits(rt: { db: Db }, credentialId: string): Promise<Partial<Record<StatusPurpose, boolean>>> {
  const entries = await repo.findEntriesOfCredential(rt.db, credentialId)
  return Object.fromEntries(entries.map((e) => [e.purpose, getBit(e.bits, e.status_index)]))
}
