import { NextResponse, type NextRequest } from 'next/server'
import { ACTION_BODY_LIMIT_BYTES, actionBodyTooLarge } from '@/lib/security/body-limit'
import { newNonce, requestSecurityHeaders } from '@/lib/security/headers'
import { REQUEST_ID_HEADER, requestIdFor } from '@/lib/security/request-id'

/**
 * Every request gets a fresh CSP nonce. Next reads it from the request's Content-Security-Policy
 * header and adds it to its own scripts; the browser gets the same policy on the response.
 * Fixed security headers come from next.config.ts. Pages are rendered per request (they read the
 * language cookie), so no cached HTML carries an old nonce.
 * Every request also gets an id (lib/security/request-id.ts): on the request Next serves, for the
 * log lines it causes (lib/log.ts), and on the response as X-Request-Id.
 */
export function proxy(request: NextRequest) {
  const requestId = requestIdFor(request.headers.get(REQUEST_ID_HEADER))
  const headers = requestSecurityHeaders({
    nonce: newNonce(),
    publicUrl: process.env.PUBLIC_URL,
    dev: process.env.NODE_ENV === 'development',
    pathname: request.nextUrl.pathname,
  })
  if (actionBodyTooLarge(request.method, request.headers)) {
    const tooLarge = new NextResponse(`Request too large: at most ${ACTION_BODY_LIMIT_BYTES / 1024 / 1024} MB.\n`, {
      status: 413, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
    })
    for (const [key, value] of Object.entries(headers)) tooLarge.headers.set(key, value)
    tooLarge.headers.set(REQUEST_ID_HEADER, requestId)
    return tooLarge
  }
  const forward = new Headers(request.headers)
  forward.set('Content-Security-Policy', headers['Content-Security-Policy']!)
  forward.set(REQUEST_ID_HEADER, requestId)
  // A path that is not valid percent-encoding (`/directory/%ZZ`) makes Next's router fail with a
  // 500 when it decodes the dynamic segment: it is no page of ours, so the not-found page answers.
  const response = decodablePath(request.nextUrl.pathname)
    ? NextResponse.next({ request: { headers: forward } })
    : NextResponse.rewrite(new URL(MALFORMED_PATH, request.url), { request: { headers: forward } })
  for (const [key, value] of Object.entries(headers)) response.headers.set(key, value)
  response.headers.set(REQUEST_ID_HEADER, requestId)
  return response
}

/** Matches no route: rendered by app/not-found.tsx with a 404. */
const MALFORMED_PATH = '/_malformed-path'

function decodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname)
    return true
  } catch {
    return false
  }
}

export const config = {
  // Not the build's static files (hashed, immutable, never HTML); everything else, actions included.
  matcher: ['/((?!_next/static|_next/image).*)'],
}
