import { z } from 'zod'
import { ValidationError } from '@/lib/errors'
import { USERNAME_PATTERN } from '@/lib/onboarding/schemas'
import type { Runtime } from '@/lib/runtime'
import { generatePassword } from './generated-password'
import * as repo from './repository'
import { NewPasswordSchema } from './schemas'
import { createUser } from './service'

// The first real admin of a deployment (`npm run vc -- admin create`, docs/decisions/033): on a
// public server there is no demo admin with a public password, so the operator makes one here.

export const CreateAdminSchema = z.object({
  username: z.string().trim().toLowerCase().regex(USERNAME_PATTERN, '3 to 40 characters: lower-case letters without accents, digits, dot, dash or underscore'),
  displayName: z.string().trim().min(2, 'at least 2 characters').max(100, '100 characters at most'),
  password: NewPasswordSchema.optional(),
})

/** NewPasswordSchema's messages are keys the forms translate; the CLI says them in words. */
const PLAIN: Record<string, string> = { password_too_short: 'at least 10 characters', password_too_long: '200 characters at most' }

/**
 * Creates an admin account. Without a password one is generated, returned once (never stored in
 * clear). A username or e-mail already used (compared lower-cased) is refused.
 * @throws ValidationError naming each bad field (`username`: taken, `password`: password_too_short…).
 */
export async function createAdmin(rt: Runtime, input: z.input<typeof CreateAdminSchema>): Promise<{ id: string; username: string; password: string; generated: boolean; admins: number }> {
  const parsed = CreateAdminSchema.safeParse(input)
  if (!parsed.success) {
    throw new ValidationError('The admin account was not created', parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: PLAIN[i.message] ?? i.message })))
  }
  const { username, displayName } = parsed.data
  if (await repo.findUserByIdentifier(rt.db, username)) {
    throw new ValidationError('The admin account was not created', [{ path: 'username', message: `"${username}" is already taken` }])
  }
  const password = parsed.data.password ?? generatePassword()
  const user = await createUser(rt, { role: 'admin', username, displayName, password })
  return { id: user.id, username, password, generated: parsed.data.password === undefined, admins: await repo.countAdmins(rt.db) }
}
