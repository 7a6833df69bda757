import { truncateWal } from '@/db/client'
import { verifyPassword } from '@/lib/auth/password'
import { CONSENT_KINDS, listConsentEvents, logConsent, type ConsentKind } from '@/lib/consent/repository'
import { AppError, ValidationError } from '@/lib/errors'
import { exportNotifications } from '@/lib/notifications/service'
import { listOffersOf } from '@/lib/offers/repository'
import type { Runtime } from '@/lib/runtime'
import { LIMITS } from '@/lib/security/limits'
import { hit } from '@/lib/security/rate-limit'
import * as repo from './repository'
import type { DeleteAccountInput } from './schemas'
import { logger } from '@/lib/log'

// A young person's rights over their data: a copy of all of it (export), and erasure (deletion).
// Only the young person themself, for their own account: every function re-checks the role.

interface Actor { id: string; role: string }

function assertYouth(user: Actor) {
  if (user.role !== 'youth') throw new AppError('FORBIDDEN', 'Only a young person manages their own data here')
}

export const EXPORT_FORMAT = 'tremplin-personal-data'

function parseJson(text: string | null): unknown {
  if (text === null) return null
  try { return JSON.parse(text) } catch { return text }
}

/**
 * Everything this instance holds about the young person, as one JSON-ready object. Never a secret:
 * no password hash, no session or share token hash, no private key (only the holder DID, which is public).
 * @throws AppError FORBIDDEN for another role, NOT_FOUND when the account is gone.
 */
export async function exportPersonalData(rt: Pick<Runtime, 'db'>, user: Actor, now = new Date()) {
  assertYouth(user)
  const account = await repo.findAccount(rt.db, user.id)
  if (!account) throw new AppError('NOT_FOUND', 'Account not found')
  // Logged first, so that the file holds its own export in the consent log.
  await logConsent(rt.db, user.id, 'data_exported', undefined, now)
  const [d, n, links, offers, notifications] = await Promise.all([
    repo.loadPersonalData(rt.db, user.id), repo.loadNetworkData(rt.db, user.id), repo.loadLinkedIdentifiers(rt.db, user.id), listOffersOf(rt.db, user.id), exportNotifications(rt.db, user.id),
  ])
  return {
    format: EXPORT_FORMAT,
    version: 1,
    exportedAt: now.toISOString(),
    account: {
      id: account.id, username: account.username, displayName: account.display_name, email: account.email, role: account.role,
      locale: account.locale, createdAt: account.created_at, activatedAt: account.activated_at,
    },
    holder: { did: account.did },
    // Other identifiers they proved to control, each with the signed presentation that proved it.
    linkedIdentifiers: links.map((l) => ({ did: l.did, linkedAt: l.linked_at, presentation: l.presentation, presentationHash: l.presentation_hash })),
    // Credentials organisations offered them, not accepted or refused yet (decision 020), as signed.
    pendingOffers: offers.map((o) => ({ id: o.id, organisation: o.organisation_name, offeredAt: o.created_at, credentialId: o.credential_id, format: o.format, document: o.document })),
    profile: {
      region: d.profile?.region ?? null,
      availability: d.profile?.availability ?? null,
      languages: d.profile ? parseJson(d.profile.languages) : [],
      updatedAt: d.profile?.updated_at ?? null,
      goals: d.goals.map((g) => ({ occupationUri: g.occupation_uri, label: g.label, position: g.position, createdAt: g.created_at })),
      experiences: d.experiences.map((e) => ({
        id: e.id, kind: e.kind, title: e.title, place: e.place, startedOn: e.started_on, endedOn: e.ended_on,
        whatIDid: e.what_i_did, whatILearned: e.what_i_learned, createdAt: e.created_at, updatedAt: e.updated_at,
        credentialIds: d.links.filter((l) => l.experience_id === e.id).map((l) => l.credential_id),
      })),
    },
    credentials: d.credentials.map((c) => ({
      id: c.id, origin: c.origin, format: c.format, title: c.title, templateId: c.template_id, language: c.language,
      issuer: { did: c.issuer_did, organisation: c.organisation_name ? { name: c.organisation_name, slug: c.organisation_slug } : null },
      subjectDid: c.subject_did, validFrom: c.valid_from, validUntil: c.valid_until, receivedAt: c.created_at,
      hiddenAt: c.hidden_at, importedAt: c.imported_at, importVerification: parseJson(c.import_verification),
      status: { revokedAt: c.revoked_at ?? null, revokedReason: c.revoked_reason ?? null, suspendedAt: c.suspended_at ?? null, suspendedReason: c.suspended_reason ?? null },
      evidencePhoto: c.evidence_photo ? { type: c.evidence_photo_type, base64: Buffer.from(c.evidence_photo).toString('base64') } : null,
      // The signed document exactly as stored: JSON text for Data Integrity, the compact JWS for a VC-JWT.
      document: c.document,
    })),
    shares: d.shares.map((s) => ({
      id: s.id, label: s.label, about: s.about, createdAt: s.created_at, expiresAt: s.expires_at, revokedAt: s.revoked_at,
      viewCount: s.view_count, lastViewedAt: s.last_viewed_at,
      credentialIds: d.shareCredentials.filter((x) => x.share_id === s.id).map((x) => x.credential_id),
      sections: d.shareSections.filter((x) => x.share_id === s.id).map((x) => x.section),
    })),
    pilots: d.pilots.map((p) => ({ name: p.name, organisation: p.organisation_name, role: p.role, addedAt: p.added_at })),
    ...networkSection(user.id, n),
    // What the app told them (issue 12 §5): kind, the names it carried, where it led, when read.
    notifications,
  }
}

/** Skill stories, the directory entry, contacts with every message (both ways), blocks, reports made, the consent log. */
function networkSection(userId: string, n: Awaited<ReturnType<typeof repo.loadNetworkData>>) {
  return {
    skillStories: n.stories.map((s) => ({
      id: s.id, skillUri: s.skill_uri, skillLabel: s.skill_label, situation: s.situation, whatIDid: s.what_i_did, outcome: s.outcome,
      experienceId: s.experience_id, status: s.status, attester: s.attester_name, attesterOrganisation: s.attester_organisation,
      proposal: parseJson(s.proposal), declineMessage: s.decline_message, credentialId: s.credential_id, evidenceLevel: s.evidence_level,
      createdAt: s.created_at, updatedAt: s.updated_at, requestedAt: s.requested_at, decidedAt: s.decided_at,
    })),
    directory: n.directory ? { handle: n.directory.handle, optedInAt: n.directory.opted_in_at } : null,
    contacts: n.contacts.map((c) => ({
      id: c.id, recruiter: c.recruiter_name, organisation: c.organisation_name, message: c.message, status: c.status, createdAt: c.created_at, decidedAt: c.decided_at,
      messages: n.messages.filter((m) => m.contact_id === c.id)
        .map((m) => ({ from: m.sender_user_id === userId ? 'me' : 'recruiter', body: m.body, sentAt: m.created_at, readAt: m.read_at })),
    })),
    blocks: n.blocks.map((b) => ({ recruiter: b.recruiter_name, organisation: b.organisation_name, blockedAt: b.created_at })),
    reports: n.reports.map((r) => ({
      id: r.id, contactId: r.contact_id, recruiter: r.recruiter_name, organisation: r.organisation_name, reason: r.reason, details: r.details,
      createdAt: r.created_at, resolvedAt: r.resolved_at,
    })),
    consentLog: n.consent.map((e) => ({ kind: e.kind, detail: parseJson(e.detail), at: e.at })),
  }
}

export interface ConsentEventDto { id: string; kind: ConsentKind; organisation: string | null; at: string }

/** The young person's consent log, newest first, for the "My data" page. @throws AppError FORBIDDEN for another role. */
export async function listConsentHistory(rt: Pick<Runtime, 'db'>, user: Actor): Promise<ConsentEventDto[]> {
  assertYouth(user)
  const rows = await listConsentEvents(rt.db, user.id)
  return rows.filter((e) => (CONSENT_KINDS as readonly string[]).includes(e.kind)).reverse().map((e) => {
    const detail = parseJson(e.detail) as { organisation?: unknown } | null
    return { id: e.id, kind: e.kind, organisation: typeof detail?.organisation === 'string' ? detail.organisation : null, at: e.at }
  })
}

export type PersonalDataExport = Awaited<ReturnType<typeof exportPersonalData>>

/** `tremplin-<username>-<date>.json`, safe in a Content-Disposition header. */
export function exportFileName(username: string, now = new Date()): string {
  return `tremplin-${username.replace(/[^a-zA-Z0-9._-]/g, '_').slice(0, 60)}-${now.toISOString().slice(0, 10)}.json`
}

/** Attempts at confirming a deletion, per account: as many as sign-in allows. */
export const DELETE_LIMIT = LIMITS['delete-account']

/**
 * Deletes the young person's account once they have typed their username and password again.
 * @throws ValidationError (`username`: usernameMismatch, `password`: wrongPassword, `form`: tooManyAttempts),
 *   AppError FORBIDDEN for another role, NOT_FOUND when the account is already gone.
 */
export async function deleteAccount(rt: Pick<Runtime, 'db'>, user: Actor, input: DeleteAccountInput): Promise<repo.ErasureCounts> {
  assertYouth(user)
  const account = await repo.findPasswordHash(rt.db, user.id)
  if (!account) throw new AppError('NOT_FOUND', 'Account not found')
  if (!(await hit(rt, `delete-account:${user.id}`, DELETE_LIMIT)).allowed) {
    throw new ValidationError('Too many attempts', [{ path: 'form', message: 'tooManyAttempts' }])
  }
  if (input.username.trim().toLowerCase() !== account.username.toLowerCase()) {
    throw new ValidationError('The username does not match', [{ path: 'username', message: 'usernameMismatch' }])
  }
  // Hashing is bounded process-wide (lib/auth/password.ts): under a sign-in flood, say so on the form.
  const matches = account.password_hash ? await verifyPassword(input.password, account.password_hash).catch((e) => {
    if (e instanceof AppError && e.code === 'BUSY') throw new ValidationError('Busy', [{ path: 'form', message: 'busy' }])
    throw e
  }) : false
  if (!matches) throw new ValidationError('Wrong password', [{ path: 'password', message: 'wrongPassword' }])
  const counts = await repo.eraseYoungPerson(rt.db, { id: user.id, username: account.username, email: account.email, did: account.did })
  // The erased rows are zeroed in the database (secure_delete); their old copies in the WAL go too.
  if ((await truncateWal(rt.db)).busy) logger().warn('account erased, but a reader kept the WAL from being truncated; it will be at the next checkpoint')
  return counts
}
