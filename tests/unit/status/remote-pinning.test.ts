import { createServer, type Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import { pinnedHttpsFetch, pinnedLookup, remoteJsonFetcher, remoteStatusListResolver, vetPublicHttps, type Fetch, type Lookup } from '@/lib/status/remote'

// DNS rebinding: the host is resolved ONCE per hop, every address checked, and the connection made
// to the checked address — a second answer (say, 127.0.0.1) is never asked for, nor used.
const LIST = { type: ['VerifiableCredential', 'BitstringStatusListCredential'] }

/** A DNS that answers a public address the first time and loopback afterwards (a rebinding attack). */
function rebinding(): Lookup & { calls: number } {
  const lookup = Object.assign(async (_host: string) => {
    lookup.calls++
    return [{ address: lookup.calls === 1 ? '93.184.216.34' : '127.0.0.1', family: 4 }]
  }, { calls: 0 })
  return lookup
}

describe('address checks', () => {
  test('resolves once, checks every address, returns the first one to connect to', async () => {
    const lookup = vi.fn<Lookup>(async () => [{ address: '2606:4700::1111', family: 6 }, { address: '93.184.216.34', family: 4 }])
    expect(await vetPublicHttps('https://issuer.example/x', lookup)).toEqual({ address: '2606:4700::1111', family: 6 })
    expect(lookup).toHaveBeenCalledTimes(1)
    await expect(vetPublicHttps('https://issuer.example/x', async () => [{ address: '93.184.216.34', family: 4 }, { address: 'fd00::1', family: 6 }])).rejects.toThrow(/^refused: the host resolves to a non-public address$/)
    await expect(vetPublicHttps('https://issuer.example/x', async () => [])).rejects.toThrow(/has no address/)
  })

  test('an IP literal is checked as is, with no lookup', async () => {
    const lookup = vi.fn<Lookup>()
    expect(await vetPublicHttps('https://93.184.216.34/x', lookup)).toEqual({ address: '93.184.216.34', family: 4 })
    await expect(vetPublicHttps('https://[::ffff:10.0.0.1]/x', lookup)).rejects.toThrow(/refused/)
    expect(lookup).not.toHaveBeenCalled()
  })

  test('the transport is handed the checked address; the name is not resolved again', async () => {
    const lookup = rebinding()
    const fetch = vi.fn<Fetch>(async () => new Response(JSON.stringify(LIST)))
    await remoteStatusListResolver({ fetch, lookup })('https://issuer.example/status/1')
    expect(lookup.calls).toBe(1)
    expect(fetch.mock.calls[0]![2]).toEqual({ address: '93.184.216.34', family: 4 })
  })

  test('each redirect hop is resolved once and pinned on its own', async () => {
    const lookup = vi.fn<Lookup>(async (host) => [{ address: host === 'a.example' ? '93.184.216.34' : '93.184.216.35', family: 4 }])
    const fetch = vi.fn<Fetch>(async (url) => (url.includes('a.example') ? new Response(null, { status: 302, headers: { location: 'https://b.example/doc' } }) : new Response('{}')))
    await remoteJsonFetcher({ fetch, lookup })('https://a.example/doc')
    expect(lookup.mock.calls.map((c) => c[0])).toEqual(['a.example', 'b.example'])
    expect(fetch.mock.calls.map((c) => c[2].address)).toEqual(['93.184.216.34', '93.184.216.35'])
  })

  test('pinnedLookup answers both forms of the question with the pinned address', () => {
    const lookup = pinnedLookup({ address: '93.184.216.34', family: 4 }) as unknown as (h: string, o: object, cb: (...a: unknown[]) => void) => void
    const one = vi.fn()
    const all = vi.fn()
    lookup('rebind.example', {}, one)
    lookup('rebind.example', { all: true }, all)
    expect(one).toHaveBeenCalledWith(null, '93.184.216.34', 4)
    expect(all).toHaveBeenCalledWith(null, [{ address: '93.184.216.34', family: 4 }])
  })
})

describe('the default transport connects to the pinned address', () => {
  // A local TCP listener stands in for "the address we checked": the request names a host that has
  // no DNS entry at all, so a connection can only arrive here if the pinned address was used.
  const connections: string[] = []
  const server = createServer((socket: Socket) => {
    connections.push(socket.remoteAddress ?? '?')
    socket.destroy()
  })
  let port = 0
  beforeAll(() => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => {
    port = (server.address() as { port: number }).port
    resolve()
  })))
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  test('the socket goes to the checked address, whatever the name would resolve to now', async () => {
    const signal = AbortSignal.timeout(2000)
    await expect(pinnedHttpsFetch(`https://rebind.invalid:${port}/did.json`, { signal }, { address: '127.0.0.1', family: 4 })).rejects.toThrow()
    expect(connections).toEqual(['127.0.0.1'])
  })
})
