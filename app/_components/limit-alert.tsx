'use client'
import { useTranslations } from 'next-intl'

/**
 * A form's answer when the client is over a limit (`tooManyAttempts`, with minutes to wait) or the
 * server is too busy to check a password now (`busy`); nothing otherwise. Plain words, both languages.
 */
export function LimitAlert({ error, minutes, youth = false }: { error?: string; minutes?: number; youth?: boolean }) {
  const t = useTranslations('common.limits')
  if (error !== 'tooManyAttempts' && error !== 'busy') return null
  const text = error === 'busy' ? t(youth ? 'busyYouth' : 'busy') : t(youth ? 'tooManyYouth' : 'tooMany', { minutes: minutes ?? 60 })
  return <p className="alert alert--error" role="alert">{text}</p>
}
