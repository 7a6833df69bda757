// Next calls register() once when a server instance starts (Next 16 file convention
// `instrumentation.ts`), in every runtime: the jobs need Node (SQLite, node:https), so they are
// imported only in the Node.js runtime (the documented pattern), and not while `next build` runs.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs' && process.env.NEXT_PHASE !== 'phase-production-build') {
    const { startServerJobs } = await import('@/lib/jobs/server-jobs')
    const { installGracefulShutdown } = await import('@/lib/ops/shutdown')
    installGracefulShutdown()
    startServerJobs()
  }
}

type ErrorContext = { routerKind: string; routePath: string; routeType: string }
type ErrorRequest = { method: string; headers: Record<string, string | string[] | undefined> }

/**
 * Next 16's hook for every server error (rendering, route handlers, server actions, proxy): one
 * JSON line with the request's id (proxy.ts), so the X-Request-Id a user reports finds it.
 * The route's pattern (`/p/[token]`), never the path itself: paths carry bearer tokens.
 */
export async function onRequestError(error: unknown, request: ErrorRequest, context: ErrorContext): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  const { logger } = await import('@/lib/log')
  const requestId = request.headers['x-request-id']
  logger().error({
    requestId: typeof requestId === 'string' ? requestId : undefined,
    method: request.method,
    route: context.routePath,
    routeType: context.routeType,
    err: error,
  }, 'request failed')
}
