'use server'
import { cookies } from 'next/headers'
import { redirect } from 'next/navigation'
import { setSessionCookie } from '@/lib/auth/cookies'
import { ROLE_HOME } from '@/lib/auth/service'
import { createSession } from '@/lib/auth/sessions'
import { AppError, ValidationError } from '@/lib/errors'
import { isLocale, LOCALE_COOKIE } from '@/lib/i18n/config'
import { keepValues, validationFieldErrors, zodFieldErrors, type FieldErrors } from '@/lib/onboarding/form-errors'
import { JoinSchema } from '@/lib/onboarding/schemas'
import { acceptInvitation } from '@/lib/onboarding/service'
import { getRuntime } from '@/lib/runtime'
import { enforceLimits, RateLimitError, waitMinutes } from '@/lib/security/limits'
import { requestAddressKey } from '@/lib/security/request-address'

export type JoinState = { ok: false; fieldErrors?: FieldErrors; error?: 'linkInvalid' | 'tooManyAttempts' | 'busy'; retryAfterMinutes?: number; values?: Record<string, string> } | undefined

/** Public: the invitee creates their account in the inviting organisation, and is signed in. */
export async function joinAction(_: JoinState, form: FormData): Promise<JoinState> {
  const values = keepValues(form, ['displayName', 'username', 'email'])
  const input = JoinSchema.safeParse({ ...values, token: form.get('token') ?? '', password: form.get('password') ?? '', confirm: form.get('confirm') ?? '' })
  if (!input.success) return { ok: false, fieldErrors: zodFieldErrors(input.error), values }
  const rt = await getRuntime()
  // The language the invitee reads this page in becomes their account's language.
  const locale = (await cookies()).get(LOCALE_COOKIE)?.value
  let account
  try {
    // Per client address, before the link is looked up or a password hashed (guessing links).
    await enforceLimits(rt, [['link', await requestAddressKey(rt)]])
    account = await acceptInvitation(rt, { ...input.data, locale: isLocale(locale) ? locale : 'fr' })
  } catch (e) {
    if (e instanceof RateLimitError) return { ok: false, error: 'tooManyAttempts', retryAfterMinutes: waitMinutes(e.retryAfterSeconds), values }
    if (e instanceof AppError && e.code === 'BUSY') return { ok: false, error: 'busy', values }
    if (e instanceof ValidationError) return { ok: false, fieldErrors: validationFieldErrors(e), values }
    if (e instanceof AppError && e.code === 'NOT_FOUND') return { ok: false, error: 'linkInvalid', values }
    throw e
  }
  const session = await createSession(rt, account.userId)
  await setSessionCookie(session.token, session.expiresAt)
  redirect(ROLE_HOME[account.role])
}
