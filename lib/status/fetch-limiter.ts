/**
 * Thrown when every fetch slot is taken and the waiting line is full: the caller reports the
 * document as not obtained ("busy") at once instead of piling up sockets and timers.
 */
export class RemoteBusyError extends Error {
  readonly code = 'REMOTE_BUSY'
  constructor() {
    super('busy: too many remote fetches at once on this server, try again in a moment')
    this.name = 'RemoteBusyError'
  }
}

export interface FetchLimiter {
  /**
   * Runs `task` when a slot is free. @throws RemoteBusyError when the line is full, or the
   * signal's reason when it aborts while waiting.
   */
  run<T>(task: () => Promise<T>, signal: AbortSignal): Promise<T>
  /** Running and waiting tasks (for tests and logs). */
  readonly stats: () => { running: number; waiting: number }
}

/** At most `concurrency` tasks at once, at most `queue` waiting (first come, first served). */
export function createFetchLimiter({ concurrency, queue }: { concurrency: number; queue: number }): FetchLimiter {
  if (!(concurrency >= 1)) throw new TypeError('concurrency must be at least 1')
  let running = 0
  const waiting: (() => void)[] = []
  const release = () => {
    running--
    waiting.shift()?.()
  }
  const acquire = (signal: AbortSignal) => new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason)
    if (running < concurrency) {
      running++
      return resolve()
    }
    if (waiting.length >= queue) return reject(new RemoteBusyError())
    const onAbort = () => {
      const at = waiting.indexOf(start)
      if (at >= 0) waiting.splice(at, 1)
      reject(signal.reason)
    }
    function start() {
      signal.removeEventListener('abort', onAbort)
      running++
      resolve()
    }
    signal.addEventListener('abort', onAbort, { once: true })
    waiting.push(start)
  })
  return {
    async run(task, signal) {
      await acquire(signal)
      try {
        return await task()
      } finally {
        release()
      }
    },
    stats: () => ({ running, waiting: waiting.length }),
  }
}
