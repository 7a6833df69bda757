import type { Runtime } from '@/lib/runtime'
import { isStatusPurpose } from '@/lib/credentials/bitstring'
import { getStatusListCredential } from './list-credential'

/** Short, so that a revocation is felt within a minute by verifiers that cache over HTTP. */
export const STATUS_LIST_CACHE_CONTROL = 'public, max-age=60'

/**
 * GET /status/<org>/<purpose>/<n>: the signed BitstringStatusListCredential (public). The ETag
 * changes with the list's version and with each re-signing (a fresh validUntil), so a 304 never
 * keeps a verifier on a copy that is about to expire.
 */
export async function serveStatusList(rt: Pick<Runtime, 'db' | 'agent' | 'env'>, params: { org: string; purpose: string; n: string }, request: Request, now = new Date()): Promise<Response> {
  const notFound = () => Response.json({ error: { code: 'NOT_FOUND', message: 'No such status list' } }, { status: 404 })
  if (!isStatusPurpose(params.purpose) || !/^[1-9][0-9]{0,8}$/.test(params.n)) return notFound()
  const served = await getStatusListCredential(rt, { orgSlug: params.org, purpose: params.purpose, listNumber: Number(params.n), now })
  if (!served) return notFound()
  const etag = `"${served.listId}.${served.version}.${Date.parse(String(served.credential.validFrom)) / 1000}"`
  const headers = { etag, 'cache-control': STATUS_LIST_CACHE_CONTROL, 'access-control-allow-origin': '*' }
  const match = request.headers.get('if-none-match')
  if (match && match.split(',').map((t) => t.trim().replace(/^W\//, '')).some((t) => t === etag || t === '*')) {
    return new Response(null, { status: 304, headers })
  }
  return new Response(JSON.stringify(served.credential), { headers: { ...headers, 'content-type': 'application/vc+ld+json' } })
}
