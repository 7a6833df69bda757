import { z } from 'zod'

export const SignInSchema = z.object({
  identifier: z.string().trim().min(1, 'required').max(200),
  password: z.string().min(1, 'required').max(200),
})

/** A password a person can remember and an attacker cannot guess quickly. */
export const NewPasswordSchema = z.string().min(10, 'password_too_short').max(200, 'password_too_long')

// Passwords of a signed-in account (docs/decisions/033-safe-first-start.md). Messages are keys of
// `account.password.errors` (fr, en), translated by the forms.

/** Changing one's own password: the current one, the new one twice. */
export const ChangePasswordSchema = z.object({
  currentPassword: z.string({ error: 'required' }).min(1, 'required').max(200, 'password_too_long'),
  newPassword: NewPasswordSchema,
  confirm: z.string({ error: 'required' }),
})
  .refine((v) => v.newPassword === v.confirm, { path: ['confirm'], message: 'passwordsDiffer' })
  .refine((v) => v.newPassword !== v.currentPassword, { path: ['newPassword'], message: 'samePassword' })

/** The admin sets a new password for an account: typed, or left empty to have one generated. */
export const SetAccountPasswordSchema = z.object({
  account: z.string({ error: 'required' }).trim().toLowerCase().min(1, 'required').max(200, 'tooLong'),
  password: z.preprocess((v) => (v === '' ? undefined : v), NewPasswordSchema.optional()),
})

export type ChangePasswordInput = z.output<typeof ChangePasswordSchema>
export type SetAccountPasswordInput = z.output<typeof SetAccountPasswordSchema>
