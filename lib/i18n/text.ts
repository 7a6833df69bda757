// Small text helpers shared by the server and the client (no server-only import here).

/**
 * The text with its first letter in upper case, in the reader's language ("travailler en équipe"
 * → "Travailler en équipe", "œuvrer" → "Œuvrer"). Leading spaces, quotes or digits are kept and
 * the first *letter* is the one raised; the rest is left as written (ESCO labels are lower case,
 * a person's own title may hold capitals on purpose). Used where a badge title is set at issuing
 * and to display titles of badges issued before that.
 */
export function capitalise(text: string, locale: string): string {
  const match = /\p{L}/u.exec(text)
  if (!match) return text
  const i = match.index
  // A letter can be two UTF-16 units (outside the BMP): take the whole code point.
  const letter = String.fromCodePoint(text.codePointAt(i)!)
  let upper: string
  try {
    upper = letter.toLocaleUpperCase(locale)
  } catch {
    upper = letter.toUpperCase()
  }
  return text.slice(0, i) + upper + text.slice(i + letter.length)
}
