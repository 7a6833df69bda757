import { describe, expect, test, vi } from 'vitest'
import { isBlockedAddress, remoteJsonFetcher, vetPublicHttps, type Fetch } from '@/lib/status/remote'

// Which addresses a remote fetch (status lists, other hosts' did:web) may reach: public unicast
// only, by ipaddr.js range names, with the IPv4 inside IPv6 transition forms checked too.
const BLOCKED: [string, string][] = [
  // IPv4 special ranges
  ['0.0.0.0/8', '0.1.2.3'], ['10/8', '10.0.0.1'], ['CGNAT 100.64/10', '100.64.0.1'], ['loopback', '127.0.0.1'], ['link-local', '169.254.169.254'],
  ['172.16/12', '172.31.255.254'], ['192.0.0/24', '192.0.0.8'], ['TEST-NET-1', '192.0.2.10'], ['TEST-NET-2', '198.51.100.7'], ['TEST-NET-3', '203.0.113.9'],
  ['benchmarking 198.18/15', '198.19.1.1'], ['192.168/16', '192.168.1.1'], ['multicast', '224.0.0.1'], ['reserved 240/4', '240.0.0.1'], ['broadcast', '255.255.255.255'],
  // IPv6 special ranges
  ['unspecified', '::'], ['loopback', '::1'], ['IPv4-compatible ::/96', '::808:808'], ['IPv4-compatible of a private v4', '::10.0.0.1'],
  ['IPv4-mapped ::ffff:0:0/96', '::ffff:127.0.0.1'], ['IPv4-mapped of a public v4', '::ffff:8.8.8.8'], ['IPv4-mapped, hex', '::ffff:a00:1'],
  ['NAT64 64:ff9b::/96', '64:ff9b::a00:1'], ['NAT64 of a public v4', '64:ff9b::808:808'], ['local NAT64 64:ff9b:1::/48', '64:ff9b:1::a00:1'],
  ['6to4 2002::/16', '2002:a00:1::1'], ['6to4 of a public v4', '2002:808:808::1'], ['Teredo 2001::/32', '2001:0:4136:e378:8000:63bf:3fff:fdd2'],
  ['documentation 2001:db8::/32', '2001:db8::1'], ['site-local fec0::/10', 'fec0::1'], ['discard 100::/64', '100::1'], ['ULA fc00::/7', 'fd12:3456::1'],
  ['link-local fe80::/10', 'fe80::1'], ['multicast ff00::/8', 'ff02::1'], ['SIIT 64:ff9b-less ::ffff:0:0:0/96', '::ffff:0:a00:1'],
  ['not an address', 'example.com'], ['empty', ''],
]
const ALLOWED: [string, string][] = [
  ['a public IPv4', '93.184.216.34'], ['another public IPv4', '8.8.8.8'], ['public IPv6 (Cloudflare)', '2606:4700::1111'], ['public IPv6 (Google)', '2001:4860:4860::8888'],
]

describe('isBlockedAddress', () => {
  test.each(BLOCKED)('refuses %s (%s)', (_, address) => expect(isBlockedAddress(address)).toBe(true))
  test.each(ALLOWED)('allows %s (%s)', (_, address) => expect(isBlockedAddress(address)).toBe(false))
})

describe('a refusal never says what the host resolves to', () => {
  test.each(['10.0.0.1', '::ffff:10.0.0.1', '64:ff9b::a00:1', '192.168.7.7'])('a host resolving to %s: "non-public address", no address in the message', async (address) => {
    const fetch = vi.fn<Fetch>(async () => new Response('{}'))
    const get = remoteJsonFetcher({ fetch, lookup: async () => [{ address: '93.184.216.34', family: 4 }, { address, family: address.includes(':') ? 6 : 4 }] })
    const error = await get('https://inside.example/x').then(() => undefined, (e: Error) => e)
    expect(error?.message).toBe('refused: the host resolves to a non-public address')
    expect(error?.message).not.toContain(address)
    expect(fetch).not.toHaveBeenCalled()
  })

  test('an IP literal in a blocked range is refused the same way', async () => {
    await expect(vetPublicHttps('https://[64:ff9b::a00:1]/x', async () => [])).rejects.toThrow(/^refused: the host resolves to a non-public address$/)
  })
})
