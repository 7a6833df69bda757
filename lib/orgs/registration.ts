import { randomUUID } from 'node:crypto'
import { hashPassword } from '@/lib/auth/password'
import { insertUser } from '@/lib/auth/repository'
import { AppError, ValidationError, type FieldError } from '@/lib/errors'
import { isUniqueViolation } from '@/lib/onboarding/access'
import { emailTaken, usernameTaken } from '@/lib/onboarding/repository'
import type { Runtime } from '@/lib/runtime'
import * as repo from './repository'
import { firstStaffRole, type RegisterOrganisationInput } from './schemas'
import { createOrganisation } from './service'

/**
 * An organisation registers itself: it is created PENDING (it cannot issue until an admin
 * approves it) with its first staff member — a counsellor, or an employer tutor for an employer —
 * in one transaction: both or neither. The person may sign in at once, onboard young people and
 * invite colleagues; issuing waits for the approval.
 * @throws ValidationError (`/slug` slugTaken, `/username` usernameTaken, `/email` emailTaken).
 */
export async function registerOrganisation(rt: Runtime, input: RegisterOrganisationInput, { locale = 'fr' }: { locale?: 'fr' | 'en' } = {}) {
  const taken: FieldError[] = [
    ...(await repo.findOrganisationBySlug(rt.db, input.slug) ? [{ path: '/slug', message: 'slugTaken' }] : []),
    ...(await usernameTaken(rt.db, input.username) ? [{ path: '/username', message: 'usernameTaken' }] : []),
    ...(await emailTaken(rt.db, input.email) ? [{ path: '/email', message: 'emailTaken' }] : []),
  ]
  if (taken.length) throw new ValidationError('Already taken', taken)
  const userId = randomUUID()
  const role = firstStaffRole(input.kind)
  const passwordHash = await hashPassword(input.password)
  try {
    const org = await createOrganisation(rt, { slug: input.slug, name: input.organisationName, kind: input.kind, region: input.region }, userId, async (trx, created) => {
      await insertUser(trx, {
        id: userId, email: input.email, username: input.username, display_name: input.displayName, role,
        organisation_id: created.id, did: null, password_hash: passwordHash, locale, created_at: created.created_at, activated_at: created.created_at,
      })
    })
    return { userId, role, organisation: org }
  } catch (e) {
    if (e instanceof AppError && e.code === 'CONFLICT') throw new ValidationError('Already taken', [{ path: '/slug', message: 'slugTaken' }])
    if (isUniqueViolation(e, 'username')) throw new ValidationError('Already taken', [{ path: '/username', message: 'usernameTaken' }])
    if (isUniqueViolation(e, 'email')) throw new ValidationError('Already taken', [{ path: '/email', message: 'emailTaken' }])
    if (isUniqueViolation(e, 'slug')) throw new ValidationError('Already taken', [{ path: '/slug', message: 'slugTaken' }])
    throw e
  }
}
