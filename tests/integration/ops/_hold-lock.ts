// A process holding a data folder's lock, as `npm start` does (tests/integration/ops/data-lock.test.ts).
import { acquireDataLock } from '../../../lib/ops/data-lock'

const lock = acquireDataLock(process.argv[2]!)
process.on('SIGTERM', () => {
  lock.release()
  process.exit(0)
})
process.stdout.write('held\n')
setInterval(() => undefined, 60_000)
