// The file the verification pool's threads load (lib/verification/pool.ts). The Next server
// bundles lib/ into .next, so the worker cannot be a bundled module: it is this plain file, which
// lets tsx (already a dependency) load the TypeScript worker and its `@/` imports (tsconfig paths)
// from the project folder at run time.
import { register } from 'tsx/esm/api'

register()
const { default: runVerifyTask } = await import('./worker.ts')

export default runVerifyTask
