/**
 * `npm start`: everything a first run needs, with no configuration.
 * 1. data folder (0700), SQLite (WAL, files 0600) and migrations, master key file (0600) unless MASTER_KEY is set;
 * 2. the demo world on a local first start only (env.seedDemo: never with NODE_ENV=production or an
 *    https PUBLIC_URL; its sign-in details printed here), and at every start the demo recruiter
 *    link to Samira's portfolio while it works; with no admin account, how to make the first one
 *    (docs/decisions/033); a did:web for every approved organisation that has none yet (idempotent);
 *    `npm start -- --prepare-only` stops here (migrations and all, then exit 0);
 * 3. a production build when none exists or when the code is newer than it (scripts/build-freshness.ts;
 *    START_REBUILD=0 serves an older build as it is, e.g. where file times say nothing);
 * 4. the server on HOST:PORT (default: every interface, 3000), holding DATA_DIR/tremplin.lock while it
 *    runs (one server per SQLite folder); SIGTERM/SIGINT are passed on and waited for (graceful
 *    shutdown, lib/ops/shutdown.ts), then the lock is removed (docs/decisions/034).
 */
import { spawn, spawnSync } from 'node:child_process'
import { join, resolve } from 'node:path'
import { ensurePrivateDir } from '@/db/client'
import { THREADPOOL_SIZE } from '@/lib/auth/password'
import { countAdmins } from '@/lib/auth/repository'
import { readEnv } from '@/lib/env'
import { acquireDataLock } from '@/lib/ops/data-lock'
import { SHUTDOWN_GRACE_MS } from '@/lib/ops/shutdown'
import { ensureOrganisationDidWebs } from '@/lib/orgs/did-web'
import { createRuntime } from '@/lib/runtime'
import { purgeExpired } from '@/lib/security/limits'
import { DEMO_ACCOUNTS, DEMO_PASSWORD, demoShareLink, seedDemoWorld } from '@/lib/seed/demo'
import { buildState } from './build-freshness'
import { importSharedTaxonomies } from './import-shared-taxonomies'

const root = resolve(import.meta.dirname, '..')
const nextBin = join(root, 'node_modules', '.bin', 'next')
const nextCli = join(root, 'node_modules', 'next', 'dist', 'bin', 'next')

async function prepare() {
  const env = readEnv()
  // The data folder holds the database, the master key and photos: this user only (0700), even
  // when an older version left it readable by others.
  ensurePrivateDir(env.dataDir, { tighten: true })
  // One server per SQLite folder (lib/ops/data-lock.ts), from before the migrations until this
  // process exits; a second `npm start` on the folder stops here with the first one's pid and host.
  // PostgreSQL deployments run several instances on purpose: no lock.
  if (!env.databaseUrl) process.on('exit', acquireDataLock(env.dataDir).release)
  const rt = await createRuntime(env)
  try {
    console.log(`Tremplin: data in ${env.dataDir}${env.masterKey ? '' : ' (master key: master.key, mode 0600)'}`)
    // Taxonomies first: the demo world's goals are ESCO occupations when ESCO is there.
    await importSharedTaxonomies(rt, { root })
    if (env.seedDemo && (await seedDemoWorld(rt))) {
      console.log('\nDemo world created. Sign in with any of these accounts (password for all: %s):', DEMO_PASSWORD)
      for (const a of DEMO_ACCOUNTS) console.log(`  ${a.username.padEnd(8)} ${a.role.padEnd(11)} ${a.name}`)
      console.log('')
    }
    // At every start while it works (its token is kept encrypted, docs/decisions/024): one click to
    // the recruiter's view. Same origin as the server's own links (PUBLIC_URL, else localhost:PORT).
    const demo = await demoShareLink(rt)
    if (demo) console.log(`Recruiter view of Samira's portfolio (demo link, works until ${demo.expiresAt.slice(0, 10)}): ${demo.url}\n`)
    if ((await countAdmins(rt.db)) === 0) console.log(FIRST_ADMIN_HINT)
    for (const { slug, did } of await ensureOrganisationDidWebs(rt)) console.log(`Tremplin: ${slug} now issues as ${did}`)
    // Expired rate-limit counters and sessions go at each start (and every PURGE_EVERY counted requests).
    await purgeExpired(rt)
  } finally {
    await rt.db.destroy()
  }
  return env
}

const FIRST_ADMIN_HINT = `Tremplin: no admin account yet. Create the first one (its password is generated and printed once):
  npm run vc -- admin create --username <username> --name "<your name>"
or give the password on standard input: … admin create --username <username> --name "<name>" --password-stdin
`

/** Beyond the server's own grace: time to close the database and flush its log. */
const STOP_MARGIN_MS = 5_000

async function main() {
  const env = await prepare()
  // Everything but the build and the server: e.g. migrations and the first admin's hint, then exit.
  if (process.argv.includes('--prepare-only')) process.exit(0)
  // NEXT_DIST_DIR (next.config.ts) lets a second build live beside the main one, e.g. for tests.
  // A build older than the code would serve yesterday's app on today's database: rebuilt.
  const build = buildState(root, process.env.NEXT_DIST_DIR || '.next')
  if (build.kind === 'missing' || (build.kind === 'stale' && process.env.START_REBUILD !== '0')) {
    console.log(build.kind === 'missing'
      ? 'Tremplin: no production build yet, building (this takes a minute or two)…'
      : `Tremplin: the build is older than the code (${build.newer} changed since), rebuilding (a minute or two)…`)
    const built = spawnSync(nextBin, ['build'], { cwd: root, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } })
    if (built.status !== 0) process.exit(built.status ?? 1)
  }
  const shownHost = !env.host || env.host === '0.0.0.0' || env.host === '::' ? 'localhost' : env.host.includes(':') ? `[${env.host}]` : env.host
  console.log(`Tremplin: serving on http://${shownHost}:${env.port}${env.host ? ` (listening on ${env.host})` : ''}`)
  // Node runs Next with a preload that appends each request's socket address to X-Forwarded-For
  // (scripts/peer-address.cjs): per-address limits then see the real peer, and believe proxies
  // only as TRUST_PROXY says. libuv's threadpool is sized on purpose: scrypt, fs and dns.lookup
  // share it, and password hashing takes at most HASH_CONCURRENCY threads (lib/auth/password.ts),
  // so the default 4 would let a burst of sign-ins stall file reads and DNS lookups.
  const server = spawn(process.execPath, ['--require', join(root, 'scripts', 'peer-address.cjs'), nextCli, 'start', '-p', String(env.port), ...(env.host ? ['-H', env.host] : [])], {
    cwd: root,
    stdio: 'inherit',
    env: {
      // SEED_DEMO is for this script: the server (NODE_ENV=production) would refuse SEED_DEMO=true.
      ...process.env, SEED_DEMO: undefined, DATA_DIR: env.dataDir, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1',
      UV_THREADPOOL_SIZE: process.env.UV_THREADPOOL_SIZE ?? String(THREADPOOL_SIZE),
    },
  })
  // A stop (systemd, Docker, Ctrl+C) goes to the server, which finishes its requests within
  // SHUTDOWN_GRACE_MS and closes the database (lib/ops/shutdown.ts); this process waits for it,
  // then exits with its code (0 for a clean stop) and the lock goes. A server that does not stop
  // within the grace and a margin is killed.
  let stopping = false
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return
      stopping = true
      server.kill(signal)
      setTimeout(() => {
        console.error(`Tremplin: the server did not stop within ${(SHUTDOWN_GRACE_MS + STOP_MARGIN_MS) / 1000} s, killing it`)
        server.kill('SIGKILL')
      }, SHUTDOWN_GRACE_MS + STOP_MARGIN_MS).unref()
    })
  }
  server.on('exit', (code) => process.exit(code ?? 1))
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e)
  process.exit(1)
})
