'use server'
import { requireRole } from '@/lib/auth/guards'
import { setAccountPassword, type PasswordSet } from '@/lib/auth/password-change'
import { SetAccountPasswordSchema } from '@/lib/auth/schemas'
import { ValidationError } from '@/lib/errors'
import { keepValues, validationFieldErrors, zodFieldErrors, type FieldErrors } from '@/lib/onboarding/form-errors'
import { getRuntime } from '@/lib/runtime'

export type SetAccountPasswordState =
  /** The password to hand over, shown once: it lives in this answer only, never stored in clear. */
  | { ok: true; set: PasswordSet }
  | { ok: false; fieldErrors: FieldErrors; values: Record<string, string> }
  | undefined

/** The admin sets a new password (typed, or generated) for another account; its sessions end. */
export async function setAccountPasswordAction(_: SetAccountPasswordState, form: FormData): Promise<SetAccountPasswordState> {
  const admin = await requireRole('admin')
  const values = keepValues(form, ['account'])
  const input = SetAccountPasswordSchema.safeParse({ account: form.get('account') ?? undefined, password: form.get('password') ?? undefined })
  if (!input.success) return { ok: false, fieldErrors: zodFieldErrors(input.error), values }
  try {
    return { ok: true, set: await setAccountPassword(await getRuntime(), admin, input.data) }
  } catch (e) {
    if (e instanceof ValidationError) return { ok: false, fieldErrors: validationFieldErrors(e), values }
    throw e
  }
}
