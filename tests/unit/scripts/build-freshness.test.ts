import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { BUILD_SOURCES, buildState } from '@/scripts/build-freshness'

// A small tree on disk, as `npm start` and the bench see the repository: sources and a build.
let root: string
const at = (path: string, seconds: number) => {
  const t = new Date(Date.now() - 3600_000 + seconds * 1000)
  utimesSync(join(root, path), t, t)
}
const write = (path: string, seconds: number) => {
  mkdirSync(join(root, path, '..'), { recursive: true })
  writeFileSync(join(root, path), 'x')
  at(path, seconds)
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'tremplin-build-'))
  write('app/page.tsx', 0)
  write('lib/auth/deep/service.ts', 0)
  write('next.config.ts', 0)
  at('app', 0); at('lib/auth/deep', 0); at('lib/auth', 0); at('lib', 0)
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

describe('buildState', () => {
  test('no BUILD_ID: missing', () => {
    expect(buildState(root, '.next')).toEqual({ kind: 'missing' })
  })

  test('a build newer than every source is fresh', () => {
    write('.next/BUILD_ID', 10)
    expect(buildState(root, '.next').kind).toBe('fresh')
  })

  test('a source file touched after BUILD_ID, however deep, makes the build stale and is named', () => {
    write('.next/BUILD_ID', 10)
    at('lib/auth/deep/service.ts', 20)
    expect(buildState(root, '.next')).toMatchObject({ kind: 'stale', newer: 'lib' })
  })

  test('a top-level file (next.config.ts, package-lock.json) counts too', () => {
    write('.next-other/BUILD_ID', 10)
    write('package-lock.json', 30)
    expect(buildState(root, '.next-other')).toMatchObject({ kind: 'stale', newer: 'package-lock.json' })
    expect(buildState(root, '.next-other', ['app', 'lib']).kind).toBe('fresh')
  })

  test('a file added to a source folder makes it stale (the folder itself is newer)', () => {
    write('.next/BUILD_ID', 10)
    writeFileSync(join(root, 'messages.json'), '{}') // not a source: ignored
    expect(buildState(root, '.next').kind).toBe('fresh')
    mkdirSync(join(root, 'messages'))
    expect(buildState(root, '.next')).toMatchObject({ kind: 'stale', newer: 'messages' })
  })

  test('what the build is made of includes the code, the words and the lock file', () => {
    expect(BUILD_SOURCES).toEqual(expect.arrayContaining(['app', 'lib', 'db', 'messages', 'package-lock.json']))
  })
})
