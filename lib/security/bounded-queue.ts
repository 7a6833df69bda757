/**
 * At most `concurrency` tasks at once and at most `queue` waiting, first come first served; one
 * more is refused at once with `busy()` instead of piling up behind everyone. Shared by the remote
 * fetches (lib/status/fetch-limiter.ts) and password hashing (lib/auth/password.ts).
 */
export interface BoundedQueue {
  /**
   * Runs `task` when a slot is free. @throws `busy()` when the line is full, or the signal's
   * reason when it aborts while waiting (the task is then never started).
   */
  run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T>
  /** Running and waiting tasks (for tests and logs). */
  readonly stats: () => { running: number; waiting: number }
}

export function createBoundedQueue({ concurrency, queue, busy }: { concurrency: number; queue: number; busy: () => Error }): BoundedQueue {
  if (!(concurrency >= 1)) throw new TypeError('concurrency must be at least 1')
  let running = 0
  const waiting: (() => void)[] = []
  const release = () => {
    running--
    waiting.shift()?.()
  }
  const acquire = (signal?: AbortSignal) => new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    if (running < concurrency) {
      running++
      return resolve()
    }
    if (waiting.length >= queue) return reject(busy())
    const onAbort = () => {
      const at = waiting.indexOf(start)
      if (at >= 0) waiting.splice(at, 1)
      reject(signal!.reason)
    }
    function start() {
      signal?.removeEventListener('abort', onAbort)
      running++
      resolve()
    }
    signal?.addEventListener('abort', onAbort, { once: true })
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
