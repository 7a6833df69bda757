import { randomUUID } from 'node:crypto'
import { createDidKey } from '@/lib/dids/signer'
import type { Runtime } from '@/lib/runtime'
import { hashPassword } from './password'
import * as repo from './repository'
import { signIn } from './sign-in'

import { ROLES, type Role } from '@/db/enums'
export { ROLES, type Role }

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

/**
 * Checks an identifier and password as `signIn` does (limits first), for a caller with no client
 * address (scripts, tests); requests go through `signIn` with theirs.
 * @throws the errors of `signIn`.
 */
export function authenticate(rt: Pick<Runtime, 'db'>, identifier: string, password: string) {
  return signIn(rt, { identifier, password, address: 'unknown' })
}

/** Where each role lands after signing in. */
export const ROLE_HOME: Record<Role, string> = {
  youth: '/wallet',
  counsellor: '/issuer',
  tutor: '/issuer',
  recruiter: '/directory',
  admin: '/admin',
}
