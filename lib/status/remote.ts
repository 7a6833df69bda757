import { lookup as dnsLookup } from 'node:dns/promises'
import { request as httpsRequest } from 'node:https'
import type { LookupFunction } from 'node:net'
import { BlockList, isIP } from 'node:net'
import { Readable } from 'node:stream'
import type { StatusListResolver } from '@/lib/credentials/verify'

/** The one address a request may connect to: the one whose checks passed. */
export interface PinnedAddress {
  address: string
  family: 4 | 6
}
/**
 * Sends one GET. `pinned` is the address that was checked: the transport must connect to it and
 * never resolve the host name again (tests inject a fake that serves documents from memory).
 */
export type Fetch = (url: string, init: RequestInit & { signal: AbortSignal }, pinned: PinnedAddress) => Promise<Response>
export type Lookup = (host: string) => Promise<{ address: string; family: number }[]>

export interface RemoteFetchOptions {
  fetch?: Fetch
  /** Resolves a host name to every address it has (tests inject one; default: the system resolver). */
  lookup?: Lookup
  timeoutMs?: number
  maxBytes?: number
  maxRedirects?: number
  cacheMs?: number
  clock?: () => number
  /** The Accept header. */
  accept?: string
}

/** Addresses a remote fetch must never reach: this machine, its networks, link-local, special ranges. */
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
 * A `lookup` for node:net that answers every question with the vetted address: the socket goes
 * where the checks were made, whatever the DNS says by now (DNS rebinding). It answers both the
 * single-address and the `all` form (Node's happy-eyeballs connect asks for `all`).
 */
export function pinnedLookup(pinned: PinnedAddress): LookupFunction {
  return ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, [{ address: pinned.address, family: pinned.family }])
    else callback(null, pinned.address, pinned.family)
  }) as unknown as LookupFunction
}

/**
 * The default transport: node:https connecting to the pinned address (TLS still checks the
 * certificate against the URL's host name, sent as SNI), no connection reuse, no redirects.
 */
export const pinnedHttpsFetch: Fetch = (url, init, pinned) => new Promise<Response>((resolve, reject) => {
  const target = new URL(url)
  const headers = Object.fromEntries(new Headers(init.headers).entries())
  const req = httpsRequest({
    protocol: 'https:', hostname: target.hostname.replace(/^\[|\]$/g, ''), port: target.port || 443,
    path: `${target.pathname}${target.search}`, method: 'GET', headers, agent: false,
    lookup: pinnedLookup(pinned), signal: init.signal,
  }, (res) => {
    const status = res.statusCode ?? 502
    const responseHeaders = new Headers()
    for (const [name, value] of Object.entries(res.headers)) {
      for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) responseHeaders.append(name, v)
    }
    const empty = status === 204 || status === 304
    if (empty) res.resume()
    resolve(new Response(empty ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>), { status, headers: responseHeaders }))
  })
  req.on('error', reject)
  req.end()
})

/**
 * Fetches JSON documents from other hosts under one set of rules (remote status lists and
 * other hosts' did:web documents): HTTPS only; the host resolved ONCE per hop and every address
 * checked against private, loopback and link-local ranges, then the connection made to that
 * checked address (no second lookup a rebinding DNS could answer differently); redirects
 * followed by hand (at most 3, each target checked the same way); 3 s for the whole exchange;
 * 1 MB at most; successes cached briefly. @throws Error with the reason.
 */
export function remoteJsonFetcher(options: RemoteFetchOptions = {}): (url: string) => Promise<unknown> {
  const { fetch: doFetch = pinnedHttpsFetch, lookup = systemLookup, timeoutMs = 3000, maxBytes = 1024 * 1024, maxRedirects = 3, cacheMs = 60_000, clock = Date.now } = options
  const accept = options.accept ?? 'application/json'
  const cache = new Map<string, { until: number; document: unknown }>()
  return async (url) => {
    const hit = cache.get(url)
    if (hit && hit.until > clock()) return structuredClone(hit.document)
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)
    try {
      const document = await fetchJson(url, { doFetch, lookup, maxBytes, maxRedirects, accept, signal: controller.signal })
      if (cache.size > 200) cache.clear()
      cache.set(url, { until: clock() + cacheMs, document })
      return structuredClone(document)
    } finally {
      clearTimeout(timer)
    }
  }
}

/** Other hosts' status list credentials, under the rules of `remoteJsonFetcher`. */
export function remoteStatusListResolver(options: RemoteFetchOptions = {}): StatusListResolver {
  const get = remoteJsonFetcher({ accept: 'application/vc+ld+json, application/json', ...options })
  return async (url) => ({ credential: await get(url) })
}

type FetchCtx = { doFetch: Fetch; lookup: Lookup; maxBytes: number; maxRedirects: number; accept: string; signal: AbortSignal }

async function fetchJson(start: string, o: FetchCtx): Promise<unknown> {
  let url = start
  for (let hop = 0; ; hop++) {
    const pinned = await vetPublicHttps(url, o.lookup, o.signal)
    const res = await race(o.doFetch(url, { redirect: 'manual', signal: o.signal, headers: { accept: o.accept } }, pinned), o.signal)
    if (res.status >= 300 && res.status < 400) {
      await res.body?.cancel().catch(() => {})
      const location = res.headers.get('location')
      if (!location || hop >= o.maxRedirects) throw new Error('too many or empty redirects')
      url = new URL(location, url).href
      continue
    }
    if (res.status !== 200) {
      await res.body?.cancel().catch(() => {})
      throw new Error(`HTTP ${res.status}`)
    }
    const text = await readLimited(res, o.maxBytes, o.signal)
    try {
      return JSON.parse(text)
    } catch {
      throw new Error('the answer is not JSON')
    }
  }
}

/**
 * Checks that `url` is HTTPS and that EVERY address its host has is public; returns the one
 * address to connect to. @throws Error naming the refused scheme or address.
 */
export async function vetPublicHttps(url: string, lookup: Lookup, signal?: AbortSignal): Promise<PinnedAddress> {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new Error('not a URL')
  }
  if (parsed.protocol !== 'https:') throw new Error(`refused: ${parsed.protocol}// (HTTPS only)`)
  const host = parsed.hostname.replace(/^\[|\]$/g, '')
  const answers = isIP(host) ? [{ address: host, family: isIP(host) }] : await (signal ? race(lookup(host), signal) : lookup(host))
  if (answers.length === 0) throw new Error(`${host} has no address`)
  const blocked = answers.find((a) => isBlockedAddress(a.address))
  if (blocked) throw new Error(`refused: ${host} resolves to a private, loopback or link-local address (${blocked.address})`)
  const first = answers[0]!
  return { address: first.address, family: isIP(first.address) === 6 ? 6 : 4 }
}

async function readLimited(res: Response, maxBytes: number, signal: AbortSignal): Promise<string> {
  const declared = Number(res.headers.get('content-length'))
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => {})
    throw new Error(`larger than ${maxBytes} bytes`)
  }
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
