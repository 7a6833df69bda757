// Next calls register() once when a server instance starts (Next 16, file convention
// `instrumentation.ts`), in every runtime: the jobs below need Node (SQLite, node:https), and
// nothing runs while `next build` prerenders.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return
  const [{ readEnv }, { getRuntime }, { startRecheckTimer }] = await Promise.all([
    import('./lib/env'), import('./lib/runtime'), import('./lib/directory/recheck'),
  ])
  // Imported credentials' remote status, re-checked on a schedule, never in a request (decision 020).
  startRecheckTimer(getRuntime, readEnv().recheckImportsMinutes)
}
