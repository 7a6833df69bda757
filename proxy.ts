import { NextResponse, type NextRequest } from 'next/server'
import { newNonce, requestSecurityHeaders } from '@/lib/security/headers'

/**
 * Every request gets a fresh CSP nonce. Next reads it from the request's Content-Security-Policy
 * header and adds it to its own scripts; the browser gets the same policy on the response.
 * Fixed security headers come from next.config.ts. Pages are rendered per request (they read the
 * language cookie), so no cached HTML carries an old nonce.
 */
export function proxy(request: NextRequest) {
  const headers = requestSecurityHeaders({
    nonce: newNonce(),
    publicUrl: process.env.PUBLIC_URL,
    dev: process.env.NODE_ENV === 'development',
  })
  const forward = new Headers(request.headers)
  forward.set('Content-Security-Policy', headers['Content-Security-Policy']!)
  const response = NextResponse.next({ request: { headers: forward } })
  for (const [key, value] of Object.entries(headers)) response.headers.set(key, value)
  return response
}

export const config = {
  // Not the build's static files (hashed, immutable, never HTML); everything else, actions included.
  matcher: ['/((?!_next/static|_next/image).*)'],
}
