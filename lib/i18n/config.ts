export const LOCALES = ['fr', 'en'] as const
export type Locale = (typeof LOCALES)[number]
export const DEFAULT_LOCALE: Locale = 'fr'
/** The cookie that carries the reader's language; a signed-in user's choice is also kept on their account. */
export const LOCALE_COOKIE = 'NEXT_LOCALE'

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}

/** The best of our locales for an Accept-Language header (French when nothing matches). */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale {
  if (!header) return DEFAULT_LOCALE
  const ranked = header.split(',').map((part) => {
    const [tag, ...params] = part.trim().split(';')
    const q = Number(params.find((p) => p.trim().startsWith('q='))?.trim().slice(2) ?? '1')
    return { lang: (tag ?? '').toLowerCase().split('-')[0], q: Number.isFinite(q) ? q : 0 }
  }).sort((a, b) => b.q - a.q)
  return ranked.map((r) => r.lang).find(isLocale) ?? DEFAULT_LOCALE
}
