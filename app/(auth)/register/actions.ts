'use server'
import { cookies } from 'next/headers'
import { redirect } from 'next/navigation'
import { setSessionCookie } from '@/lib/auth/cookies'
import { createSession } from '@/lib/auth/sessions'
import { AppError, ValidationError } from '@/lib/errors'
import { isLocale, LOCALE_COOKIE } from '@/lib/i18n/config'
import { keepValues, validationFieldErrors, zodFieldErrors, type FieldErrors } from '@/lib/onboarding/form-errors'
import { registerOrganisation } from '@/lib/orgs/registration'
import { RegisterOrganisationSchema } from '@/lib/orgs/schemas'
import { getRuntime } from '@/lib/runtime'
import { enforceLimits, RateLimitError, waitMinutes } from '@/lib/security/limits'
import { requestAddressKey } from '@/lib/security/request-address'

export type RegisterState = { ok: false; fieldErrors?: FieldErrors; error?: 'tooManyAttempts' | 'busy'; retryAfterMinutes?: number; values: Record<string, string>; at: number } | undefined

const FIELDS = ['organisationName', 'slug', 'kind', 'region', 'displayName', 'username', 'email']

/**
 * Public: an organisation registers itself with its first staff member, PENDING until an admin
 * approves it; the person is signed in and lands on the issuer space, which says it is waiting.
 * Rate-limited per client address and in all (`register`, `register-all` in lib/security/limits.ts).
 */
export async function registerOrganisationAction(_: RegisterState, form: FormData): Promise<RegisterState> {
  const values = keepValues(form, FIELDS)
  const fail = (fieldErrors?: FieldErrors, error?: 'tooManyAttempts' | 'busy', retryAfterMinutes?: number): RegisterState => ({ ok: false, fieldErrors, error, retryAfterMinutes, values, at: Date.now() })
  const input = RegisterOrganisationSchema.safeParse({ ...values, password: form.get('password') ?? '', confirm: form.get('confirm') ?? '' })
  if (!input.success) return fail(zodFieldErrors(input.error))
  const rt = await getRuntime()
  try {
    await enforceLimits(rt, [['register', await requestAddressKey(rt)], ['register-all', '*']])
  } catch (e) {
    if (e instanceof RateLimitError) return fail(undefined, 'tooManyAttempts', waitMinutes(e.retryAfterSeconds))
    throw e
  }
  const locale = (await cookies()).get(LOCALE_COOKIE)?.value
  let account
  try {
    account = await registerOrganisation(rt, input.data, { locale: isLocale(locale) ? locale : 'fr' })
  } catch (e) {
    if (e instanceof ValidationError) return fail(validationFieldErrors(e))
    if (e instanceof AppError && e.code === 'BUSY') return fail(undefined, 'busy')
    throw e
  }
  const session = await createSession(rt, account.userId)
  await setSessionCookie(session.token, session.expiresAt)
  redirect('/issuer')
}
