import { getRuntime } from '@/lib/runtime'
import { handleVerify } from '@/lib/vc-api/handlers'

export const dynamic = 'force-dynamic'

/** VC-API: verify a presentation (with options.challenge / options.domain). Public. */
export async function POST(request: Request) {
  return handleVerify(await getRuntime(), request, 'presentation')
}
