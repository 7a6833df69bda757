import { randomUUID } from 'node:crypto'
import { hashPassword } from '@/lib/auth/password'
import { insertUser } from '@/lib/auth/repository'
import type { Role } from '@/lib/auth/service'
import type { SessionUser } from '@/lib/auth/sessions'
import { AppError, ValidationError } from '@/lib/errors'
import { findOrganisationById } from '@/lib/orgs/repository'
import type { Runtime } from '@/lib/runtime'
import { isUniqueViolation, staffOrganisationId } from './access'
import { createLink, findUsableLink, type IssuedLink } from './links'
import * as repo from './repository'
import { ADMIN_INVITABLE_ROLES, STAFF_INVITABLE_ROLES, type JoinInput } from './schemas'

export interface InvitationDto {
  id: string
  role: string
  email: string | null
  organisationName: string
  createdByName: string | null
  createdAt: string
  expiresAt: string
}

/** Narrows an unchecked role to the list's roles (what the link may then store). */
const includes = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value)

/**
 * An invitation to join an organisation. A counsellor or tutor invites employer tutors and
 * recruiters into THEIR organisation (any organisation they name is ignored); the admin invites
 * counsellors, tutors and recruiters into any organisation.
 * @throws AppError FORBIDDEN (role), NOT_FOUND (organisation).
 */
export async function createInvitation(
  rt: Pick<Runtime, 'db' | 'env'>, actor: SessionUser,
  input: { role: string; email?: string; organisationId?: string }, now = new Date(),
): Promise<IssuedLink & { organisationName: string; role: string }> {
  let organisationId: string
  if (actor.role === 'admin') {
    if (!includes(ADMIN_INVITABLE_ROLES, input.role)) throw new AppError('FORBIDDEN', `The admin cannot invite a ${input.role}`)
    organisationId = input.organisationId ?? ''
  } else {
    organisationId = staffOrganisationId(actor)
    if (!includes(STAFF_INVITABLE_ROLES, input.role)) throw new AppError('FORBIDDEN', `A ${actor.role} cannot invite a ${input.role}`)
  }
  const org = await findOrganisationById(rt.db, organisationId)
  if (!org) throw new AppError('NOT_FOUND', 'No such organisation')
  const link = await createLink(rt, { purpose: 'invitation', organisationId: org.id, role: input.role, email: input.email ?? null, createdBy: actor.id, now })
  return { url: link.url, expiresAt: link.expiresAt, organisationName: org.name, role: input.role }
}

/** Pending invitations: of the actor's organisation, or every one for the admin. */
export async function listInvitations(rt: Pick<Runtime, 'db'>, actor: SessionUser, now = new Date()): Promise<InvitationDto[]> {
  const organisationId = actor.role === 'admin' ? undefined : staffOrganisationId(actor)
  const rows = await repo.listPendingInvitations(rt.db, { organisationId, now: now.toISOString() })
  return rows.map((r) => ({
    id: r.id, role: r.role ?? '', email: r.email, organisationName: r.organisation_name,
    createdByName: r.created_by_name ?? null, createdAt: r.created_at, expiresAt: r.expires_at,
  }))
}

/** Withdraws a pending invitation. @throws AppError FORBIDDEN, NOT_FOUND (another organisation's). */
export async function revokeInvitation(rt: Pick<Runtime, 'db'>, actor: SessionUser, id: string): Promise<void> {
  const organisationId = actor.role === 'admin' ? undefined : staffOrganisationId(actor)
  const invitation = typeof id === 'string' ? await repo.findInvitationById(rt.db, id) : undefined
  if (!invitation || invitation.used_at || (organisationId && invitation.organisation_id !== organisationId)) {
    throw new AppError('NOT_FOUND', 'No such pending invitation')
  }
  await repo.deleteAccountLink(rt.db, invitation.id)
}

export type InvitationView =
  | { status: 'valid'; organisationName: string; role: string; email: string | null }
  | { status: 'invalid' }

export async function viewInvitation(rt: Pick<Runtime, 'db'>, token: unknown, now = new Date()): Promise<InvitationView> {
  const link = await findUsableLink(rt, token, 'invitation', now)
  if (!link?.organisation_id || !link.organisation_name || !link.role) return { status: 'invalid' }
  return { status: 'valid', organisationName: link.organisation_name, role: link.role, email: link.email }
}

/**
 * The invitee creates their account in the invitation's organisation with the invitation's role;
 * the link is consumed in the same transaction.
 * @throws AppError NOT_FOUND (unusable link); ValidationError (/username, /email taken).
 */
export async function acceptInvitation(rt: Pick<Runtime, 'db'>, input: JoinInput & { locale?: 'fr' | 'en' }, now = new Date()): Promise<{ userId: string; role: Role }> {
  const link = await findUsableLink(rt, input.token, 'invitation', now)
  if (!link?.organisation_id || !link.role) throw new AppError('NOT_FOUND', 'This invitation does not work')
  const taken = [
    ...(await repo.usernameTaken(rt.db, input.username) ? [{ path: '/username', message: 'usernameTaken' }] : []),
    ...(input.email && await repo.emailTaken(rt.db, input.email) ? [{ path: '/email', message: 'emailTaken' }] : []),
  ]
  if (taken.length) throw new ValidationError('Already taken', taken)
  const passwordHash = await hashPassword(input.password)
  const at = now.toISOString()
  const userId = randomUUID()
  const { organisation_id: organisationId, role } = link
  try {
    const done = await rt.db.transaction().execute(async (trx) => {
      if (!(await repo.consumeAccountLink(trx, link.id, at))) return false
      await insertUser(trx, {
        id: userId, email: input.email ?? null, username: input.username, display_name: input.displayName, role,
        organisation_id: organisationId, did: null, password_hash: passwordHash, locale: input.locale ?? 'fr', created_at: at, activated_at: at,
      })
      return true
    })
    if (!done) throw new AppError('NOT_FOUND', 'This invitation does not work')
  } catch (e) {
    if (isUniqueViolation(e, 'username')) throw new ValidationError('Already taken', [{ path: '/username', message: 'usernameTaken' }])
    if (isUniqueViolation(e, 'email')) throw new ValidationError('Already taken', [{ path: '/email', message: 'emailTaken' }])
    throw e
  }
  return { userId, role: role as Role }
}
