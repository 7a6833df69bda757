// Security headers every response carries. The fixed ones are set in next.config.ts (they apply to
// static files too); the Content-Security-Policy needs a fresh nonce per request and HSTS depends on
// PUBLIC_URL at run time, so proxy.ts sets those two with `requestSecurityHeaders`.

/**
 * Browser features no page needs are switched off; the camera stays allowed for this origin only
 * (/verify scans QR codes with it). Only features Chromium knows, so the console stays quiet.
 */
export const PERMISSIONS_POLICY = [
  'camera=(self)', 'microphone=()', 'geolocation=()', 'payment=()', 'usb=()', 'serial=()', 'bluetooth=()',
  'hid=()', 'display-capture=()', 'browsing-topics=()',
].join(', ')

/** Fixed-value headers for every path (next.config.ts `headers()`). */
export const FIXED_SECURITY_HEADERS: { key: string; value: string }[] = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  // Legacy browsers' version of `frame-ancestors 'none'`.
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: PERMISSIONS_POLICY },
  // No other site's window keeps a handle on ours (tab-nabbing, cross-window leaks).
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
]

/** Pages whose URL carries a secret (share, activation, invitation tokens) never leak it. */
export const NO_REFERRER_PATHS = ['/p/:path*', '/activate/:path*', '/join/:path*']

/** One year; no `includeSubDomains`: other hosts of the deployer's domain are not ours to pin. */
export const HSTS = 'max-age=31536000'

/** 128 random bits, base64: what a `'nonce-…'` source holds. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return btoa(String.fromCharCode(...bytes))
}

/**
 * The page's CSP. Scripts: only those carrying this request's nonce (Next adds it to its own) and
 * what they load ('strict-dynamic'); 'self' stays for browsers without CSP 3. Styles: our
 * stylesheets and nonced <style> only — the app sets no style attribute. Images: blob: for the
 * issuer's photo preview, data: for inline SVG/QR images. Dev only: React needs eval for its
 * debug stacks. `upgrade-insecure-requests` only when served over https (it would break plain http).
 */
export function contentSecurityPolicy({ nonce, dev = false, https = false }: { nonce: string; dev?: boolean; https?: boolean }): string {
  if (!/^[A-Za-z0-9+/=]{16,}$/.test(nonce)) throw new TypeError('nonce must be base64 of at least 12 bytes')
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "media-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ')
}

/** True when PUBLIC_URL says the instance is reached over https. */
export function servedOverHttps(publicUrl: string | undefined): boolean {
  if (!publicUrl) return false
  try { return new URL(publicUrl).protocol === 'https:' } catch { return false }
}

/**
 * Files people upload, served back (evidence photos): no script, no style, no plug-in, and a
 * sandbox, whatever the bytes are. The proxy's header wins over the route's, so it says this too.
 */
export const FILE_CSP = "default-src 'none'; sandbox"
const FILE_ROUTES = [/^\/wallet\/[^/]+\/photo$/, /^\/p\/[^/]+\/photo\/[^/]+$/]
export const isFileRoute = (pathname: string) => FILE_ROUTES.some((r) => r.test(pathname))

/** The per-request headers proxy.ts sets: the CSP with this nonce (FILE_CSP for uploaded files), and HSTS when over https. */
export function requestSecurityHeaders({ nonce, publicUrl, dev = false, pathname = '/' }: { nonce: string; publicUrl?: string; dev?: boolean; pathname?: string }): Record<string, string> {
  const https = servedOverHttps(publicUrl)
  return {
    'Content-Security-Policy': isFileRoute(pathname) ? FILE_CSP : contentSecurityPolicy({ nonce, dev, https }),
    ...(https ? { 'Strict-Transport-Security': HSTS } : {}),
  }
}
