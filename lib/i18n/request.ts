import { cookies, headers } from 'next/headers'
import { getRequestConfig } from 'next-intl/server'
import { isLocale, LOCALE_COOKIE, localeFromAcceptLanguage, type Locale } from './config'

const MESSAGES = {
  fr: () => import('@/messages/fr'),
  en: () => import('@/messages/en'),
} satisfies Record<Locale, () => Promise<{ default: object }>>

/** The request's language: the language cookie (set by the switch and at sign-in), else the browser's. */
export async function resolveLocale(): Promise<Locale> {
  const fromCookie = (await cookies()).get(LOCALE_COOKIE)?.value
  if (isLocale(fromCookie)) return fromCookie
  return localeFromAcceptLanguage((await headers()).get('accept-language'))
}

export default getRequestConfig(async () => {
  const locale = await resolveLocale()
  return {
    locale,
    messages: (await MESSAGES[locale]()).default,
    timeZone: 'Europe/Paris',
  }
})
