import { CsvError, parseCsv } from '@/lib/taxonomy/csv'

// The bulk-issuing CSV (documented in docs/decisions/012-bulk-issuing.md and on the upload page):
// a header row naming the columns (any order, case ignored), then one young person per row.
// Parsed with the project's RFC 4180 reader (lib/taxonomy/csv, tested); no CSV package is installed.

export const BULK_COLUMNS = ['person', 'skill', 'level', 'observation', 'evidence_level', 'evidence_url', 'valid_until', 'language'] as const
export type BulkColumn = (typeof BULK_COLUMNS)[number]
export const REQUIRED_COLUMNS: readonly BulkColumn[] = ['person', 'skill', 'level', 'observation']

export const MAX_FILE_BYTES = 2 * 1024 * 1024
export const MAX_ROWS = 1000

export type CsvRecord = Partial<Record<BulkColumn, string>>

export type CsvFileError =
  | { key: 'fileEmpty' }
  | { key: 'fileTooLarge' }
  | { key: 'tooManyRows'; rows: number }
  | { key: 'missingColumns'; columns: string }
  | { key: 'unknownColumns'; columns: string }
  | { key: 'badCsv'; line: number }

export type ParsedCsv = { ok: true; rows: CsvRecord[] } | { ok: false; error: CsvFileError }

/** The file's rows by column, or why the file as a whole cannot be read. */
export async function parseBulkCsv(text: string): Promise<ParsedCsv> {
  if (Buffer.byteLength(text, 'utf8') > MAX_FILE_BYTES) return { ok: false, error: { key: 'fileTooLarge' } }
  // Spreadsheets in French locales save with semicolons: the header tells which.
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/, 1)[0] ?? ''
  const delimiter = firstLine.split(';').length > firstLine.split(',').length ? ';' : ','
  const records: string[][] = []
  try {
    for await (const record of parseCsv([text], delimiter)) {
      records.push(record)
      if (records.length > MAX_ROWS + 1) break
    }
  } catch (e) {
    if (e instanceof CsvError) return { ok: false, error: { key: 'badCsv', line: e.line } }
    throw e
  }
  const [header, ...body] = records
  if (!header) return { ok: false, error: { key: 'fileEmpty' } }
  const names = header.map((h) => h.trim().toLowerCase())
  const unknown = names.filter((n) => n !== '' && !(BULK_COLUMNS as readonly string[]).includes(n))
  if (unknown.length) return { ok: false, error: { key: 'unknownColumns', columns: unknown.join(', ') } }
  const missing = REQUIRED_COLUMNS.filter((c) => !names.includes(c))
  if (missing.length) return { ok: false, error: { key: 'missingColumns', columns: missing.join(', ') } }
  if (!body.length) return { ok: false, error: { key: 'fileEmpty' } }
  if (body.length > MAX_ROWS) {
    // Count them all, to say how many there are.
    let total = 0
    for await (const _ of parseCsv([text], delimiter)) total++
    return { ok: false, error: { key: 'tooManyRows', rows: total - 1 } }
  }
  const rows = body.map((fields) => {
    const row: CsvRecord = {}
    names.forEach((name, i) => {
      if (name) row[name as BulkColumn] = (fields[i] ?? '').trim()
    })
    return row
  })
  return { ok: true, rows }
}

/** A field for a CSV file: quoted when it holds a comma, quote or line break (RFC 4180). */
export function csvField(value: string | number | null | undefined): string {
  const s = value == null ? '' : String(value)
  // A cell starting with = + - @ is a formula in spreadsheets: neutralised with a leading quote.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s
  return /[",\r\n;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

export function toCsv(rows: (string | number | null | undefined)[][]): string {
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n'
}

/**
 * The downloadable template: the header and two example rows. The example end of validity is the
 * end of next year, so that the example row is never refused as a date already past.
 */
export function bulkCsvTemplate(now = new Date()): string {
  return toCsv([
    [...BULK_COLUMNS],
    ['samira', 'Customer service', 'practising', 'Welcomed customers at the counter for two weeks, calmly and politely.', 'witnessed', '', '', 'en'],
    ['lucas@example.org', 'Travail en équipe', 'autonomous', 'A organisé seul la mise en rayon avec deux collègues.', 'assessed', 'https://example.org/photo', `${now.getUTCFullYear() + 1}-12-31`, 'fr'],
  ])
}
