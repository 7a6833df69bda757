import { NextRequest } from 'next/server'
import { describe, expect, test } from 'vitest'
import { requestIdFor } from '@/lib/security/request-id'
import { proxy } from '@/proxy'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('request ids', () => {
  test('every request gets a fresh one, on the response and on the request Next serves', () => {
    const first = proxy(new NextRequest('http://localhost/'))
    const second = proxy(new NextRequest('http://localhost/'))
    const id = first.headers.get('x-request-id')
    expect(id).toMatch(UUID)
    expect(second.headers.get('x-request-id')).not.toBe(id)
    // NextResponse.next({ request: { headers } }) hands the request's new headers to Next this way.
    expect(first.headers.get('x-middleware-request-x-request-id')).toBe(id)
  })

  test('a short plain token from the client or a proxy is kept', () => {
    const res = proxy(new NextRequest('http://localhost/healthz', { headers: { 'x-request-id': 'lb-7f3a9c21.eu:1' } }))
    expect(res.headers.get('x-request-id')).toBe('lb-7f3a9c21.eu:1')
    expect(res.headers.get('x-middleware-request-x-request-id')).toBe('lb-7f3a9c21.eu:1')
  })

  test('anything that could forge or split a log line is replaced', () => {
    for (const bad of ['a b c d e f g h', 'x'.repeat(129), 'short', '"},"level":60', 'abc\ndef1234', 'é'.repeat(10), '']) {
      expect(requestIdFor(bad)).toMatch(UUID)
    }
  })

  test('the 413 for an oversized action body carries it too', () => {
    const res = proxy(new NextRequest('http://localhost/verify', { method: 'POST', headers: { 'next-action': 'x', 'content-length': String(50 * 1024 * 1024), 'x-request-id': 'client-req-0001' } }))
    expect(res.status).toBe(413)
    expect(res.headers.get('x-request-id')).toBe('client-req-0001')
  })
})
