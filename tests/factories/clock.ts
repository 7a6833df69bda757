// One clock per test world. A world reads the time once, when it is made (the real time, so that
// the services a test leaves to their own clock agree with it), and every other instant of the
// test is derived from it: issuing, presenting and verifying all see the same time, and the suite
// passes on any date (README, "Tests on any date"). A fixed calendar date is fine only where the
// same fixed date drives issuing and viewing alike, or where only its distance to another fixed
// date matters.

export const MINUTE_MS = 60_000
export const HOUR_MS = 3_600_000
export const DAY_MS = 86_400_000

/** The instant `ms` milliseconds after `from` (before it when negative). */
export const msAfter = (from: Date, ms: number): Date => new Date(from.getTime() + ms)

/** The instant `days` days after `from` (before it when negative). */
export const daysAfter = (from: Date, days: number): Date => msAfter(from, days * DAY_MS)

/** The calendar day (YYYY-MM-DD, UTC) `days` days after `from`, as forms and CSV files write a date. */
export const dayAfter = (from: Date, days: number): string => daysAfter(from, days).toISOString().slice(0, 10)

/** The month (YYYY-MM, UTC) `months` months after `from`'s month, as experiences write a date. */
export function monthAfter(from: Date, months: number): string {
  const d = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + months, 1))
  return d.toISOString().slice(0, 7)
}

/** An instant as credentials write it: ISO 8601 to the second (`…T10:00:00Z`). */
export const isoSeconds = (at: Date): string => at.toISOString().replace(/\.\d{3}Z$/, 'Z')
