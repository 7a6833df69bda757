import { requireRole } from '@/lib/auth/guards'
import { getRuntime } from '@/lib/runtime'
import { attachmentResponse, errorResponse } from '@/lib/wallet/http'
import { credentialIdFromSegment } from '@/lib/wallet/paths'
import { getCredentialFileOrThrow } from '@/lib/wallet/service'

export const dynamic = 'force-dynamic'

/** The signed credential as issued: its JSON (Data Integrity) or its compact JWT. Owner only. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await requireRole('youth')
  const { id } = await params
  try {
    return attachmentResponse(await getCredentialFileOrThrow(await getRuntime(), user, credentialIdFromSegment(id)))
  } catch (e) {
    return errorResponse(e)
  }
}
