import ipaddr from 'ipaddr.js'

/**
 * Who sent a request, for the per-address limits (docs/decisions/019-abuse-limits.md).
 *
 * The server process appends the TCP peer's address to `X-Forwarded-For` on every request
 * (scripts/peer-address.cjs, loaded by `npm start`), the way a proxy does; so the right-most
 * entry is always the socket's. Without TRUST_PROXY that entry is the client, and whatever the
 * client wrote to the left of it is ignored. With TRUST_PROXY the list is walked from the right,
 * skipping the proxies it names (addresses/CIDRs) or the number of hops it gives; the first entry
 * that is not a trusted proxy is the client. Entries left of it were written by the client and
 * may be forged, so they never count.
 */

export type TrustProxy =
  | { kind: 'none' }
  | { kind: 'hops'; hops: number }
  | { kind: 'list'; ranges: [ipaddr.IPv4 | ipaddr.IPv6, number][] }

export interface ClientAddress {
  /** The client's address in canonical form ('unknown' when the request names none). */
  ip: string
  /** What the per-address counters are keyed by: the IPv4 address, or the IPv6 /64 network. */
  key: string
}

const UNKNOWN: ClientAddress = { ip: 'unknown', key: 'unknown' }

/**
 * TRUST_PROXY: unset or empty → no proxy; a whole number → that many proxies in front; otherwise
 * a comma-separated list of proxy addresses or CIDRs (`10.0.0.5, 172.16.0.0/12, ::1`).
 * @throws TypeError naming the entry that is neither.
 */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = value?.trim() ?? ''
  if (text === '') return { kind: 'none' }
  if (/^\d+$/.test(text)) {
    const hops = Number(text)
    if (hops < 1 || hops > 10) throw new TypeError('TRUST_PROXY: a number of proxies between 1 and 10')
    return { kind: 'hops', hops }
  }
  const ranges = text.split(',').map((entry) => entry.trim()).filter(Boolean).map((entry) => {
    const cidr = entry.includes('/') ? entry : `${entry}/${strictIp(entry)?.kind() === 'ipv6' ? 128 : 32}`
    const [base] = cidr.split('/')
    if (!strictIp(base!) || !ipaddr.isValidCIDR(cidr)) throw new TypeError(`TRUST_PROXY: "${entry}" is not an IP address, a CIDR or a number`)
    const [ip, prefix] = ipaddr.parseCIDR(cidr)
    return normalised(ip, prefix)
  })
  return { kind: 'list', ranges }
}

/** The client's address from the request headers (see the module comment). */
export function clientAddress(headers: Pick<Headers, 'get'>, trust: TrustProxy = { kind: 'none' }): ClientAddress {
  const chain = (headers.get('x-forwarded-for') ?? '').split(',').map((e) => e.trim()).filter(Boolean)
  if (chain.length === 0) return UNKNOWN
  // Right to left: chain[last] is the socket's peer, then each proxy's peer, and so on.
  const fromRight = chain.reverse()
  const index = trust.kind === 'none' ? 0
    : trust.kind === 'hops' ? Math.min(trust.hops, fromRight.length - 1)
      : firstUntrusted(fromRight, trust.ranges)
  return describe(fromRight[index]!)
}

function firstUntrusted(fromRight: string[], ranges: [ipaddr.IPv4 | ipaddr.IPv6, number][]): number {
  for (let i = 0; i < fromRight.length; i++) {
    const ip = parseEntry(fromRight[i]!)
    if (!ip || !ranges.some(([base, prefix]) => ip.kind() === base.kind() && ip.match(base, prefix))) return i
  }
  // Every hop is a trusted proxy: the left-most is as close to the client as we can tell.
  return fromRight.length - 1
}

function describe(entry: string): ClientAddress {
  const ip = parseEntry(entry)
  // Not an address: only a misconfigured proxy would put it here. All such share one counter.
  if (!ip) return { ip: 'unparsable', key: 'unparsable' }
  if (ip.kind() === 'ipv4') return { ip: ip.toString(), key: ip.toString() }
  // One IPv6 subscriber usually holds a whole /64: counting single addresses would be no limit.
  const network = ipaddr.IPv6.networkAddressFromCIDR(`${ip.toNormalizedString()}/64`)
  return { ip: ip.toString(), key: `${network.toString()}/64` }
}

/** An XFF entry as an address: IPv4-mapped IPv6 becomes IPv4; a port (`1.2.3.4:80`, `[::1]:80`) is dropped. */
function parseEntry(entry: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  const bare = /^\[([^\]]+)\](?::\d+)?$/.exec(entry)?.[1] ?? (/^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(entry)?.[1] ?? entry)
  const ip = strictIp(bare)
  return ip ? normalised(ip, 0)[0] : undefined
}

/** Dotted-quad IPv4 or IPv6 only: ipaddr.js also reads `127.1` and `0x7f.1`, which no proxy writes. */
function strictIp(text: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text)
  if (ipaddr.IPv6.isValid(text)) return ipaddr.IPv6.parse(text)
  return undefined
}

function normalised(ip: ipaddr.IPv4 | ipaddr.IPv6, prefix: number): [ipaddr.IPv4 | ipaddr.IPv6, number] {
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) {
    return [(ip as ipaddr.IPv6).toIPv4Address(), Math.max(0, prefix - 96)]
  }
  return [ip, prefix]
}
