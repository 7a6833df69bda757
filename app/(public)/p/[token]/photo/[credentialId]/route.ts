import { sharedPhotoOrThrow } from '@/lib/portfolio/view'
import { getRuntime } from '@/lib/runtime'
import { errorResponse, photoResponse } from '@/lib/wallet/http'
import { credentialIdFromSegment } from '@/lib/wallet/paths'

export const dynamic = 'force-dynamic'

/** The evidence photo of a credential of an active share (and only of that share). */
export async function GET(_request: Request, { params }: { params: Promise<{ token: string; credentialId: string }> }) {
  const { token, credentialId } = await params
  try {
    const response = photoResponse(await sharedPhotoOrThrow(await getRuntime(), token, credentialIdFromSegment(credentialId)))
    response.headers.set('Referrer-Policy', 'no-referrer')
    return response
  } catch (e) {
    return errorResponse(e)
  }
}
