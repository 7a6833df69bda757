import { requireRole } from '@/lib/auth/guards'
import { exportFileName, exportPersonalData } from '@/lib/privacy/service'
import { getRuntime } from '@/lib/runtime'
import { attachmentResponse, errorResponse } from '@/lib/wallet/http'

export const dynamic = 'force-dynamic'

/**
 * All of the young person's data as one JSON file to save. Own data only; never cached.
 * POST (a form's button), not GET: making the file logs it in the consent log, and a GET could
 * be set off by another site (a link, an image) with the visitor's cookie.
 */
export async function POST(request: Request) {
  // The session cookie is SameSite=Lax already; a browser that says cross-site is refused too.
  if (request.headers.get('sec-fetch-site') === 'cross-site') return new Response(null, { status: 403 })
  const user = await requireRole('youth')
  try {
    const now = new Date()
    const data = await exportPersonalData(await getRuntime(), user, now)
    return attachmentResponse({ filename: exportFileName(data.account.username, now), contentType: 'application/json; charset=utf-8', body: JSON.stringify(data, null, 2) })
  } catch (e) {
    return errorResponse(e)
  }
}
