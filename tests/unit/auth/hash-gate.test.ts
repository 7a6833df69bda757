import { describe, expect, test } from 'vitest'
import { createHashGate } from '@/lib/auth/password'

// The process-wide bound on password hashing: `concurrency` run, `queue` wait, the next is told
// BUSY at once instead of waiting behind everyone (tasks here are promises the test settles).

/** What a gated call has come to by the next turn of the event loop: BUSY is said at once. */
const soon = (p: Promise<unknown>) => Promise.race([p.then(() => 'admitted', (e: { code?: string }) => e.code), new Promise((r) => setImmediate(() => r('waiting')))])

function deferred() {
  let resolve!: () => void
  const promise = new Promise<void>((r) => { resolve = r })
  return { promise, resolve }
}

describe('the hash gate', () => {
  test('runs `concurrency` tasks, queues `queue` more, refuses the next with BUSY', async () => {
    const gate = createHashGate({ concurrency: 2, queue: 3 })
    const release = deferred()
    let running = 0
    let peak = 0
    const task = async () => {
      running++
      peak = Math.max(peak, running)
      await release.promise
      running--
      return 'hashed'
    }
    const admitted = Array.from({ length: 5 }, () => gate(task))
    expect(await soon(gate(task))).toBe('BUSY')
    release.resolve()
    expect(await Promise.all(admitted)).toEqual(Array(5).fill('hashed'))
    expect(peak).toBe(2)
  })

  test('takes new work again once the queue drains', async () => {
    const gate = createHashGate({ concurrency: 1, queue: 0 })
    const release = deferred()
    const first = gate(() => release.promise)
    expect(await soon(gate(async () => 'x'))).toBe('BUSY')
    release.resolve()
    await first
    await expect(gate(async () => 'x')).resolves.toBe('x')
  })
})
