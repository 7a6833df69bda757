import { createBoundedQueue, type BoundedQueue } from '@/lib/security/bounded-queue'

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

/** Remote fetches: a waiting fetch may be aborted (its timeout counts while it waits). */
export type FetchLimiter = BoundedQueue

/** At most `concurrency` fetches at once, at most `queue` waiting; beyond, RemoteBusyError. */
export function createFetchLimiter({ concurrency, queue }: { concurrency: number; queue: number }): FetchLimiter {
  return createBoundedQueue({ concurrency, queue, busy: () => new RemoteBusyError() })
}
