'use server'
import { cookies } from 'next/headers'
import { redirect } from 'next/navigation'
import { clearSessionCookie, setLocaleCookie, setSessionCookie } from '@/lib/auth/cookies'
import { getCurrentUser } from '@/lib/auth/guards'
import { updateUserLocale } from '@/lib/auth/repository'
import { SignInSchema } from '@/lib/auth/schemas'
import { ROLE_HOME, type Role } from '@/lib/auth/service'
import { signIn } from '@/lib/auth/sign-in'
import { createSession, deleteSession, SESSION_COOKIE } from '@/lib/auth/sessions'
import { AppError } from '@/lib/errors'
import { isLocale } from '@/lib/i18n/config'
import { getRuntime } from '@/lib/runtime'
import { localPathOr } from '@/lib/security/local-path'
import { RateLimitError, waitMinutes } from '@/lib/security/limits'
import { requestAddressKey } from '@/lib/security/request-address'

export type SignInState = {
  ok: false
  error?: 'invalid' | 'required' | 'tooManyAttempts' | 'busy'
  identifier?: string
  /** With tooManyAttempts: how long to wait. */
  retryAfterMinutes?: number
} | undefined

/** Signs in with a username or e-mail and a password; the user's language comes back with them. */
export async function signInAction(_: SignInState, form: FormData): Promise<SignInState> {
  const input = SignInSchema.safeParse(Object.fromEntries(form))
  const identifier = typeof form.get('identifier') === 'string' ? String(form.get('identifier')).slice(0, 200) : ''
  if (!input.success) return { ok: false, error: 'required', identifier }
  const rt = await getRuntime()
  let user
  try {
    user = await signIn(rt, { ...input.data, address: await requestAddressKey(rt) })
  } catch (e) {
    if (e instanceof RateLimitError) return { ok: false, error: 'tooManyAttempts', identifier, retryAfterMinutes: waitMinutes(e.retryAfterSeconds) }
    if (e instanceof AppError && e.code === 'BUSY') return { ok: false, error: 'busy', identifier }
    if (e instanceof AppError && e.code === 'UNAUTHORIZED') return { ok: false, error: 'invalid', identifier }
    throw e
  }
  const { token, expiresAt } = await createSession(rt, user.id)
  await setSessionCookie(token, expiresAt)
  if (isLocale(user.locale)) await setLocaleCookie(user.locale)
  redirect(ROLE_HOME[user.role as Role])
}

export async function signOutAction(): Promise<void> {
  const rt = await getRuntime()
  await deleteSession(rt, (await cookies()).get(SESSION_COOKIE)?.value)
  await clearSessionCookie()
  redirect('/')
}

/** Switches the language: a cookie for everyone, and the account's preference when signed in. */
export async function setLocaleAction(form: FormData): Promise<void> {
  const locale = form.get('locale')
  if (!isLocale(locale)) return
  await setLocaleCookie(locale)
  const user = await getCurrentUser()
  if (user) await updateUserLocale((await getRuntime()).db, user.id, locale)
  redirect(localPathOr(form.get('back')))
}
