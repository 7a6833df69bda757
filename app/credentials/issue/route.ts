import { getRuntime } from '@/lib/runtime'
import { handleIssue } from '@/lib/vc-api/handlers'

export const dynamic = 'force-dynamic'

/** VC-API: issue a credential in the name of the organisation that owns the Bearer token. */
export async function POST(request: Request) {
  return handleIssue(await getRuntime(), request)
}
