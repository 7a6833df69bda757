// The file the issuing pool's thread loads (lib/issuing/prove-pool.ts). As for verification
// (lib/verification/worker-entry.mjs): the Next server bundles lib/ into .next, so the worker is
// this plain file, which lets tsx load the TypeScript worker and its `@/` imports at run time.
import { register } from 'tsx/esm/api'

register()
const { default: runProveTask } = await import('./prove-worker.ts')

export default runProveTask
