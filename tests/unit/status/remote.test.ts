import { describe, expect, test, vi } from 'vitest'
import { isBlockedAddress, remoteStatusListResolver, type Fetch, type Lookup } from '@/lib/status/remote'

// The remote status-list fetcher with an injected fetch and DNS: no socket is ever opened.
const LIST = { type: ['VerifiableCredential', 'BitstringStatusListCredential'], credentialSubject: { encodedList: 'u' } }
const PUBLIC: Lookup = async () => [{ address: '93.184.216.34', family: 4 }]
const dns = (table: Record<string, string[]>): Lookup => async (host) => (table[host] ?? ['93.184.216.34']).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }))
const ok = (body: unknown = LIST, headers: Record<string, string> = {}) => new Response(JSON.stringify(body), { status: 200, headers })
const redirect = (location: string) => new Response(null, { status: 302, headers: { location } })

describe('remote status lists', () => {
  test('fetches a public HTTPS list, without following redirects automatically, and caches it briefly', async () => {
    let t = 0
    const fetch = vi.fn<Fetch>(async () => ok())
    const resolve = remoteStatusListResolver({ fetch, lookup: PUBLIC, cacheMs: 60_000, clock: () => t })
    expect((await resolve('https://issuer.example/status/1')).credential).toEqual(LIST)
    expect(fetch.mock.calls[0]![1]).toMatchObject({ redirect: 'manual' })
    await resolve('https://issuer.example/status/1')
    expect(fetch).toHaveBeenCalledTimes(1)
    t = 61_000
    await resolve('https://issuer.example/status/1')
    expect(fetch).toHaveBeenCalledTimes(2)
  })

  test('refuses http:// and other schemes before any request', async () => {
    const fetch = vi.fn<Fetch>(async () => ok())
    const resolve = remoteStatusListResolver({ fetch, lookup: PUBLIC })
    for (const url of ['http://issuer.example/status/1', 'file:///etc/passwd', 'ftp://issuer.example/x']) {
      await expect(resolve(url)).rejects.toThrow(/HTTPS only/)
    }
    expect(fetch).not.toHaveBeenCalled()
  })

  test.each([
    ['localhost', ['127.0.0.1']], ['intranet.example', ['10.1.2.3']], ['router.example', ['192.168.1.1']], ['corp.example', ['172.20.0.5']],
    ['metadata.example', ['169.254.169.254']], ['v6-loopback.example', ['::1']], ['v6-ula.example', ['fd12::1']], ['v6-link.example', ['fe80::1']],
    ['mapped.example', ['::ffff:127.0.0.1']], ['mixed.example', ['93.184.216.34', '10.0.0.1']],
  ])('refuses %s (%o) before connecting', async (host, addresses) => {
    const fetch = vi.fn<Fetch>(async () => ok())
    await expect(remoteStatusListResolver({ fetch, lookup: dns({ [host]: addresses }) })(`https://${host}/status/1`)).rejects.toThrow(/refused: the host resolves to a non-public address/)
    expect(fetch).not.toHaveBeenCalled()
  })

  test('refuses IP literals in private ranges, a local test server included', async () => {
    const fetch = vi.fn<Fetch>(async () => ok())
    const resolve = remoteStatusListResolver({ fetch, lookup: PUBLIC })
    for (const url of ['https://127.0.0.1:8443/status/1', 'https://[::1]/status/1', 'https://10.0.0.8/x', 'https://0.0.0.0/x']) {
      await expect(resolve(url)).rejects.toThrow(/refused/)
    }
    expect(fetch).not.toHaveBeenCalled()
  })

  test('follows a redirect to a public host, refuses one to a private or plain-http target', async () => {
    const lookup = dns({ 'inside.example': ['192.168.0.10'] })
    const hops = vi.fn<Fetch>(async (url) => (url.includes('/old') ? redirect('/new') : ok()))
    expect((await remoteStatusListResolver({ fetch: hops, lookup })('https://issuer.example/old')).credential).toEqual(LIST)
    expect(hops.mock.calls.map((c) => c[0])).toEqual(['https://issuer.example/old', 'https://issuer.example/new'])
    for (const target of ['https://inside.example/list', 'https://127.0.0.1/list', 'http://issuer.example/list']) {
      const fetch = vi.fn<Fetch>(async (url) => (url === 'https://issuer.example/a' ? redirect(target) : ok()))
      await expect(remoteStatusListResolver({ fetch, lookup })('https://issuer.example/a')).rejects.toThrow(/refused/)
      expect(fetch).toHaveBeenCalledTimes(1)
    }
    const loop = vi.fn<Fetch>(async () => redirect('https://issuer.example/again'))
    await expect(remoteStatusListResolver({ fetch: loop, lookup })('https://issuer.example/again')).rejects.toThrow(/redirects/)
  })

  test('refuses bodies over 1 MB, declared or streamed', async () => {
    const big = 'x'.repeat(1024 * 1024 + 1)
    const declared = remoteStatusListResolver({ fetch: async () => ok(LIST, { 'content-length': String(big.length) }), lookup: PUBLIC })
    await expect(declared('https://issuer.example/s')).rejects.toThrow(/larger than/)
    const streamed = remoteStatusListResolver({ fetch: async () => new Response(big), lookup: PUBLIC })
    await expect(streamed('https://issuer.example/s')).rejects.toThrow(/larger than/)
  })

  test('refuses an answer nested deeper than a document may be, before parsing it', async () => {
    const deep = remoteStatusListResolver({ fetch: async () => new Response(`${'['.repeat(10_000)}${']'.repeat(10_000)}`), lookup: PUBLIC })
    await expect(deep('https://issuer.example/s')).rejects.toThrow(/nested more than 64 levels/)
    const fine = remoteStatusListResolver({ fetch: async () => ok({ ...LIST, a: [[[[1]]]] }), lookup: PUBLIC })
    await expect(fine('https://issuer.example/s')).resolves.toMatchObject({ credential: { a: [[[[1]]]] } })
  })

  test('gives up after the timeout on a slow answer, and refuses non-200 and non-JSON answers', async () => {
    const slow = remoteStatusListResolver({ fetch: () => new Promise<Response>(() => {}), lookup: PUBLIC, timeoutMs: 50 })
    await expect(slow('https://issuer.example/s')).rejects.toThrow(/no answer within 50 ms/)
    const trickle = remoteStatusListResolver({
      fetch: async () => new Response(new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode('{')) } })), lookup: PUBLIC, timeoutMs: 50,
    })
    await expect(trickle('https://issuer.example/s')).rejects.toThrow(/no answer within/)
    await expect(remoteStatusListResolver({ fetch: async () => new Response('nope', { status: 404 }), lookup: PUBLIC })('https://issuer.example/s')).rejects.toThrow(/HTTP 404/)
    await expect(remoteStatusListResolver({ fetch: async () => new Response('<html>'), lookup: PUBLIC })('https://issuer.example/s')).rejects.toThrow(/not JSON/)
  })

  test('isBlockedAddress: public addresses pass, special ones do not', () => {
    expect(isBlockedAddress('93.184.216.34')).toBe(false)
    expect(isBlockedAddress('2606:4700::1111')).toBe(false)
    for (const a of ['127.0.0.1', '10.0.0.1', '100.64.0.1', '169.254.1.1', '::1', '::', 'fc00::1', 'not-an-ip']) expect(isBlockedAddress(a)).toBe(true)
  })
})
