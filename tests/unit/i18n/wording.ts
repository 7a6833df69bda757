// House rules for the words of messages/{fr,en}/*.json, one small function per rule, each returning
// what is wrong with one value (empty when nothing is). wording.test.ts applies them to every file;
// scanners.test.ts-style cases in wording.test.ts show each one can fail.

/** Text with ICU-quoted literals ('{' … ') taken out: a quote that opens one is not an apostrophe. */
function withoutIcuQuotes(value: string): string {
  return value.replace(/'[{}][^']*'/g, '').replace(/''/g, '')
}

/** English: no space (of any kind) before ":", ";", "?" or "!" ("The situation : …" → "The situation: …"). */
export function englishSpaceBeforePunctuation(value: string): string[] {
  return [...value.matchAll(/[ \u00a0\u202f]([:;?!])/g)].map((m) => `space before "${m[1]}"`)
}

/**
 * French: a non-breaking space (U+00A0 or U+202F) before ":", ";", "?", "!" and inside « »; never a
 * plain space, never none (a ":" glued to a word is left alone when no space follows: "did:web", "14:00").
 */
export function frenchSpaceBeforePunctuation(value: string): string[] {
  const text = withoutIcuQuotes(value)
  const out: string[] = []
  for (const m of text.matchAll(/ ([:;?!»])/g)) out.push(`plain space before "${m[1]}"`)
  if (text.includes('« ')) out.push('plain space after "«"')
  for (const m of text.matchAll(/[\p{L}\d)’}]([;?!])/gu)) out.push(`no space before "${m[1]}"`)
  for (const m of text.matchAll(/[\p{L})’}](:)(?=\s)/gu)) out.push(`no space before "${m[1]}"`)
  return out
}

/** French: the typographic apostrophe ’, never the straight one (ICU quoting aside). */
export function frenchStraightApostrophe(value: string): string[] {
  return withoutIcuQuotes(value).includes("'") ? ['straight apostrophe'] : []
}

// Placeholders that hold a number or a date: "de {count}", "le {date}" need no elision.
const NOT_A_WORD = /^(n|count|max|min|minutes|hours|days|step|steps|total|size|limit|percent|date|since|start|end|time|year)$|(Date|At|On|Count|Number)$/

/**
 * French: "de {name}" / "que {name}" reads "de Inès" when the name starts with a vowel. Such a
 * message elides through `{elision, select, yes {d’{name}} other {de {name}}}` (see
 * lib/i18n/elision.ts), or is rephrased ("par {name}", "pour {name}").
 */
export function frenchElision(value: string): string[] {
  if (/\{elision, select,/.test(value)) return []
  return [...value.matchAll(/(?<!\p{L})(de|que|jusque|lorsque|puisque) \{(\w+)\}/giu)]
    .filter((m) => !NOT_A_WORD.test(m[2]!))
    .map((m) => `"${m[1]} {${m[2]}}" without elision`)
}

// The one inclusive form of each role noun (as in common.roles), singular and plural.
const ROLE_FORMS: Record<string, string[]> = {
  conseiller: ['conseiller·ère', 'conseiller·ères'],
  tuteur: ['tuteur·rice', 'tuteur·rices'],
  recruteur: ['recruteur·euse', 'recruteur·euses'],
  administrateur: ['administrateur·rice', 'administrateur·rices'],
}

/**
 * French: one inclusive form everywhere. Role nouns take the form above ("conseiller·e",
 * "tuteur·trice", "recruteur(se)" and the feminine on its own in a doublet — "ton conseiller ou ta
 * conseillère" — are reported); other words take "·e"/"·es" ("inscrit·e"), never "(e)" or ".e".
 */
export function frenchInclusiveForm(value: string): string[] {
  const out: string[] = []
  for (const m of value.matchAll(/\p{L}+(?:[·.]\p{L}+|\(\p{L}+\))+/gu)) {
    const word = m[0].toLowerCase()
    const stem = Object.keys(ROLE_FORMS).find((s) => word.startsWith(s) && /[·.(]/.test(word))
    if (stem) {
      if (!ROLE_FORMS[stem]!.includes(word)) out.push(`"${m[0]}" is not ${ROLE_FORMS[stem]!.join(' / ')}`)
    } else if (/\(\p{L}+\)$/u.test(word) || /\.(e|es)$/.test(word)) {
      out.push(`"${m[0]}" is not written with "·"`)
    } else if (word.includes('·') && !/^\p{L}+·(e|es)$/u.test(word)) {
      out.push(`"${m[0]}" is not a "·e" form`)
    }
  }
  for (const m of value.matchAll(/(?<![·\p{L}])(conseillères?|tutrices?|recruteuses?|administratrices?)(?!\p{L})/giu)) {
    out.push(`"${m[1]}" on its own: write the one inclusive form`)
  }
  return out
}

// Words for integrators; on the main screens of a young person or a recruiter they say nothing
// (issue 12): they go inside a "Détails techniques / Technical details" disclosure.
const TECHNICAL = /(?<![\p{L}\d])(JSON|JWT|clés?|keys?|présentations?|presentations?|W3C)(?![\p{L}\d])/giu
// "DID" in capitals or a DID itself ("did:key:…"): the English verb "did" is fine.
const DID = /(?<![\p{L}\d])(DIDs?|did:\p{L}+)(?![\p{L}\d])/gu
// Everyday phrases that hold one of those words and are not technical.
const PLAIN_PHRASES = /compétences? clés?|key competences?|clés? de l’UE/giu

/** A technical word in a value shown on a young person's or a recruiter's main screen. */
export function technicalWords(value: string): string[] {
  const text = value.replace(PLAIN_PHRASES, '')
  const dids = [...text.matchAll(DID)]
  return [...dids, ...text.replace(DID, ' ').matchAll(TECHNICAL)].map((m) => `technical word "${m[1]}"`)
}
