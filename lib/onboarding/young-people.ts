import { createUser } from '@/lib/auth/service'
import type { SessionUser } from '@/lib/auth/sessions'
import { AppError, ValidationError } from '@/lib/errors'
import type { Runtime } from '@/lib/runtime'
import { isUniqueViolation, staffOrganisationId } from './access'
import { createLink, type IssuedLink } from './links'
import * as repo from './repository'
import type { CreateYoungPersonInput } from './schemas'

export interface YoungPersonDto {
  id: string
  displayName: string
  username: string
  hasWallet: boolean
  activated: boolean
  /** Credentials this organisation issued them. */
  credentialCount: number
  /** When their open activation link stops working, if they have one. */
  linkExpiresAt: string | null
  /** Onboarded by this organisation (only then can it hand over an activation link). */
  onboardedHere: boolean
}

/** The young people the actor's organisation accompanies, by name. @throws AppError FORBIDDEN */
export async function listYoungPeople(rt: Pick<Runtime, 'db'>, actor: SessionUser, now = new Date()): Promise<YoungPersonDto[]> {
  const orgId = staffOrganisationId(actor)
  const rows = await repo.listYoungPeopleOf(rt.db, orgId, now.toISOString())
  return rows.map((r) => ({
    id: r.id, displayName: r.display_name, username: r.username, hasWallet: Boolean(r.did), activated: Boolean(r.activated_at),
    credentialCount: Number(r.credential_count ?? 0), linkExpiresAt: (r.link_expires_at as string | null) ?? null,
    onboardedHere: r.organisation_id === orgId,
  }))
}

/** One of the actor's organisation's young people. @throws AppError FORBIDDEN, NOT_FOUND (anyone else). */
export async function getYoungPersonOrThrow(rt: Pick<Runtime, 'db'>, actor: SessionUser, userId: string) {
  const orgId = staffOrganisationId(actor)
  const person = typeof userId === 'string' && userId.length <= 100 ? await repo.findYoungPersonOf(rt.db, orgId, userId) : undefined
  if (!person) throw new AppError('NOT_FOUND', 'No such young person in this organisation')
  return person
}

/** A username from a display name: its first word, lower-case, without accents ("Inès B." → "ines"). */
export function usernameBase(displayName: string): string {
  const word = displayName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().split(/\s+/)[0] ?? ''
  const base = word.replace(/[^a-z0-9]/g, '').slice(0, 30)
  return base.length >= 2 ? base : 'jeune'
}

/** The base itself if free, else the base with the smallest free number ("ines", "ines2", …). */
export async function generateUsername(rt: Pick<Runtime, 'db'>, displayName: string): Promise<string> {
  const base = usernameBase(displayName)
  const taken = new Set((await repo.usernamesStartingWith(rt.db, base)).map((u) => u.toLowerCase()))
  if (!taken.has(base)) return base
  for (let n = 2; ; n++) if (!taken.has(`${base}${n}`)) return `${base}${n}`
}

export interface CreatedYoungPerson {
  user: { id: string; displayName: string; username: string }
  link: IssuedLink
}

/**
 * A counsellor or tutor creates a young person's wallet (a holder did:key) in their organisation,
 * and gets a one-time activation link for them. The young person chooses their password there.
 * @throws AppError FORBIDDEN; ValidationError (/username or /email taken).
 */
export async function createYoungPerson(rt: Runtime, actor: SessionUser, input: CreateYoungPersonInput, now = new Date()): Promise<CreatedYoungPerson> {
  const orgId = staffOrganisationId(actor)
  const username = input.username ?? await generateUsername(rt, input.displayName)
  const taken = [
    ...(input.username && await repo.usernameTaken(rt.db, username) ? [{ path: '/username', message: 'usernameTaken' }] : []),
    ...(input.email && await repo.emailTaken(rt.db, input.email) ? [{ path: '/email', message: 'emailTaken' }] : []),
  ]
  if (taken.length) throw new ValidationError('Already taken', taken)
  let user
  try {
    user = await createUser(rt, { role: 'youth', username, displayName: input.displayName, email: input.email, organisationId: orgId, locale: actor.locale === 'en' ? 'en' : 'fr' })
  } catch (e) {
    if (isUniqueViolation(e, 'username')) throw new ValidationError('Already taken', [{ path: '/username', message: 'usernameTaken' }])
    if (isUniqueViolation(e, 'email')) throw new ValidationError('Already taken', [{ path: '/email', message: 'emailTaken' }])
    throw e
  }
  try {
    const link = await createLink(rt, { purpose: 'activation', userId: user.id, organisationId: orgId, createdBy: actor.id, now })
    return { user: { id: user.id, displayName: input.displayName, username }, link: { url: link.url, expiresAt: link.expiresAt } }
  } catch (e) {
    // No account without a way in: undo the user if its link could not be stored.
    await repo.deleteUser(rt.db, user.id)
    throw e
  }
}

/**
 * A new activation link for a young person this organisation onboarded who has not activated yet;
 * their earlier links stop working. @throws AppError FORBIDDEN, NOT_FOUND, CONFLICT (already active).
 */
export async function regenerateActivationLink(rt: Pick<Runtime, 'db' | 'env'>, actor: SessionUser, userId: string, now = new Date()): Promise<CreatedYoungPerson> {
  const orgId = staffOrganisationId(actor)
  const person = await getYoungPersonOrThrow(rt, actor, userId)
  if (person.organisation_id !== orgId) throw new AppError('NOT_FOUND', 'No such young person onboarded by this organisation')
  if (person.activated_at) throw new AppError('CONFLICT', 'This account is already activated')
  await repo.deleteOpenActivationLinks(rt.db, person.id)
  const link = await createLink(rt, { purpose: 'activation', userId: person.id, organisationId: orgId, createdBy: actor.id, now })
  return { user: { id: person.id, displayName: person.display_name, username: person.username }, link: { url: link.url, expiresAt: link.expiresAt } }
}
