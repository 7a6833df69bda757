import { getRuntime } from '@/lib/runtime'
import { serveStatusList } from '@/lib/status/http'

/** An organisation's status list credential (revocation or suspension), public, short-cached. */
export async function GET(request: Request, { params }: { params: Promise<{ org: string; purpose: string; n: string }> }) {
  const [rt, p] = await Promise.all([getRuntime(), params])
  return serveStatusList(rt, p, request)
}
