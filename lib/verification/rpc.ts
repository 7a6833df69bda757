import { randomBytes } from 'node:crypto'
import type { MessagePort } from 'node:worker_threads'

// Function calls across a MessagePort, for the verification pool: the worker runs verify(), and
// every function among its options (issuer lookup, status lists, DID resolution, linked
// identifiers, a status list's `facts`…) is answered by the main thread, where the database and
// the network are. Values cross by structured clone; functions are replaced by numbered markers.
// Nothing here knows which options exist: whatever verify() is given is forwarded.

const FN = '__verifyRpcFn'

// A marker carries the table's random token: data that merely looks like a marker (a fetched
// status list, a pasted document) never becomes a function in the worker.
interface FnMarker {
  [FN]: number
  token: string
}

/** Worker → main. */
export type WorkerMessage = { type: 'start' } | { type: 'call'; call: number; fn: number; args: unknown[] }
/** Main → worker. */
export type MainMessage = { type: 'return'; call: number; ok: true; value: unknown } | { type: 'return'; call: number; ok: false; message: string }

/** Built-ins that structured clone carries whole (their data, not their methods). */
const CLONED_AS_IS = [Date, Map, Set, Error, RegExp, ArrayBuffer]

const isPlain = (v: object) => {
  const proto = Object.getPrototypeOf(v)
  return proto === Object.prototype || proto === null
}

/** Any function the main thread lends the worker: called with the worker's (structured-cloned) arguments. */
type Callable = (...args: unknown[]) => unknown

/** An object's methods, own and inherited (a class instance such as a did-resolver Resolver), bound to it. */
function methodsOf(v: object, register: (f: Callable) => FnMarker): Record<string, FnMarker> {
  const out: Record<string, FnMarker> = {}
  for (let o: object | null = v; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
    for (const key of Object.getOwnPropertyNames(o)) {
      if (key === 'constructor' || key in out) continue
      const f = (v as Record<string, unknown>)[key]
      if (typeof f === 'function') out[key] = register(f.bind(v))
    }
  }
  return out
}

/**
 * The main thread's side: replaces functions in `value` by markers it can later call by number.
 * Plain objects and arrays are walked; class instances become their methods; anything else
 * (strings, numbers, Dates, typed arrays) crosses as is.
 */
export class FunctionTable {
  private readonly fns: Callable[] = []
  readonly token = randomBytes(16).toString('hex')

  export(value: unknown, depth = 0): unknown {
    if (typeof value === 'function') return this.register(value as Callable)
    if (depth > 8 || value === null || typeof value !== 'object') return value
    if (Array.isArray(value)) return value.map((v) => this.export(v, depth + 1))
    if (!isPlain(value)) {
      if (CLONED_AS_IS.some((type) => value instanceof type) || ArrayBuffer.isView(value)) return value
      return methodsOf(value, (f) => this.register(f))
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.export(v, depth + 1)]))
  }

  private register(f: Callable): FnMarker {
    return { [FN]: this.fns.push(f) - 1, token: this.token }
  }

  /** Answers the worker's calls on `port` until it is closed. */
  serve(port: MessagePort, onStart: () => void): void {
    port.on('message', (message: WorkerMessage) => {
      if (message.type === 'start') return onStart()
      const f = this.fns[message.fn]
      const reply = (m: MainMessage) => { try { port.postMessage(m) } catch { /* the job is over */ } }
      Promise.resolve()
        .then(() => {
          if (!f) throw new Error('unknown function')
          return f(...message.args)
        })
        .then(
          (value) => reply({ type: 'return', call: message.call, ok: true, value: this.export(value) }),
          (error) => reply({ type: 'return', call: message.call, ok: false, message: (error as Error)?.message ?? String(error) }),
        )
    })
  }
}

/** The worker's side: turns markers back into functions that call the main thread. */
export function functionClient(port: MessagePort, token: string): { revive: (value: unknown) => unknown } {
  let next = 0
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()
  port.on('message', (m: MainMessage) => {
    const waiting = pending.get(m.call)
    if (!waiting) return
    pending.delete(m.call)
    if (m.ok) waiting.resolve(revive(m.value))
    else waiting.reject(new Error(m.message))
  })
  const call = (fn: number, args: unknown[]) => new Promise<unknown>((resolve, reject) => {
    const id = next++
    pending.set(id, { resolve, reject })
    try {
      port.postMessage({ type: 'call', call: id, fn, args } satisfies WorkerMessage)
    } catch (e) {
      pending.delete(id)
      reject(e as Error)
    }
  })
  function revive(value: unknown): unknown {
    if (value === null || typeof value !== 'object') return value
    if (Array.isArray(value)) return value.map(revive)
    if (!isPlain(value)) return value
    const marker = (value as Partial<FnMarker>)[FN]
    if (typeof marker === 'number' && (value as FnMarker).token === token) return (...args: unknown[]) => call(marker, args)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revive(v)]))
  }
  return { revive }
}
