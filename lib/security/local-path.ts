// Where to send a visitor back to after an action (the language switch's `back`): only a path of
// this site. A prefix test is not enough: browsers read `/\evil.example` as `//evil.example`.

const BASE = 'http://tremplin.invalid'

/**
 * The path, query and hash of `back` when it resolves to this site's origin; `fallback` otherwise
 * (another origin, `//host`, `/\host`, a scheme, control characters, anything not a string).
 */
export function localPathOr(back: unknown, fallback = '/'): string {
  if (typeof back !== 'string' || !back.startsWith('/') || back.length > 2000) return fallback
  // Tabs and newlines are dropped by URL parsing (`/\t/evil.example` is `//evil.example`): refuse them.
  if (/[\u0000-\u001f\u007f]/.test(back)) return fallback
  let url: URL
  try { url = new URL(back, BASE) } catch { return fallback }
  if (url.origin !== BASE) return fallback
  return `${url.pathname}${url.search}${url.hash}`
}

/** A URL path segment decoded, or undefined when it is not valid percent-encoding (`%ZZ`). */
export function decodePathSegment(segment: string): string | undefined {
  try { return decodeURIComponent(segment) } catch { return undefined }
}
