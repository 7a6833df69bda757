import { hashPassword } from '@/lib/auth/password'
import { AppError } from '@/lib/errors'
import type { Runtime } from '@/lib/runtime'
import { findUsableLink } from './links'
import * as repo from './repository'

/** What the activation page may show: the first name and username, nothing else. */
export type ActivationView = { status: 'valid'; firstName: string; username: string } | { status: 'invalid' }

export const firstName = (displayName: string) => displayName.trim().split(/\s+/)[0] ?? displayName

/** An unknown, used and expired link look the same from outside: "this link no longer works". */
export async function viewActivation(rt: Pick<Runtime, 'db'>, token: unknown, now = new Date()): Promise<ActivationView> {
  const link = await findUsableLink(rt, token, 'activation', now)
  if (!link?.user_id || !link.display_name || !link.username || link.activated_at) return { status: 'invalid' }
  return { status: 'valid', firstName: firstName(link.display_name), username: link.username }
}

/**
 * The young person chooses their password: the link is consumed and the password set in one
 * transaction, so a link works once even when two requests race.
 * @returns the activated user's id. @throws AppError NOT_FOUND for an unusable link.
 */
export async function activateAccount(rt: Pick<Runtime, 'db'>, { token, password, now = new Date() }: { token: string; password: string; now?: Date }): Promise<string> {
  const link = await findUsableLink(rt, token, 'activation', now)
  if (!link?.user_id || link.activated_at) throw new AppError('NOT_FOUND', 'This activation link does not work')
  const userId = link.user_id
  const passwordHash = await hashPassword(password)
  const at = now.toISOString()
  const done = await rt.db.transaction().execute(async (trx) => {
    if (!(await repo.consumeAccountLink(trx, link.id, at))) return false
    await repo.setPassword(trx, userId, passwordHash, at)
    await repo.deleteOpenActivationLinks(trx, userId)
    return true
  })
  if (!done) throw new AppError('NOT_FOUND', 'This activation link does not work')
  return userId
}
