'use server'
import { cookies, headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { setSessionCookie } from '@/lib/auth/cookies'
import { createSession } from '@/lib/auth/sessions'
import { ValidationError } from '@/lib/errors'
import { isLocale, LOCALE_COOKIE } from '@/lib/i18n/config'
import { keepValues, validationFieldErrors, zodFieldErrors, type FieldErrors } from '@/lib/onboarding/form-errors'
import { clientAddress, registerOrganisation, REGISTER_GLOBAL_LIMIT, REGISTER_LIMIT } from '@/lib/orgs/registration'
import { RegisterOrganisationSchema } from '@/lib/orgs/schemas'
import { getRuntime } from '@/lib/runtime'
import { hit } from '@/lib/security/rate-limit'

export type RegisterState = { ok: false; fieldErrors?: FieldErrors; error?: 'tooManyAttempts'; values: Record<string, string>; at: number } | undefined

const FIELDS = ['organisationName', 'slug', 'kind', 'region', 'displayName', 'username', 'email']

/**
 * Public: an organisation registers itself with its first staff member, PENDING until an admin
 * approves it; the person is signed in and lands on the issuer space, which says it is waiting.
 * Rate-limited per client address and in all (lib/orgs/registration.ts).
 */
export async function registerOrganisationAction(_: RegisterState, form: FormData): Promise<RegisterState> {
  const values = keepValues(form, FIELDS)
  const fail = (fieldErrors?: FieldErrors, error?: 'tooManyAttempts'): RegisterState => ({ ok: false, fieldErrors, error, values, at: Date.now() })
  const input = RegisterOrganisationSchema.safeParse({ ...values, password: form.get('password') ?? '', confirm: form.get('confirm') ?? '' })
  if (!input.success) return fail(zodFieldErrors(input.error))
  const rt = await getRuntime()
  const address = clientAddress(await headers())
  const [mine, everyone] = [await hit(rt, `register:${address}`, REGISTER_LIMIT), await hit(rt, 'register:*', REGISTER_GLOBAL_LIMIT)]
  if (!mine.allowed || !everyone.allowed) return fail(undefined, 'tooManyAttempts')
  const locale = (await cookies()).get(LOCALE_COOKIE)?.value
  let account
  try {
    account = await registerOrganisation(rt, input.data, { locale: isLocale(locale) ? locale : 'fr' })
  } catch (e) {
    if (e instanceof ValidationError) return fail(validationFieldErrors(e))
    throw e
  }
  const session = await createSession(rt, account.userId)
  await setSessionCookie(session.token, session.expiresAt)
  redirect('/issuer')
}
