import { z } from 'zod'

/** The deletion form: the person types their username and their password again. */
export const DeleteAccountSchema = z.object({
  username: z.string().trim().min(1, 'usernameRequired').max(200, 'usernameMismatch'),
  password: z.string().min(1, 'passwordRequired').max(200, 'wrongPassword'),
})
export type DeleteAccountInput = z.infer<typeof DeleteAccountSchema>
