import { getRuntime } from '@/lib/runtime'
import { handleVerify } from '@/lib/vc-api/handlers'

export const dynamic = 'force-dynamic'

/** VC-API: verify a credential. Public. */
export async function POST(request: Request) {
  return handleVerify(await getRuntime(), request, 'credential')
}
