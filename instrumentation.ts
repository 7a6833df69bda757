// Next calls register() once when a server instance starts (Next 16 file convention
// `instrumentation.ts`), in every runtime: the jobs need Node (SQLite, node:https), so they are
// imported only in the Node.js runtime (the documented pattern), and not while `next build` runs.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs' && process.env.NEXT_PHASE !== 'phase-production-build') {
    const { startServerJobs } = await import('@/lib/jobs/server-jobs')
    startServerJobs()
  }
}
