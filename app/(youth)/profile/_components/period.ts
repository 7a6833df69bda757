import type { useFormatter } from 'next-intl'

type Formatter = ReturnType<typeof useFormatter>

/** 'YYYY-MM' as "March 2025" in the reader's language. */
export function monthLabel(format: Formatter, month: string): string {
  const [y, m] = month.split('-').map(Number)
  return format.dateTime(new Date(Date.UTC(y!, (m ?? 1) - 1, 1)), { month: 'long', year: 'numeric', timeZone: 'UTC' })
}
