import { cookies } from 'next/headers'
import { LOCALE_COOKIE, type Locale } from '@/lib/i18n/config'
import { getRuntime } from '@/lib/runtime'
import { SESSION_COOKIE } from './sessions'

/** httpOnly, SameSite=Lax, Secure in production (browsers accept Secure cookies on http://localhost). */
export async function setSessionCookie(token: string, expiresAt: Date) {
  const { env } = await getRuntime()
  ;(await cookies()).set(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: env.production, path: '/', expires: expiresAt })
}

export async function clearSessionCookie() {
  ;(await cookies()).delete(SESSION_COOKIE)
}

/** The language cookie: readable by nothing but the server too, remembered for a year. */
export async function setLocaleCookie(locale: Locale) {
  const { env } = await getRuntime()
  ;(await cookies()).set(LOCALE_COOKIE, locale, { httpOnly: true, sameSite: 'lax', secure: env.production, path: '/', maxAge: 365 * 24 * 3600 })
}
