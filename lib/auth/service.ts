import { randomUUID } from 'node:crypto'
import { createDidKey } from '@/lib/dids/signer'
import type { Runtime } from '@/lib/runtime'
import { AppError } from '@/lib/errors'
import { hashPassword, verifyPassword } from './password'
import * as repo from './repository'

export const ROLES = ['youth', 'counsellor', 'tutor', 'recruiter', 'admin'] as const
export type Role = (typeof ROLES)[number]

export interface NewUserInput {
  role: Role
  username: string
  displayName: string
  email?: string
  password?: string
  organisationId?: string
  locale?: 'fr' | 'en'
}

/** Creates a user; a young person also gets a wallet: a holder did:key whose key stays encrypted here. */
export async function createUser(rt: Runtime, input: NewUserInput) {
  const id = randomUUID()
  const did = input.role === 'youth' ? (await createDidKey(rt.agent, `user:${id}`)).did : null
  const row = {
    id,
    email: input.email ?? null,
    username: input.username,
    display_name: input.displayName,
    role: input.role,
    organisation_id: input.organisationId ?? null,
    did,
    password_hash: input.password ? await hashPassword(input.password) : null,
    locale: input.locale ?? 'fr',
    created_at: new Date().toISOString(),
    activated_at: input.password ? new Date().toISOString() : null,
  }
  await repo.insertUser(rt.db, row)
  return { id, did, username: row.username, role: row.role }
}

// A real hash of a random password: checking against it when the account does not exist costs
// the same time as a real check, so response times do not tell which accounts exist.
let decoy: Promise<string> | undefined

/**
 * Checks an identifier (username or e-mail) and password.
 * @throws AppError UNAUTHORIZED, the same for an unknown account and a wrong password.
 */
export async function authenticate(rt: Pick<Runtime, 'db'>, identifier: string, password: string) {
  const user = await repo.findUserByIdentifier(rt.db, identifier.trim().toLowerCase())
  if (!user?.password_hash) {
    decoy ??= hashPassword(Math.random().toString(36))
    await verifyPassword(password, await decoy)
    throw new AppError('UNAUTHORIZED', 'Unknown identifier or wrong password')
  }
  if (!(await verifyPassword(password, user.password_hash))) throw new AppError('UNAUTHORIZED', 'Unknown identifier or wrong password')
  return user
}

/** Where each role lands after signing in. */
export const ROLE_HOME: Record<Role, string> = {
  youth: '/wallet',
  counsellor: '/issuer',
  tutor: '/issuer',
  recruiter: '/directory',
  admin: '/admin',
}
