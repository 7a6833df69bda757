// A streaming CSV reader (RFC 4180): quoted fields may hold commas, line breaks and doubled
// quotes; CRLF, LF and CR all end a record; a leading UTF-8 byte-order mark is dropped. It reads
// chunk by chunk, so a 100 MB ESCO export never sits in memory. (No CSV package is installed;
// this is small enough to own and is tested in tests/unit/taxonomy/csv.test.ts.)

export class CsvError extends Error {
  readonly line: number
  constructor(message: string, line: number) {
    super(`${message} (line ${line})`)
    this.name = 'CsvError'
    this.line = line
  }
}

const State = { FieldStart: 0, Unquoted: 1, Quoted: 2, QuoteInQuoted: 3 } as const
type State = (typeof State)[keyof typeof State]

/**
 * Yields one array of fields per record. Blank lines are skipped.
 * @throws CsvError when the input ends inside a quoted field.
 */
export async function* parseCsv(source: AsyncIterable<string> | Iterable<string>, delimiter = ','): AsyncGenerator<string[]> {
  let state: State = State.FieldStart
  let field = ''
  let record: string[] = []
  let line = 1
  let recordLine = 1
  let skipLf = false
  let first = true
  const endRecord = (): string[] | undefined => {
    record.push(field)
    const done = record
    field = ''
    record = []
    state = State.FieldStart
    return done.length === 1 && done[0] === '' ? undefined : done
  }
  for await (let chunk of source) {
    if (first && chunk.length > 0) {
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1)
      first = false
    }
    for (let i = 0; i < chunk.length; i++) {
      const ch = chunk[i]!
      if (skipLf) {
        skipLf = false
        if (ch === '\n') continue
      }
      if (state === State.Quoted) {
        if (ch === '"') state = State.QuoteInQuoted
        else {
          if (ch === '\n' || (ch === '\r' && chunk[i + 1] !== '\n')) line++
          field += ch
        }
        continue
      }
      if (state === State.QuoteInQuoted && ch === '"') {
        field += '"'
        state = State.Quoted
        continue
      }
      if (ch === delimiter) {
        record.push(field)
        field = ''
        state = State.FieldStart
      } else if (ch === '\n' || ch === '\r') {
        skipLf = ch === '\r'
        line++
        const done = endRecord()
        recordLine = line
        if (done) yield done
      } else if (state === State.FieldStart && ch === '"') {
        state = State.Quoted
      } else {
        // Text after a closing quote, or a quote inside an unquoted field: kept as written
        // (lenient, as most CSV writers' readers are).
        field += ch
        state = State.Unquoted
      }
    }
  }
  if (state === State.Quoted) throw new CsvError('The file ends inside a quoted field', recordLine)
  if (state !== State.FieldStart || record.length > 0) {
    const done = endRecord()
    if (done) yield done
  }
}
