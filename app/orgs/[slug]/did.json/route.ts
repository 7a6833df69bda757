import { serveDidDocument } from '@/lib/dids/http'
import { getRuntime } from '@/lib/runtime'

/** An organisation's did:web DID document: public, short-cached (lib/dids/http.ts). */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const [rt, { slug }] = await Promise.all([getRuntime(), params])
  return serveDidDocument(rt, slug)
}
