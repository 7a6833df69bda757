/**
 * The placeholders of an ICU message as next-intl reads it: arguments (`{name}`, `{count, plural, …}`,
 * also those nested in plural/select branches) and rich-text tags (`<link>…</link>` → `<link>`).
 * @throws SyntaxError on unbalanced braces, so that a broken message fails the test that reads it.
 */
export function placeholdersOf(message: string): Set<string> {
  const found = new Set<string>()
  const end = readMessage(message, 0, found, false)
  if (end !== message.length) throw new SyntaxError(`unexpected "}" at ${end} in: ${message}`)
  return found
}

const COMPLEX = new Set(['plural', 'select', 'selectordinal'])

// Reads message text from `i` up to an unmatched "}" (inside a branch) or the end; returns that index.
function readMessage(s: string, i: number, found: Set<string>, nested: boolean): number {
  while (i < s.length) {
    const c = s[i]
    if (c === "'" && (s[i + 1] === '{' || s[i + 1] === '}')) {
      // ICU quoting: '{…}' is literal text.
      const close = s.indexOf("'", i + 1)
      i = close === -1 ? s.length : close + 1
    } else if (c === '{') {
      i = readArgument(s, i + 1, found)
    } else if (c === '}') {
      return i
    } else if (c === '<') {
      const tag = /^<\/?([A-Za-z][\w-]*)>/.exec(s.slice(i))
      if (tag) found.add(`<${tag[1]}>`)
      i += tag ? tag[0].length : 1
    } else {
      i++
    }
  }
  if (nested) throw new SyntaxError(`unclosed "{" in: ${s}`)
  return i
}

// Reads `name}` or `name, type}` or `name, plural, one {…} other {…}}`; returns the index after "}".
function readArgument(s: string, i: number, found: Set<string>): number {
  const head = /^\s*([^\s,{}]+)\s*(?:,\s*(\w+)\s*)?/.exec(s.slice(i))
  if (!head) throw new SyntaxError(`empty argument at ${i} in: ${s}`)
  found.add(head[1]!)
  i += head[0].length
  const type = head[2]
  if (s[i] === '}') return i + 1
  if (s[i] !== ',') throw new SyntaxError(`malformed argument "${head[1]}" in: ${s}`)
  i++
  if (type && COMPLEX.has(type)) {
    // Branches: selector {message} … until the argument's own "}".
    while (i < s.length) {
      while (/\s/.test(s[i] ?? '')) i++
      if (s[i] === '}') return i + 1
      const selector = /^(?:offset:\d+|=?[^\s{}]+)/.exec(s.slice(i))
      if (!selector) throw new SyntaxError(`malformed branch in: ${s}`)
      i += selector[0].length
      while (/\s/.test(s[i] ?? '')) i++
      if (selector[0].startsWith('offset:')) continue
      if (s[i] !== '{') throw new SyntaxError(`branch "${selector[0]}" has no message in: ${s}`)
      i = readMessage(s, i + 1, found, true) + 1
    }
    throw new SyntaxError(`unclosed "{" in: ${s}`)
  }
  // number/date/time with a style or skeleton: skip to the matching "}".
  let depth = 1
  while (i < s.length && depth > 0) {
    if (s[i] === '{') depth++
    else if (s[i] === '}') depth--
    i++
  }
  if (depth > 0) throw new SyntaxError(`unclosed "{" in: ${s}`)
  return i
}
