import chardet from 'chardet'
import iconv from 'iconv-lite'

// Which encoding an uploaded CSV is in (issue 12 §7, decision 012 "Encoding"). Spreadsheets save
// CSV in the encoding of the computer: UTF-8 (with a byte-order mark from Excel's "CSV UTF-8"),
// UTF-16 ("Unicode text"), or — Excel's default "CSV (separator: semicolon)" on French Windows —
// Windows-1252. Decoding one as another gives "matin�e" or "matinÃ©e", which must never be signed.
//
// 1. A byte-order mark decides (UTF-8, UTF-16 LE/BE).
// 2. UTF-16 without a mark shows as a zero byte beside each ASCII letter.
// 3. A file that is valid UTF-8 is UTF-8.
// 4. A file with valid UTF-8 letters AND a few invalid bytes (a row pasted from elsewhere) is read
//    as UTF-8: the bad bytes become U+FFFD, and the rows holding one are refused, the others kept.
// 5. Otherwise a single-byte code page: Windows-1252, unless chardet clearly recognises a non-Latin
//    one (Cyrillic, Greek…). chardet cannot tell Latin code pages apart on files this short
//    (measured: a French file scores 44 for Windows-1252 and 39 for Windows-1250), so they are
//    never chosen over Windows-1252 — and the preview says which encoding was read.

export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | (string & {})

export interface DecodedCsv {
  text: string
  /** The encoding the bytes were read in (an iconv-lite name). */
  encoding: CsvEncoding
  /** A byte-order mark started the file. */
  bom: boolean
}

/** The character a decoder puts for bytes it could not read: a row holding one is never signed. */
export const REPLACEMENT = '\uFFFD'

/** Non-Latin single-byte code pages chardet may name (iconv-lite reads each). */
const NON_LATIN = new Set(['windows-1251', 'koi8-r', 'iso-8859-5', 'windows-1253', 'iso-8859-7', 'windows-1255', 'iso-8859-8', 'windows-1256', 'iso-8859-6'])
const WESTERN = new Set(['iso-8859-1', 'windows-1252', 'iso-8859-15', 'ascii'])
/** How far ahead of every Western guess a non-Latin guess must be to be believed. */
const LEAD = 20

export function decodeCsvBytes(input: Uint8Array): DecodedCsv {
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength)
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: iconv.decode(bytes.subarray(3), 'utf-8'), encoding: 'utf-8', bom: true }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: iconv.decode(bytes.subarray(2), 'utf-16le'), encoding: 'utf-16le', bom: true }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: iconv.decode(bytes.subarray(2), 'utf-16be'), encoding: 'utf-16be', bom: true }
  const utf16 = utf16WithoutBom(bytes)
  if (utf16) return { text: iconv.decode(bytes, utf16), encoding: utf16, bom: false }
  const utf8 = utf8Shape(bytes)
  if (utf8.invalid === 0 || utf8.multibyte > utf8.invalid) return { text: iconv.decode(bytes, 'utf-8'), encoding: 'utf-8', bom: false }
  const encoding = singleByteEncoding(bytes)
  return { text: iconv.decode(bytes, encoding), encoding, bom: false }
}

/** How many well-formed multi-byte UTF-8 sequences and how many invalid bytes the file holds. */
function utf8Shape(bytes: Uint8Array): { multibyte: number; invalid: number } {
  let multibyte = 0
  let invalid = 0
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1
    if (need === 0) { i++; continue }
    let ok = need > 0 && i + need < bytes.length
    for (let k = 1; ok && k <= need; k++) ok = ((bytes[i + k] ?? 0) & 0xc0) === 0x80
    if (ok) { multibyte++; i += need + 1 } else { invalid++; i++ }
  }
  return { multibyte, invalid }
}

/** UTF-16 with no byte-order mark: mostly ASCII text, so one byte of each pair is zero. */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes.length < 4 || bytes.length % 2 !== 0) return undefined
  let evenZero = 0
  let oddZero = 0
  for (let i = 0; i < bytes.length; i += 2) {
    if (bytes[i] === 0) evenZero++
    if (bytes[i + 1] === 0) oddZero++
  }
  const pairs = bytes.length / 2
  if (oddZero > pairs * 0.6 && evenZero === 0) return 'utf-16le'
  if (evenZero > pairs * 0.6 && oddZero === 0) return 'utf-16be'
  return undefined
}

function singleByteEncoding(bytes: Uint8Array): string {
  const guesses = chardet.analyse(bytes).map((g) => ({ name: g.name.toLowerCase(), confidence: g.confidence }))
  const top = guesses[0]
  const western = Math.max(0, ...guesses.filter((g) => WESTERN.has(g.name)).map((g) => g.confidence))
  if (top && NON_LATIN.has(top.name) && iconv.encodingExists(top.name) && top.confidence - western >= LEAD) return top.name
  return 'windows-1252'
}

/** The encoding's name as people know it ("Windows-1252", "UTF-8", "UTF-16"). */
export function encodingLabel(encoding: string): string {
  const e = encoding.toLowerCase()
  if (e === 'utf-8') return 'UTF-8'
  if (e.startsWith('utf-16')) return 'UTF-16'
  if (e.startsWith('windows-')) return `Windows-${e.slice(8)}`
  return e.toUpperCase()
}
