import { describe, expect, test } from 'vitest'
import { readEnv } from '@/lib/env'

// DATABASE_URL switches to PostgreSQL; several instances then share one database and must share
// the master key that opens its private keys.

const KEY = 'a'.repeat(64)

describe('DATABASE_URL', () => {
  test('unset: the SQLite file in DATA_DIR', () => {
    const env = readEnv({ NODE_ENV: 'test', DATA_DIR: '/tmp/x' })
    expect(env.databaseUrl).toBeUndefined()
    expect(env.databaseFile).toBe('/tmp/x/tremplin.sqlite')
  })

  test('a postgres:// or postgresql:// URL is used as given', () => {
    expect(readEnv({ NODE_ENV: 'test', DATABASE_URL: 'postgres://u:p@db:5432/tremplin', MASTER_KEY: KEY }).databaseUrl).toBe('postgres://u:p@db:5432/tremplin')
    expect(readEnv({ NODE_ENV: 'test', DATABASE_URL: 'postgresql://db/tremplin', MASTER_KEY: KEY }).databaseUrl).toBe('postgresql://db/tremplin')
  })

  test('another scheme is refused, naming the variable', () => {
    expect(() => readEnv({ NODE_ENV: 'test', DATABASE_URL: 'mysql://db/tremplin', MASTER_KEY: KEY })).toThrow(/DATABASE_URL: must be a postgres:\/\//)
    expect(() => readEnv({ NODE_ENV: 'test', DATABASE_URL: './data/tremplin.sqlite', MASTER_KEY: KEY })).toThrow(/DATABASE_URL/)
  })

  test('without MASTER_KEY it is refused: each instance would make a key file of its own', () => {
    expect(() => readEnv({ NODE_ENV: 'test', DATABASE_URL: 'postgres://db/tremplin' })).toThrow(/MASTER_KEY: required with DATABASE_URL/)
  })
})
