import { lookup as dnsLookup } from 'node:dns/promises'
import { BlockList, isIP } from 'node:net'
import type { StatusListResolver } from '@/lib/credentials/verify'

export type Fetch = (url: string, init: RequestInit) => Promise<Response>
export type Lookup = (host: string) => Promise<{ address: string; family: number }[]>

export interface RemoteStatusListOptions {
  fetch?: Fetch
  /** Resolves a host name to every address it has (tests inject one; default: the system resolver). */
  lookup?: Lookup
  timeoutMs?: number
  maxBytes?: number
  maxRedirects?: number
  cacheMs?: number
  clock?: () => number
}

/** Addresses a status list fetch must never reach: this machine, its networks, link-local, special ranges. */
const BLOCKED = new BlockList()
for (const [net, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4]] as const) BLOCKED.addSubnet(net, prefix, 'ipv4')
for (const [net, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['64:ff9b::', 96], ['2001:db8::', 32]] as const) BLOCKED.addSubnet(net, prefix, 'ipv6')

export function isBlockedAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  if (mapped) return BLOCKED.check(mapped[1]!, 'ipv4')
  const family = isIP(address)
  return family === 0 || BLOCKED.check(address, family === 4 ? 'ipv4' : 'ipv6')
}

const systemLookup: Lookup = (host) => dnsLookup(host, { all: true, verbatim: true })

/**
 * Fetches status list credentials of other hosts: HTTPS only, every address of the host (and of
 * every redirect target) checked against private, loopback and link-local ranges before
 * connecting, redirects followed by hand (at most 3), 3 s for the whole exchange, 1 MB at most,
 * successes cached briefly. The fetch itself resolves the name again: a DNS answer that changes
 * between the two lookups (rebinding) is not caught here — pinning the address needs a custom
 * HTTP agent, left for the did:web resolver that shares these rules.
 */
export function remoteStatusListResolver(options: RemoteStatusListOptions = {}): StatusListResolver {
  const { fetch: doFetch = globalThis.fetch, lookup = systemLookup, timeoutMs = 3000, maxBytes = 1024 * 1024, maxRedirects = 3, cacheMs = 60_000, clock = Date.now } = options
  const cache = new Map<string, { until: number; credential: unknown }>()
  return async (url) => {
    const hit = cache.get(url)
    if (hit && hit.until > clock()) return { credential: hit.credential }
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)
    try {
      const credential = await fetchJson(url, { doFetch, lookup, maxBytes, maxRedirects, signal: controller.signal })
      if (cache.size > 200) cache.clear()
      cache.set(url, { until: clock() + cacheMs, credential })
      return { credential }
    } finally {
      clearTimeout(timer)
    }
  }
}

async function fetchJson(start: string, o: { doFetch: Fetch; lookup: Lookup; maxBytes: number; maxRedirects: number; signal: AbortSignal }): Promise<unknown> {
  let url = start
  for (let hop = 0; ; hop++) {
    await assertPublicHttps(url, o.lookup)
    const res = await race(o.doFetch(url, { redirect: 'manual', signal: o.signal, headers: { accept: 'application/vc+ld+json, application/json' } }), o.signal)
    if (res.status >= 300 && res.status < 400) {
      const location = res.headers.get('location')
      if (!location || hop >= o.maxRedirects) throw new Error('too many or empty redirects')
      url = new URL(location, url).href
      continue
    }
    if (res.status !== 200) throw new Error(`HTTP ${res.status}`)
    const text = await readLimited(res, o.maxBytes, o.signal)
    try {
      return JSON.parse(text)
    } catch {
      throw new Error('the answer is not JSON')
    }
  }
}

async function assertPublicHttps(url: string, lookup: Lookup): Promise<void> {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new Error('not a URL')
  }
  if (parsed.protocol !== 'https:') throw new Error(`refused: ${parsed.protocol}// (HTTPS only)`)
  const host = parsed.hostname.replace(/^\[|\]$/g, '')
  const addresses = isIP(host) ? [host] : (await lookup(host)).map((a) => a.address)
  if (addresses.length === 0) throw new Error(`${host} has no address`)
  const blocked = addresses.find(isBlockedAddress)
  if (blocked) throw new Error(`refused: ${host} resolves to a private, loopback or link-local address (${blocked})`)
}

async function readLimited(res: Response, maxBytes: number, signal: AbortSignal): Promise<string> {
  const declared = Number(res.headers.get('content-length'))
  if (Number.isFinite(declared) && declared > maxBytes) throw new Error(`larger than ${maxBytes} bytes`)
  if (!res.body) return ''
  const reader = res.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await race(reader.read(), signal)
    if (done) break
    size += value.byteLength
    if (size > maxBytes) {
      await reader.cancel().catch(() => {})
      throw new Error(`larger than ${maxBytes} bytes`)
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** Settles with `promise`, or rejects as soon as `signal` aborts (an injected fetch may ignore it). */
function race<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason)
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}
