import { afterEach, describe, expect, test, vi } from 'vitest'
import { readEnv } from '@/lib/env'
import { logger, requestLogger } from '@/lib/log'
import { captureLogs } from '../../helpers/log-capture'
import { requestHeaders } from '../../helpers/next-mocks'

vi.mock('next/headers', async () => (await import('../../helpers/next-mocks')).nextHeaders)

const env = (vars: Record<string, string>) => readEnv({ NODE_ENV: 'development', ...vars } as unknown as NodeJS.ProcessEnv)

describe('the server log', () => {
  let capture: ReturnType<typeof captureLogs> | undefined
  afterEach(() => {
    capture?.restore()
    requestHeaders.delete('x-request-id')
  })

  test('one JSON object per line, with level, time, pid and message; secrets passed by mistake are redacted', () => {
    capture = captureLogs()
    logger().info({ token: 'tok-secret', password: 'pw-secret', user: { password: 'nested' } }, 'hello')
    expect(capture.lines).toEqual([expect.objectContaining({ level: 30, pid: process.pid, msg: 'hello', token: '[redacted]', password: '[redacted]', user: { password: '[redacted]' } })])
    expect(new Date(String(capture.lines[0]!.time)).toISOString()).toBe(capture.lines[0]!.time)
  })

  test('in a request, lines carry its id (set by proxy.ts); outside one, none', async () => {
    capture = captureLogs()
    requestHeaders.set('x-request-id', 'req-12345678')
    ;(await requestLogger()).warn('in a request')
    requestHeaders.delete('x-request-id')
    ;(await requestLogger()).warn('outside')
    expect(capture.lines.map((l) => [l.msg, l.requestId])).toEqual([['in a request', 'req-12345678'], ['outside', undefined]])
  })
})

describe('LOG_LEVEL and HOST', () => {
  test('LOG_LEVEL is one of pino\'s levels; default info, silent under NODE_ENV=test', () => {
    expect(env({}).logLevel).toBe('info')
    expect(env({ LOG_LEVEL: 'debug' }).logLevel).toBe('debug')
    expect(readEnv({ NODE_ENV: 'test' } as unknown as NodeJS.ProcessEnv).logLevel).toBe('silent')
    expect(() => env({ LOG_LEVEL: 'verbose' })).toThrow(/LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent/)
  })

  test('HOST is an IP address or a host name; unset listens on every interface (undefined)', () => {
    expect(env({}).host).toBeUndefined()
    for (const ok of ['127.0.0.1', '::1', '0.0.0.0', '::', 'localhost', 'app.internal']) expect(env({ HOST: ok }).host).toBe(ok)
    for (const bad of ['http://localhost', 'a b', 'host:3000', '-bad.example', '1.2.3.4/24']) expect(() => env({ HOST: bad })).toThrow(/HOST: must be an IP address/)
  })
})

describe('server errors (instrumentation.ts onRequestError)', () => {
  test('one line with the request id and the route pattern, never the path (it may hold a token)', async () => {
    const { onRequestError } = await import('@/instrumentation')
    const capture = captureLogs()
    const runtime = process.env.NEXT_RUNTIME
    process.env.NEXT_RUNTIME = 'nodejs'
    try {
      await onRequestError(new Error('boom'), { method: 'GET', path: '/p/secret-share-token?x=1', headers: { 'x-request-id': 'req-abcdef12' } } as never, { routerKind: 'App Router', routePath: '/p/[token]', routeType: 'render' })
    } finally {
      if (runtime === undefined) delete process.env.NEXT_RUNTIME
      else process.env.NEXT_RUNTIME = runtime
      capture.restore()
    }
    expect(capture.lines).toEqual([expect.objectContaining({ level: 50, msg: 'request failed', requestId: 'req-abcdef12', method: 'GET', route: '/p/[token]', err: expect.objectContaining({ message: 'boom' }) })])
    expect(JSON.stringify(capture.lines)).not.toContain('secret-share-token')
  })
})
