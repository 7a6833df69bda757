import { NextRequest } from 'next/server'
import { afterEach, describe, expect, test } from 'vitest'
import { ACTION_BODY_LIMIT_BYTES } from '@/lib/security/body-limit'
import { contentSecurityPolicy, FILE_CSP, HSTS, requestSecurityHeaders } from '@/lib/security/headers'
import { proxy } from '@/proxy'

const NONCE = 'AAAAAAAAAAAAAAAAAAAAAA=='
const directives = (csp: string) => new Map(csp.split('; ').map((d) => [d.split(' ')[0]!, d.split(' ').slice(1).join(' ')]))

describe('the Content-Security-Policy', () => {
  test('lets only nonced scripts run, and no one frame the site', () => {
    const d = directives(contentSecurityPolicy({ nonce: NONCE }))
    expect(d.get('default-src')).toBe("'self'")
    expect(d.get('script-src')).toBe(`'self' 'nonce-${NONCE}' 'strict-dynamic'`)
    expect(d.get('script-src')).not.toContain('unsafe')
    expect(d.get('style-src')).toBe(`'self' 'nonce-${NONCE}'`)
    expect(d.get('frame-ancestors')).toBe("'none'")
    expect(d.get('object-src')).toBe("'none'")
    expect(d.get('base-uri')).toBe("'none'")
    expect(d.get('form-action')).toBe("'self'")
    expect(d.get('img-src')).toBe("'self' blob: data:")
    expect(d.has('upgrade-insecure-requests')).toBe(false)
  })

  test('allows eval only in development, and upgrades requests only over https', () => {
    expect(directives(contentSecurityPolicy({ nonce: NONCE, dev: true })).get('script-src')).toContain("'unsafe-eval'")
    expect(directives(contentSecurityPolicy({ nonce: NONCE, https: true })).has('upgrade-insecure-requests')).toBe(true)
  })

  test('refuses a nonce that could break out of the header', () => {
    expect(() => contentSecurityPolicy({ nonce: "abc'; script-src *" })).toThrow(TypeError)
  })
})

describe('HSTS', () => {
  test('is sent only when PUBLIC_URL is https', () => {
    expect(requestSecurityHeaders({ nonce: NONCE, publicUrl: 'https://tremplin.example' })['Strict-Transport-Security']).toBe(HSTS)
    for (const publicUrl of [undefined, 'http://localhost:3000', 'not a url']) {
      expect(requestSecurityHeaders({ nonce: NONCE, publicUrl })).not.toHaveProperty('Strict-Transport-Security')
    }
  })
})

describe('proxy.ts', () => {
  const publicUrl = process.env.PUBLIC_URL
  afterEach(() => {
    if (publicUrl === undefined) delete process.env.PUBLIC_URL
    else process.env.PUBLIC_URL = publicUrl
  })
  const nonceOf = (csp: string | null) => /'nonce-([^']+)'/.exec(csp ?? '')?.[1]

  test('sends a fresh nonce each request, and gives Next the same policy it sends the browser', () => {
    const first = proxy(new NextRequest('http://localhost/'))
    const second = proxy(new NextRequest('http://localhost/'))
    const csp = first.headers.get('content-security-policy')
    expect(nonceOf(csp)).toMatch(/^[A-Za-z0-9+/]{22}==$/)
    expect(nonceOf(second.headers.get('content-security-policy'))).not.toBe(nonceOf(csp))
    // NextResponse.next({ request: { headers } }) passes request headers on under this prefix.
    expect(first.headers.get('x-middleware-request-content-security-policy')).toBe(csp)
  })

  test('adds HSTS when the instance is public over https', () => {
    process.env.PUBLIC_URL = 'https://tremplin.example'
    expect(proxy(new NextRequest('https://tremplin.example/p/x')).headers.get('strict-transport-security')).toBe(HSTS)
    process.env.PUBLIC_URL = 'http://localhost:3000'
    expect(proxy(new NextRequest('http://localhost:3000/')).headers.get('strict-transport-security')).toBeNull()
  })
})

describe('a malformed path', () => {
  test('is answered by the not-found page (Next would fail decoding it), with the same headers', () => {
    const response = proxy(new NextRequest('http://localhost/directory/%ZZ'))
    expect(new URL(response.headers.get('x-middleware-rewrite')!).pathname).toBe('/_malformed-path')
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
    expect(proxy(new NextRequest('http://localhost/directory/A%20B')).headers.get('x-middleware-rewrite')).toBeNull()
  })
})

describe('a server action body over the limit', () => {
  const post = (headers: Record<string, string>) => proxy(new NextRequest('http://localhost/verify', { method: 'POST', headers }))
  const over = String(ACTION_BODY_LIMIT_BYTES + 1)

  test('is answered 413 before Next reads it, with the security headers', async () => {
    const cases: Record<string, string>[] = [
      { 'next-action': 'abc', 'content-type': 'text/plain', 'content-length': over },
      { 'content-type': 'multipart/form-data; boundary=x', 'content-length': over },
      { 'content-type': 'application/x-www-form-urlencoded', 'content-length': over },
    ]
    for (const headers of cases) {
      const response = post(headers)
      expect(response.status).toBe(413)
      expect(await response.text()).toMatch(/too large/)
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
    }
  })

  test('at the limit, or another kind of request, goes on to Next', () => {
    expect(post({ 'next-action': 'abc', 'content-length': String(ACTION_BODY_LIMIT_BYTES) }).headers.get('x-middleware-next')).toBe('1')
    expect(post({ 'content-type': 'application/json', 'content-length': over }).status).not.toBe(413)
  })
})

describe('uploaded files served back', () => {
  test('get the sandbox policy, not the page policy (the proxy header wins over the route’s)', () => {
    for (const path of ['/wallet/0b7e2c1e-1111-4222-8333-444455556666/photo', '/p/tok/photo/0b7e2c1e-1111-4222-8333-444455556666']) {
      expect(proxy(new NextRequest(`http://localhost${path}`)).headers.get('content-security-policy')).toBe(FILE_CSP)
    }
    expect(proxy(new NextRequest('http://localhost/wallet/photo')).headers.get('content-security-policy')).not.toBe(FILE_CSP)
  })
})
