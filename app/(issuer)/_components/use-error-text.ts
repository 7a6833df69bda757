'use client'
import { useTranslations } from 'next-intl'

/**
 * Translates the message keys an action returns ("required", "tooShort:10") with the `errors`
 * messages of a namespace; the first error of a field is shown.
 */
export function useErrorText(namespace: 'onboarding' | 'issuer') {
  const t = useTranslations(`${namespace}.errors`)
  return (keys: string[] | undefined): string | undefined => {
    const first = keys?.[0]
    if (!first) return undefined
    const [key = 'invalid', n] = first.split(':')
    return t.has(key) ? t(key, { n: Number(n ?? 0) }) : t('invalid')
  }
}
