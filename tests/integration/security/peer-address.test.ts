import { spawn, type ChildProcess } from 'node:child_process'
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { clientAddress } from '@/lib/security/client-address'

// The preload `npm start` gives the server process: a real HTTP server on loopback answers with the
// X-Forwarded-For it received, so we see what route handlers and actions will read.
const preload = resolve(import.meta.dirname, '../../../scripts/peer-address.cjs')
const SERVER = `
  const server = require('node:http').createServer((req, res) => res.end(req.headers['x-forwarded-for'] ?? ''))
  server.listen(0, '127.0.0.1', () => console.log(server.address().port))
`

let child: ChildProcess
let base: string

beforeAll(async () => {
  child = spawn(process.execPath, ['--require', preload, '-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] })
  const port = await new Promise<string>((done) => child.stdout!.once('data', (d) => done(String(d).trim())))
  base = `http://127.0.0.1:${port}`
})

afterAll(() => {
  child?.kill()
})

describe('the server process appends the socket peer to X-Forwarded-For', () => {
  test('a request without the header gets the peer address', async () => {
    expect(await (await fetch(base)).text()).toBe('127.0.0.1')
  })

  test('a forged header keeps its entries, but the peer comes last and is the one believed', async () => {
    const seen = await (await fetch(base, { headers: { 'x-forwarded-for': '6.6.6.6, 7.7.7.7' } })).text()
    expect(seen).toBe('6.6.6.6, 7.7.7.7, 127.0.0.1')
    expect(clientAddress(new Headers({ 'x-forwarded-for': seen })).ip).toBe('127.0.0.1')
  })
})
