import { CsvError, parseCsv } from '@/lib/taxonomy/csv'
import { decodeCsvBytes, type CsvEncoding } from './encoding'

// The bulk-issuing CSV (documented in docs/decisions/012-bulk-issuing.md and on the upload page):
// a header row naming the columns (any order, case ignored), then one young person per row.
// Parsed with the project's RFC 4180 reader (lib/taxonomy/csv, tested); no CSV package is installed.
// The bytes are decoded first, in the encoding they were saved in (./encoding.ts).

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

export type Delimiter = ',' | ';' | '\t'
export type ParsedCsv = { ok: true; rows: CsvRecord[]; delimiter: Delimiter } | { ok: false; error: CsvFileError }
export type ReadCsv = (ParsedCsv & { ok: true; encoding: CsvEncoding }) | { ok: false; error: CsvFileError }

/** The bytes of an uploaded file: its encoding found (./encoding.ts), then its rows. */
export async function readBulkCsv(bytes: Uint8Array): Promise<ReadCsv> {
  if (bytes.byteLength > MAX_FILE_BYTES) return { ok: false, error: { key: 'fileTooLarge' } }
  const { text, encoding } = decodeCsvBytes(bytes)
  // The size limit is the file's, already checked: decoded, a Windows-1252 file grows (é: 1 byte → 2).
  const parsed = await parseBulkCsv(text, Infinity)
  return parsed.ok ? { ...parsed, encoding } : parsed
}

/**
 * The separator: the one that splits the header (quotes respected) into the most known column
 * names — a comma inside a quoted name cannot mislead it — then the one giving the most fields.
 */
export function detectDelimiter(text: string): Delimiter {
  const header = firstRecord(text.replace(/^\uFEFF/, ''))
  let best: { d: Delimiter; known: number; fields: number } = { d: ',', known: -1, fields: 0 }
  for (const d of [',', ';', '\t'] as const) {
    const names = splitRecord(header, d).map((n) => n.trim().toLowerCase())
    const known = names.filter((n) => (BULK_COLUMNS as readonly string[]).includes(n)).length
    if (known > best.known || (known === best.known && names.length > best.fields)) best = { d, known, fields: names.length }
  }
  return best.d
}

/** The text up to the first line break outside quotes. */
function firstRecord(text: string): string {
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (ch === '"') quoted = !quoted
    else if (!quoted && (ch === '\n' || ch === '\r')) return text.slice(0, i)
  }
  return text
}

/** One record's fields (RFC 4180 quoting). */
function splitRecord(record: string, d: string): string[] {
  const fields: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < record.length; i++) {
    const ch = record[i]!
    if (quoted) {
      if (ch === '"' && record[i + 1] === '"') { field += '"'; i++ } else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"') quoted = true
    else if (ch === d) { fields.push(field); field = '' } else field += ch
  }
  fields.push(field)
  return fields
}

/** The file's rows by column, or why the file as a whole cannot be read. */
export async function parseBulkCsv(text: string, maxBytes = MAX_FILE_BYTES): Promise<ParsedCsv> {
  if (Buffer.byteLength(text, 'utf8') > maxBytes) return { ok: false, error: { key: 'fileTooLarge' } }
  // Spreadsheets in French locales save with semicolons, some tools with tabs: the header tells which.
  const delimiter = detectDelimiter(text)
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
  return { ok: true, rows, delimiter }
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
