// Real bytes for the bulk CSV tests, built by hand (not by the library under test): what Excel
// writes on French Windows ("CSV (séparateur : point-virgule)": Windows-1252), "CSV UTF-8" (with a
// byte-order mark) and "Texte Unicode" (UTF-16 LE with a mark).

const SPECIAL: Record<string, number> = { '’': 0x92, '€': 0x80, 'œ': 0x9c }

/** Windows-1252 bytes of a text (Latin-1 letters are their own byte; the typographic apostrophe is 0x92). */
export function cp1252(text: string): Buffer {
  return Buffer.from([...text].map((c) => {
    const code = c.charCodeAt(0)
    if (SPECIAL[c] !== undefined) return SPECIAL[c]
    if (code < 0x80 || (code > 0x9f && code < 0x100)) return code
    throw new Error(`not in Windows-1252: ${c}`)
  }))
}

export const utf8Bom = (text: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])
export const utf16leBom = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
