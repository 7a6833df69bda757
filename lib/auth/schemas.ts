import { z } from 'zod'

export const SignInSchema = z.object({
  identifier: z.string().trim().min(1, 'required').max(200),
  password: z.string().min(1, 'required').max(200),
})

/** A password a person can remember and an attacker cannot guess quickly. */
export const NewPasswordSchema = z.string().min(10, 'password_too_short').max(200, 'password_too_long')
