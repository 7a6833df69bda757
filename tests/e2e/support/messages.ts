import { createTranslator } from 'next-intl'
import en from '@/messages/en'
import fr from '@/messages/fr'
import type { Locale } from './browser'

const MESSAGES = { fr, en }

/**
 * The app's own words, so that tests find buttons and labels the way people do (by their text) in
 * either language. A key that does not exist fails the test: the page it belongs to is not ready.
 */
export function translator(locale: Locale) {
  const t = createTranslator({
    locale,
    messages: MESSAGES[locale] as Record<string, unknown>,
    timeZone: 'Europe/Paris',
    onError: (error) => {
      throw new Error(`messages/${locale}: ${error.message}`)
    },
  })
  return (key: string, values?: Record<string, string | number | Date>) => t(key as never, values as never) as string
}

export type T = ReturnType<typeof translator>

/** `s` as a regular expression matching it literally (for accessible names that start with a message). */
export function escapeRegExp(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
