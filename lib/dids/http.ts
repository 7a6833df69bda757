import 'server-only'
import type { Db } from '@/db/client'
import { organisationDidDocument } from './organisation-did'

/** Short, so that a rotation is seen within a minute by verifiers that cache over HTTP. */
export const DID_DOCUMENT_CACHE_CONTROL = 'public, max-age=60'

const SLUG_RE = /^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?$/

/**
 * GET /orgs/<slug>/did.json: the organisation's did:web DID document (public, like any DID
 * document; no session). 404 for an unknown organisation and for one that was never approved
 * (it has no did:web). A suspended organisation keeps its document: what it signed stays
 * verifiable, and the `issuer` check says it is suspended.
 */
export async function serveDidDocument(rt: { db: Db }, slug: string): Promise<Response> {
  const document = SLUG_RE.test(slug) ? await organisationDidDocument(rt.db, slug) : undefined
  if (!document) return Response.json({ error: { code: 'NOT_FOUND', message: 'No such DID document' } }, { status: 404, headers: { 'cache-control': 'no-store' } })
  return new Response(JSON.stringify(document, null, 2), {
    headers: { 'content-type': 'application/did+json', 'cache-control': DID_DOCUMENT_CACHE_CONTROL, 'access-control-allow-origin': '*' },
  })
}
