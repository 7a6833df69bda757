import type { SessionUser } from '@/lib/auth/sessions'
import { AppError } from '@/lib/errors'

/** Counsellors and employer tutors act for their own organisation only. */
export const STAFF_ROLES = ['counsellor', 'tutor'] as const

/**
 * The organisation a counsellor or tutor acts for.
 * @throws AppError FORBIDDEN for any other role, or a staff account without an organisation.
 */
export function staffOrganisationId(actor: SessionUser): string {
  if (!(STAFF_ROLES as readonly string[]).includes(actor.role) || !actor.organisationId) {
    throw new AppError('FORBIDDEN', 'Only a counsellor or a tutor of an organisation may do this')
  }
  return actor.organisationId
}

/** @throws AppError FORBIDDEN unless the actor is the platform's admin. */
export function assertAdmin(actor: SessionUser): void {
  if (actor.role !== 'admin') throw new AppError('FORBIDDEN', 'Only the admin may do this')
}

/** SQLite and PostgreSQL both say "unique" in the message of a unique-constraint violation. */
export function isUniqueViolation(error: unknown, column: string): boolean {
  const message = error instanceof Error ? error.message : ''
  return /unique/i.test(message) && message.includes(column)
}
