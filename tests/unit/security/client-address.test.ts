import { describe, expect, test } from 'vitest'
import { readEnv } from '@/lib/env'
import { clientAddress, parseTrustProxy } from '@/lib/security/client-address'

// The server appends the socket's peer to X-Forwarded-For (scripts/peer-address.cjs): the
// right-most entry is always the socket's. Everything to its left came from the client or proxies.
const xff = (value: string) => new Headers({ 'x-forwarded-for': value })
const ip = (value: string, trust?: string) => clientAddress(xff(value), parseTrustProxy(trust)).ip

describe('client address without TRUST_PROXY', () => {
  test('is the socket peer, whatever the client wrote to the left', () => {
    expect(ip('198.51.100.7')).toBe('198.51.100.7')
    expect(ip('1.2.3.4, 5.6.7.8, 198.51.100.7')).toBe('198.51.100.7')
  })

  test('is unknown when no address is given at all (not a Next request)', () => {
    expect(clientAddress(new Headers(), parseTrustProxy(undefined))).toEqual({ ip: 'unknown', key: 'unknown' })
  })

  test('reads IPv4-mapped IPv6 as IPv4, and keys IPv6 by its /64', () => {
    expect(ip('::ffff:203.0.113.9')).toBe('203.0.113.9')
    const a = clientAddress(xff('2001:db8:1:2::1'))
    const b = clientAddress(xff('2001:db8:1:2:ffff:ffff:ffff:ffff'))
    expect(a.key).toBe('2001:db8:1:2::/64')
    expect(b.key).toBe(a.key)
    expect(clientAddress(xff('2001:db8:1:3::1')).key).not.toBe(a.key)
  })
})

describe('client address with TRUST_PROXY naming the proxies', () => {
  const trust = '10.0.0.0/8, 192.168.1.1'

  test('walks from the right past trusted proxies to the first untrusted entry', () => {
    // client → proxy 192.168.1.1 → proxy 10.1.2.3 → us
    expect(ip('203.0.113.50, 192.168.1.1, 10.1.2.3', trust)).toBe('203.0.113.50')
  })

  test('ignores spoofed left-most entries: the proxy-appended address wins', () => {
    expect(ip('6.6.6.6, 7.7.7.7, 203.0.113.50, 10.1.2.3', trust)).toBe('203.0.113.50')
  })

  test('a peer that is not a trusted proxy is the client: its header is not believed', () => {
    expect(ip('6.6.6.6, 198.51.100.7', trust)).toBe('198.51.100.7')
  })

  test('every hop trusted: the left-most is taken', () => {
    expect(ip('10.9.9.9, 10.1.2.3', trust)).toBe('10.9.9.9')
  })

  test('matches IPv6 ranges and proxies that write ports', () => {
    expect(ip('[2001:db8::5]:443, ::1', '::1')).toBe('2001:db8::5')
    expect(ip('203.0.113.8:51000, 10.0.0.2', '10.0.0.0/8')).toBe('203.0.113.8')
  })
})

describe('client address with TRUST_PROXY as a number of proxies', () => {
  test('skips that many hops from the right', () => {
    expect(ip('6.6.6.6, 203.0.113.50, 10.1.2.3', '1')).toBe('203.0.113.50')
    expect(ip('6.6.6.6, 203.0.113.50, 172.16.0.1, 10.1.2.3', '2')).toBe('203.0.113.50')
  })

  test('never reads past the left end', () => {
    expect(ip('10.1.2.3', '2')).toBe('10.1.2.3')
  })
})

describe('TRUST_PROXY in the environment', () => {
  const env = (vars: Record<string, string>) => readEnv({ NODE_ENV: 'test', ...vars })

  test('unset means no proxy', () => {
    expect(env({}).trustProxy).toEqual({ kind: 'none' })
  })

  test('accepts addresses, CIDRs and counts', () => {
    expect(env({ TRUST_PROXY: '2' }).trustProxy).toEqual({ kind: 'hops', hops: 2 })
    expect(env({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8, fd00::/8' }).trustProxy.kind).toBe('list')
  })

  test('refuses anything else, naming the variable', () => {
    for (const bad of ['proxy.example', '10.0.0.0/33', '127.1', '0', 'yes']) {
      expect(() => env({ TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY/)
    }
  })
})
