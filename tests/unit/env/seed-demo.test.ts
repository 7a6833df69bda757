import { describe, expect, test } from 'vitest'
import { readEnv } from '@/lib/env'

// SEED_DEMO (decision 033): the demo world's accounts have a public password, so it is seeded on a
// newcomer's local start only, and asking for it on a public server is a configuration error.
const env = (vars: Record<string, string>) => readEnv({ DATA_DIR: '/tmp/tremplin-env-test', ...vars } as Partial<NodeJS.ProcessEnv> as NodeJS.ProcessEnv)

describe('SEED_DEMO', () => {
  test.each([
    ['a local start (nothing set)', {}, true],
    ['NODE_ENV=development, http PUBLIC_URL', { NODE_ENV: 'development', PUBLIC_URL: 'http://192.168.1.20:3000' }, true],
    ['NODE_ENV=test', { NODE_ENV: 'test' }, true],
    ['NODE_ENV=production', { NODE_ENV: 'production' }, false],
    ['an https PUBLIC_URL', { PUBLIC_URL: 'https://tremplin.example.org' }, false],
    ['an empty SEED_DEMO (as unset)', { SEED_DEMO: '', PUBLIC_URL: 'https://tremplin.example.org' }, false],
  ])('unset: %s → %s', (_, vars, seeded) => {
    expect(env(vars).seedDemo).toBe(seeded)
  })

  test('false is honoured everywhere', () => {
    expect(env({ SEED_DEMO: 'false' }).seedDemo).toBe(false)
    expect(env({ SEED_DEMO: 'false', NODE_ENV: 'production', PUBLIC_URL: 'https://t.example' }).seedDemo).toBe(false)
  })

  test('true on a local start seeds', () => {
    expect(env({ SEED_DEMO: 'true', NODE_ENV: 'test', PUBLIC_URL: 'http://localhost:4000' }).seedDemo).toBe(true)
  })

  test('true with NODE_ENV=production is refused, naming why', () => {
    expect(() => env({ SEED_DEMO: 'true', NODE_ENV: 'production' })).toThrow(/Invalid configuration:\n {2}SEED_DEMO: true, but NODE_ENV is production/)
  })

  test('true with an https PUBLIC_URL is refused, naming the URL', () => {
    expect(() => env({ SEED_DEMO: 'true', PUBLIC_URL: 'https://tremplin.example.org' })).toThrow(/SEED_DEMO: true, but PUBLIC_URL \(https:\/\/tremplin\.example\.org\) is https/)
  })

  test.each(['yes', '1', 'TRUE'])('%s is not a value', (value) => {
    expect(() => env({ SEED_DEMO: value })).toThrow(/SEED_DEMO: must be true or false/)
  })
})
