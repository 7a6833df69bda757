import { MessageChannel } from 'node:worker_threads'
import { afterEach, describe, expect, test } from 'vitest'
import { FunctionTable, functionClient } from '@/lib/verification/rpc'

// The calls the worker makes to the main thread, over a real MessageChannel (both ends here).

const channels: MessageChannel[] = []
afterEach(() => { for (const c of channels.splice(0)) { c.port1.close(); c.port2.close() } })

function connect(options: Record<string, unknown>) {
  const channel = new MessageChannel()
  channels.push(channel)
  const table = new FunctionTable()
  table.serve(channel.port1, () => {})
  // Through structured clone, as a task would cross.
  const crossed = structuredClone(table.export(options))
  return { table, options: functionClient(channel.port2, table.token).revive(crossed) as Record<string, any> }
}

class Resolver {
  private readonly prefix = 'resolved:'
  resolve(did: string) { return Promise.resolve({ didDocument: { id: this.prefix + did } }) }
}

describe('function options answered by the main thread', () => {
  test('functions, nested ones and a class instance’s methods are called here, with their arguments; plain values cross as they are', async () => {
    const seen: unknown[] = []
    const { options } = connect({
      lookupIssuer: async (did: string) => { seen.push(did); return { name: 'Org', since: new Date(0) } },
      nested: { deeper: [(a: number, b: number) => a + b] },
      resolveDid: new Resolver(),
      now: new Date(5),
      limits: { credentials: 3 },
      table: new Map([['k', 1]]),
    })
    expect(await options.lookupIssuer('did:web:x')).toEqual({ name: 'Org', since: new Date(0) })
    expect(seen).toEqual(['did:web:x'])
    expect(await options.nested.deeper[0](2, 3)).toBe(5)
    expect(await options.resolveDid.resolve('did:web:y')).toEqual({ didDocument: { id: 'resolved:did:web:y' } })
    expect(options.now).toEqual(new Date(5))
    expect(options.limits).toEqual({ credentials: 3 })
    expect(options.table).toEqual(new Map([['k', 1]]))
  })

  test('a function returned by a call is callable too (a status list’s facts)', async () => {
    const { options } = connect({ resolveStatusList: async (url: string) => ({ credential: { id: url }, facts: async (purpose: string, i: number) => ({ reason: `${purpose} ${i}` }) }) })
    const list = await options.resolveStatusList('https://x/1')
    expect(list.credential).toEqual({ id: 'https://x/1' })
    expect(await list.facts('revocation', 7)).toEqual({ reason: 'revocation 7' })
  })

  test('a function that throws rejects in the worker with its message', async () => {
    const { options } = connect({ resolveStatusList: async () => { throw new Error('list unreachable') } })
    await expect(options.resolveStatusList('https://x/1')).rejects.toThrow('list unreachable')
  })

  test('data that looks like a marker but lacks the job’s token stays data', async () => {
    const forged = { __verifyRpcFn: 0, token: 'guessed' }
    const { options } = connect({ lookupIssuer: async () => forged, also: forged })
    expect(await options.lookupIssuer('did:x')).toEqual(forged)
    expect(typeof options.also).toBe('object')
  })
})
