import { sharedPresentationFile } from '@/lib/portfolio/view'
import { getRuntime } from '@/lib/runtime'
import { clientAddress } from '@/lib/security/client-address'
import { checkLimit, rateLimitedResponse } from '@/lib/security/limits'
import { attachmentResponse, errorResponse } from '@/lib/wallet/http'

export const dynamic = 'force-dynamic'

/**
 * A freshly signed presentation of an active share, to verify anywhere: the challenge and
 * domain are inside it. Public, like the page: holding the link is the permission.
 */
export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params
  const rt = await getRuntime()
  const limited = await checkLimit(rt, 'share-view', clientAddress(request.headers, rt.env.trustProxy).key)
  if (limited) return rateLimitedResponse(limited)
  const format = new URL(request.url).searchParams.get('format') ?? undefined
  try {
    const response = attachmentResponse(await sharedPresentationFile(rt, token, format))
    response.headers.set('Referrer-Policy', 'no-referrer')
    return response
  } catch (e) {
    return errorResponse(e)
  }
}
