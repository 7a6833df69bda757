'use client'
import { useTranslations } from 'next-intl'

/** Translates message keys ("required", "tooLong:120", "duplicate:3") with `pilots.errors`. */
export function usePilotError() {
  const t = useTranslations('pilots.errors')
  return (keys: string[] | string | undefined): string | undefined => {
    const first = Array.isArray(keys) ? keys[0] : keys
    if (!first) return undefined
    const [key = 'invalid', n] = first.split(':')
    return t.has(key) ? t(key, { n: Number(n ?? 0) }) : t('invalid')
  }
}
