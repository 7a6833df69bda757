'use server'
import { setSessionCookie } from '@/lib/auth/cookies'
import { requireUser } from '@/lib/auth/guards'
import { changeOwnPassword } from '@/lib/auth/password-change'
import { ChangePasswordSchema } from '@/lib/auth/schemas'
import { ValidationError } from '@/lib/errors'
import { validationFieldErrors, zodFieldErrors, type FieldErrors } from '@/lib/onboarding/form-errors'
import { getRuntime } from '@/lib/runtime'
import { RateLimitError, waitMinutes } from '@/lib/security/limits'
import { requestAddressKey } from '@/lib/security/request-address'

export type ChangePasswordState =
  | { ok: true }
  /** Field errors are message keys of account.password.errors; `form` is about the whole form. */
  | { ok: false; fieldErrors: FieldErrors; retryAfterMinutes?: number }
  | undefined

const field = (form: FormData, name: string) => (typeof form.get(name) === 'string' ? String(form.get(name)) : undefined)

/**
 * The signed-in person changes their own password (any role). Other browsers signed in to the
 * account are signed out; this one gets a new session. Passwords are never sent back to the form.
 */
export async function changePasswordAction(_: ChangePasswordState, form: FormData): Promise<ChangePasswordState> {
  const user = await requireUser()
  const input = ChangePasswordSchema.safeParse({ currentPassword: field(form, 'currentPassword'), newPassword: field(form, 'newPassword'), confirm: field(form, 'confirm') })
  if (!input.success) return { ok: false, fieldErrors: zodFieldErrors(input.error) }
  const rt = await getRuntime()
  try {
    const session = await changeOwnPassword(rt, user, { input: input.data, address: await requestAddressKey(rt) })
    await setSessionCookie(session.token, session.expiresAt)
    return { ok: true }
  } catch (e) {
    if (e instanceof RateLimitError) return { ok: false, fieldErrors: { form: ['tooManyAttempts'] }, retryAfterMinutes: waitMinutes(e.retryAfterSeconds) }
    if (e instanceof ValidationError) return { ok: false, fieldErrors: validationFieldErrors(e) }
    throw e
  }
}
