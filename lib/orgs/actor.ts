import type { SessionUser } from '@/lib/auth/sessions'
import { AppError } from '@/lib/errors'

/** Who changes the registry of trusted issuers: a signed-in user (who must be the admin), or the command line. */
export type RegistryActor = SessionUser | 'cli'

/**
 * The actor as stored with a change (a user id, or 'cli'), after checking again that a signed-in
 * user is the admin: the page's and the action's guards are not the only line.
 * @throws AppError FORBIDDEN for any other role.
 */
export function registryActorId(by: RegistryActor): string {
  if (by === 'cli') return 'cli'
  if (by.role !== 'admin') throw new AppError('FORBIDDEN', 'Only the admin may change or read the registry of trusted issuers')
  return by.id
}
