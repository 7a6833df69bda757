import { checkHealth } from '@/lib/ops/health'
import { getRuntime } from '@/lib/runtime'

// Asked afresh every time (a load balancer's or an orchestrator's probe), never cached anywhere.
export const dynamic = 'force-dynamic'

/** 200 when the database answers and every migration has run, else 503 naming which part failed. */
export async function GET() {
  const health = await checkHealth(async () => (await getRuntime()).db)
  return Response.json(health, { status: health.status === 'ok' ? 200 : 503, headers: { 'Cache-Control': 'no-store' } })
}
