/**
 * Is the production build older than the code it was made from? Shared by `npm start`
 * (scripts/start.ts rebuilds then) and the benchmark's server (tests/bench/app-server.ts).
 * A file's modification time is the cheap, dependable signal here: `git pull`, `npm install` and
 * an editor all touch what they change, and `next build` writes BUILD_ID last.
 */
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** What a build is made of (relative to the repository): a file here newer than the build makes it stale. */
export const BUILD_SOURCES = [
  'app', 'lib', 'db', 'messages', 'credentials-schemas', 'next.config.ts', 'package-lock.json',
  'proxy.ts', 'instrumentation.ts', 'instrumentation-node.ts',
] as const

/** The newest modification time (ms) at or under `path`; 0 when it does not exist. */
export function newestSource(path: string): number {
  if (!existsSync(path)) return 0
  const info = statSync(path)
  if (!info.isDirectory()) return info.mtimeMs
  return readdirSync(path).reduce((max, name) => Math.max(max, newestSource(join(path, name))), info.mtimeMs)
}

export type BuildState =
  | { kind: 'missing' }
  | { kind: 'fresh'; builtAt: number }
  /** `newer`: the first source (of BUILD_SOURCES) changed since the build, for the message. */
  | { kind: 'stale'; builtAt: number; newer: string }

/** The state of the build in `root/distDir` (its BUILD_ID) against `sources` under `root`. */
export function buildState(root: string, distDir: string, sources: readonly string[] = BUILD_SOURCES): BuildState {
  const buildId = join(root, distDir, 'BUILD_ID')
  if (!existsSync(buildId)) return { kind: 'missing' }
  const builtAt = statSync(buildId).mtimeMs
  const newer = sources.find((s) => newestSource(join(root, s)) > builtAt)
  return newer ? { kind: 'stale', builtAt, newer } : { kind: 'fresh', builtAt }
}
