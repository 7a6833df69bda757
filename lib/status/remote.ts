import { lookup as dnsLookup } from 'node:dns/promises'
import { request as httpsRequest } from 'node:https'
import type { LookupFunction } from 'node:net'
import { isIP } from 'node:net'
import { Readable } from 'node:stream'
import ipaddr from 'ipaddr.js'
import type { StatusListResolver } from '@/lib/credentials/verify'
import { MAX_JSON_DEPTH, textDepth } from '@/lib/credentials/verify/input'
import { createFetchLimiter, type FetchLimiter } from './fetch-limiter'

export { createFetchLimiter, RemoteBusyError, type FetchLimiter } from './fetch-limiter'

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
  /** Bounds concurrent fetches (default: the one limiter of this process, REMOTE_FETCH_LIMITS). */
  limiter?: FetchLimiter
}

/**
 * Process-wide: at most 8 remote fetches at once, 16 more waiting; beyond, a fetch fails at once
 * with RemoteBusyError (docs/decisions/016-bounded-verification.md).
 */
export const REMOTE_FETCH_LIMITS = { concurrency: 8, queue: 16 } as const
const processLimiter = createFetchLimiter(REMOTE_FETCH_LIMITS)

/**
 * Only public unicast addresses may be reached: ipaddr.js names every special range (private,
 * loopback, link-local, CGNAT, TEST-NETs, benchmarking, multicast, reserved; IPv6 ULA, mapped,
 * NAT64 `64:ff9b::/96` and `64:ff9b:1::/48`, 6to4, Teredo, site-local, discard `100::/64`, …) and
 * calls the rest 'unicast'. It does not name IPv4-compatible `::/96` (deprecated, RFC 4291 §2.5.5.1):
 * refused here. An IPv4 embedded in a mapped, compatible, NAT64, 6to4 or Teredo address is checked too.
 */
export function isBlockedAddress(address: string): boolean {
  if (isIP(address) === 0 || !ipaddr.isValid(address)) return true
  const parsed = ipaddr.parse(address)
  if (parsed.kind() === 'ipv4') return parsed.range() !== 'unicast'
  const v6 = parsed as ipaddr.IPv6
  const embedded = embeddedIPv4(v6)
  if (embedded && embedded.range() !== 'unicast') return true
  return v6.range() !== 'unicast' || v6.parts.slice(0, 6).every((p) => p === 0)
}

/** The IPv4 address inside an IPv6 transition address, if any. */
function embeddedIPv4(v6: ipaddr.IPv6): ipaddr.IPv4 | undefined {
  const p = v6.parts
  const fromParts = (hi: number, lo: number) => new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff])
  const range = v6.range()
  // ::a.b.c.d (compatible), ::ffff:a.b.c.d (mapped), 64:ff9b::a.b.c.d and 64:ff9b:1::/48 (NAT64): the last 32 bits.
  if (p.slice(0, 5).every((x) => x === 0) && (p[5] === 0 || p[5] === 0xffff)) return fromParts(p[6]!, p[7]!)
  if (range === 'rfc6052' || range === 'rfc6145') return fromParts(p[6]!, p[7]!)
  if (range === '6to4') return fromParts(p[1]!, p[2]!)
  // Teredo: the client's address, every bit inverted, in the last 32 bits.
  if (range === 'teredo') return fromParts(~p[6]! & 0xffff, ~p[7]! & 0xffff)
  return undefined
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
 * 1 MB at most; successes cached briefly; at most REMOTE_FETCH_LIMITS fetches at once in the
 * process (the time spent waiting counts in the 3 s); one fetch for concurrent requests of one URL.
 * @throws Error with the reason (RemoteBusyError when the process is saturated).
 */
export function remoteJsonFetcher(options: RemoteFetchOptions = {}): (url: string) => Promise<unknown> {
  const { fetch: doFetch = pinnedHttpsFetch, lookup = systemLookup, timeoutMs = 3000, maxBytes = 1024 * 1024, maxRedirects = 3, cacheMs = 60_000, clock = Date.now } = options
  const accept = options.accept ?? 'application/json'
  const limiter = options.limiter ?? processLimiter
  const cache = new Map<string, { until: number; document: unknown }>()
  const inFlight = new Map<string, Promise<unknown>>()
  const load = async (url: string) => {
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)
    try {
      const document = await limiter.run(() => fetchJson(url, { doFetch, lookup, maxBytes, maxRedirects, accept, signal: controller.signal }), controller.signal)
      if (cache.size > 200) cache.clear()
      cache.set(url, { until: clock() + cacheMs, document })
      return document
    } finally {
      clearTimeout(timer)
      inFlight.delete(url)
    }
  }
  return async (url) => {
    const hit = cache.get(url)
    if (hit && hit.until > clock()) return structuredClone(hit.document)
    let pending = inFlight.get(url)
    if (!pending) inFlight.set(url, (pending = load(url)))
    return structuredClone(await pending)
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
    // Another host's answer is untrusted input like any document: a 1 MB run of brackets would
    // overflow the stack of whatever walks it next (the verification worker, structured clone).
    if (textDepth(text) > MAX_JSON_DEPTH) throw new Error(`the answer is nested more than ${MAX_JSON_DEPTH} levels deep`)
    try {
      return JSON.parse(text)
    } catch {
      throw new Error('the answer is not JSON')
    }
  }
}

/**
 * Checks that `url` is HTTPS and that EVERY address its host has is public; returns the one
 * address to connect to. @throws Error naming the refused scheme, never the address.
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
  // Never say which address: the answer would map a network the caller cannot see.
  if (answers.some((a) => isBlockedAddress(a.address))) throw new Error('refused: the host resolves to a non-public address')
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
