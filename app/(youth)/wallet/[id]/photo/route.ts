import { requireRole } from '@/lib/auth/guards'
import { getRuntime } from '@/lib/runtime'
import { errorResponse, photoResponse } from '@/lib/wallet/http'
import { credentialIdFromSegment } from '@/lib/wallet/paths'
import { getEvidencePhotoOrThrow } from '@/lib/wallet/service'

export const dynamic = 'force-dynamic'

/** The evidence photo of one of the young person's own credentials. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await requireRole('youth')
  const { id } = await params
  try {
    return photoResponse(await getEvidencePhotoOrThrow(await getRuntime(), user, credentialIdFromSegment(id)))
  } catch (e) {
    return errorResponse(e)
  }
}
