import { AppError } from '@/lib/errors'
import type { Runtime } from '@/lib/runtime'
import { enforceLimits, limitKey } from '@/lib/security/limits'
import { reset } from '@/lib/security/rate-limit'
import { hashToken } from '@/lib/security/tokens'
import { hashPassword, verifyPassword } from './password'
import * as repo from './repository'

/** How an identifier is compared: `Samira@Example.org ` and `samira@example.org` are one. */
export function normaliseIdentifier(identifier: string): string {
  return identifier.normalize('NFKC').trim().toLowerCase().slice(0, 200)
}

// A real hash of a random password: checking against it when the account does not exist costs
// the same time as a real check, so response times do not tell which accounts exist.
let decoy: Promise<string> | undefined

export interface SignInInput {
  identifier: string
  password: string
  /** The client's address key (lib/security/client-address.ts). */
  address: string
  now?: Date
  /** The password check; tests count calls to it. */
  verify?: (password: string, stored: string) => Promise<boolean>
}

/**
 * Checks an identifier (username or e-mail) and password. Both counters — the account's, whatever
 * identifier names it (an unknown identifier has its own), and the client address's — are counted
 * BEFORE any hashing: a limited client never costs a scrypt. A success clears the account's counter.
 * @throws RateLimitError (RATE_LIMITED) before checking; AppError BUSY when too many hashes wait;
 *   AppError UNAUTHORIZED, the same for an unknown account and a wrong password.
 */
export async function signIn(rt: Pick<Runtime, 'db'>, { identifier, password, address, now = new Date(), verify = verifyPassword }: SignInInput) {
  const normalised = normaliseIdentifier(identifier)
  const user = await repo.findUserByIdentifier(rt.db, normalised)
  // An unknown identifier is counted under its hash: what people type there (sometimes a password,
  // or the name of an erased account) is not kept in clear.
  const account = user ? `account:${user.id}` : `name:${hashToken(normalised).slice(0, 32)}`
  await enforceLimits(rt, [['sign-in', account], ['sign-in-address', address]], now)
  if (!user?.password_hash) {
    decoy ??= hashPassword(Math.random().toString(36)).catch((e) => {
      decoy = undefined
      throw e
    })
    await verify(password, await decoy)
    throw new AppError('UNAUTHORIZED', 'Unknown identifier or wrong password')
  }
  if (!(await verify(password, user.password_hash))) throw new AppError('UNAUTHORIZED', 'Unknown identifier or wrong password')
  await reset(rt, limitKey('sign-in', account))
  return user
}

/** The sign-in counter of an account, for erasing it with the account. */
export const accountSignInKey = (userId: string) => limitKey('sign-in', `account:${userId}`)
