import { AppError, ValidationError } from '@/lib/errors'
import type { Runtime } from '@/lib/runtime'
import { enforceLimits } from '@/lib/security/limits'
import { reset } from '@/lib/security/rate-limit'
import { generatePassword } from './generated-password'
import { hashPassword, verifyPassword } from './password'
import * as repo from './repository'
import type { ChangePasswordInput, SetAccountPasswordInput } from './schemas'
import type { Role } from './service'
import { createSession, deleteUserSessions } from './sessions'
import { accountSignInKey, normaliseIdentifier } from './sign-in'

// Passwords of existing accounts (docs/decisions/033-safe-first-start.md): a person changes their
// own with the current one; an admin sets another account's. Either way the account's other
// sessions end: whoever held one (a shared computer, a stolen cookie) must sign in again.

interface Actor { id: string; role: Role }

/** Hashing is bounded process-wide (lib/auth/password.ts): under a sign-in flood, say so on the form. */
function busyAsFormError(e: unknown): never {
  if (e instanceof AppError && e.code === 'BUSY') throw new ValidationError('Busy', [{ path: 'form', message: 'busy' }])
  throw e
}

/**
 * Changes the signed-in person's own password. The current password is checked as sign-in checks
 * it, on the same counters (the account's, the client address's), so a stolen session gets no
 * more guesses than the sign-in page gives. Every session of the account ends, and a new one
 * begins for this browser: its token is returned for the cookie.
 * @throws RateLimitError (RATE_LIMITED) before checking; ValidationError (`currentPassword`:
 *   wrongPassword; `form`: busy); AppError NOT_FOUND when the account is gone.
 */
export async function changeOwnPassword(
  rt: Pick<Runtime, 'db'>,
  user: Pick<Actor, 'id'>,
  { input, address, now = new Date() }: { input: ChangePasswordInput; address: string; now?: Date },
): Promise<{ token: string; expiresAt: Date }> {
  const account = await repo.findUserById(rt.db, user.id)
  if (!account) throw new AppError('NOT_FOUND', 'Account not found')
  await enforceLimits(rt, [['sign-in', `account:${user.id}`], ['sign-in-address', address]], now)
  const matches = account.password_hash ? await verifyPassword(input.currentPassword, account.password_hash).catch(busyAsFormError) : false
  if (!matches) throw new ValidationError('Wrong password', [{ path: 'currentPassword', message: 'wrongPassword' }])
  const hash = await hashPassword(input.newPassword).catch(busyAsFormError)
  const session = await rt.db.transaction().execute(async (trx) => {
    await repo.updatePasswordHash(trx, user.id, hash, now.toISOString())
    await deleteUserSessions({ db: trx }, user.id)
    return createSession({ db: trx }, user.id, now)
  })
  await reset(rt, accountSignInKey(user.id))
  return session
}

export interface PasswordSet {
  username: string
  displayName: string
  /** The password to hand over: shown once, never stored in clear. */
  password: string
  generated: boolean
}

/**
 * The admin sets a new password for another account (named by username or e-mail): the one typed,
 * or a generated one. The account's sessions end and its sign-in counter is cleared (a person
 * locked out by their own tries can sign in with it at once). Their own password, an admin changes
 * like everyone (changeOwnPassword: the current one is asked).
 * @throws AppError FORBIDDEN for anyone but an admin; ValidationError (`account`: unknownAccount
 *   or ownAccount; `form`: busy).
 */
export async function setAccountPassword(rt: Pick<Runtime, 'db'>, admin: Actor, input: SetAccountPasswordInput, now = new Date()): Promise<PasswordSet> {
  if (admin.role !== 'admin') throw new AppError('FORBIDDEN', 'Only an admin sets another account’s password')
  const account = await repo.findUserByIdentifier(rt.db, normaliseIdentifier(input.account))
  if (!account) throw new ValidationError('Unknown account', [{ path: 'account', message: 'unknownAccount' }])
  if (account.id === admin.id) throw new ValidationError('Own account', [{ path: 'account', message: 'ownAccount' }])
  const password = input.password ?? generatePassword()
  const hash = await hashPassword(password).catch(busyAsFormError)
  await rt.db.transaction().execute(async (trx) => {
    await repo.updatePasswordHash(trx, account.id, hash, now.toISOString())
    await deleteUserSessions({ db: trx }, account.id)
  })
  await reset(rt, accountSignInKey(account.id))
  return { username: account.username, displayName: account.display_name, password, generated: input.password === undefined }
}
