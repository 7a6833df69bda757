/**
 * Section `large` (issue 14 §3): listings and searches on a national-scale database — 100,000
 * young people and 1,000,000 credentials made by `npm run generate:large` (scripts/generate-large.ts;
 * placeholder proofs, never verified here) — through the functions the pages call:
 *
 * - wallet: `listWalletCards` of a random young person (the wallet page);
 * - directory: `searchDirectory` by a random recruiter, one random skill + "witnessed or better",
 *   and with no filter at a random page 1–10 (the directory page);
 * - issued: `listIssuedCredentials` of a random organisation's counsellor with a random search term
 *   (a first name or a word of a skill; the issued page);
 * - status: re-signing an organisation's suspension list after a change (`getStatusListCredential`
 *   once the list's version moved; the change itself is made and undone outside the timing).
 *
 * p50 and p95 over many samples, each with fresh random inputs. Target (issue 14): p50 ≤ 20 ms for
 * each listing and search.
 *
 * Databases: SQLite always — BENCH_LARGE_DIR names a data folder the generator filled (kept), else
 * one is generated in a temporary folder (BENCH_LARGE_YOUTH / BENCH_LARGE_CREDENTIALS, default
 * 100,000 / 1,000,000; BENCH_QUICK: 1,000 / 10,000) and removed afterwards. PostgreSQL when
 * BENCH_DATABASE_URL is given: a database the generator filled (then MASTER_KEY must be the one it
 * ran with: it opens the organisations' keys for the re-sign), or an empty one the section fills
 * first (with MASTER_KEY, or a random one when unset; the rows stay).
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { SessionUser } from '@/lib/auth/sessions'
import { parseSearch } from '@/lib/directory/schemas'
import { searchDirectory } from '@/lib/directory/service'
import { readEnv } from '@/lib/env'
import { listIssuedCredentials } from '@/lib/issuing/queries'
import { createRuntime, type Runtime } from '@/lib/runtime'
import { getStatusListCredential } from '@/lib/status/list-credential'
import { changeCredentialStatus } from '@/lib/status/service'
import { listWalletCards } from '@/lib/wallet/service'
import { builtinSkills, GENERATED_FIRST_NAMES, GENERATED_PREFIX, generateLarge } from '../../scripts/generate-large'
import { QUICK, runs, stats, type BenchRow, type Stats } from './measure'

const SECTION = 'large'
const TARGET_MS = 20

export async function runLargeBench(): Promise<BenchRow[]> {
  const youth = Number(process.env.BENCH_LARGE_YOUTH ?? (QUICK ? 1000 : 100_000))
  const credentials = Number(process.env.BENCH_LARGE_CREDENTIALS ?? (QUICK ? 10_000 : 1_000_000))
  const rows: BenchRow[] = []

  const kept = process.env.BENCH_LARGE_DIR
  const dataDir = kept ?? mkdtempSync(join(tmpdir(), 'tremplin-large-'))
  try {
    const rt = await createRuntime(readEnv({ DATA_DIR: dataDir, NODE_ENV: 'test', PUBLIC_URL: 'https://tremplin.test' }))
    try {
      rows.push(...(await measureOn('SQLite', rt, { youth, credentials })))
    } finally {
      await rt.db.destroy()
    }
  } finally {
    if (!kept) rmSync(dataDir, { recursive: true, force: true })
  }

  const url = process.env.BENCH_DATABASE_URL
  if (!url) {
    console.log('  PostgreSQL: not measured (BENCH_DATABASE_URL unset)')
    rows.push({ section: SECTION, label: 'PostgreSQL: not measured (set BENCH_DATABASE_URL)', unit: 'ms', ours: Number.NaN })
    return rows
  }
  const keyDir = mkdtempSync(join(tmpdir(), 'tremplin-large-pg-'))
  try {
    const masterKey = process.env.MASTER_KEY || randomBytes(32).toString('hex')
    const env = readEnv({ ...process.env, DATA_DIR: keyDir, DATABASE_URL: url, MASTER_KEY: masterKey, NODE_ENV: 'test', PUBLIC_URL: 'https://tremplin.test' })
    if (!env.databaseUrl) throw new Error('BENCH_DATABASE_URL given, but lib/env.ts did not take it as DATABASE_URL')
    const rt = await createRuntime(env)
    try {
      rows.push(...(await measureOn('PostgreSQL', rt, { youth, credentials })))
    } finally {
      await rt.db.destroy()
    }
  } finally {
    rmSync(keyDir, { recursive: true, force: true })
  }
  return rows
}

async function measureOn(dbName: string, rt: Runtime, size: { youth: number; credentials: number }): Promise<BenchRow[]> {
  const has = await rt.db.selectFrom('organisations').select('id').where('slug', 'like', `${GENERATED_PREFIX}%`).limit(1).executeTakeFirst()
  if (!has) {
    console.log(`\nlarge (${dbName}): generating ${size.youth} young people and ${size.credentials} credentials…`)
    const r = await generateLarge(rt, { ...size, log: (l) => console.log(`  ${l}`) })
    console.log(`  generated in ${r.seconds.toFixed(0)} s`)
  }
  const count = async (table: 'users' | 'credentials' | 'directory_entries') =>
    Number((await rt.db.selectFrom(table).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n)
  const [nCredentials, nEntries] = [await count('credentials'), await count('directory_entries')]
  const youth = (await rt.db.selectFrom('users').select(['id', 'role']).where('role', '=', 'youth').where('username', 'like', `${GENERATED_PREFIX}%`).execute())
  const recruiters = await rt.db.selectFrom('users').select(['id', 'role']).where('role', '=', 'recruiter').where('username', 'like', `${GENERATED_PREFIX}%`).execute()
  const staff = await rt.db.selectFrom('users as u').innerJoin('organisations as o', 'o.id', 'u.organisation_id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.role', 'u.organisation_id', 'o.name', 'o.slug'])
    .where('u.role', 'in', ['counsellor', 'tutor']).where('u.username', 'like', `${GENERATED_PREFIX}%`).execute()
  if (!youth.length || !recruiters.length || !staff.length) throw new Error('large: the database holds no generated young people, recruiters or staff')
  console.log(`\nlarge (${dbName}): ${youth.length} young people, ${nCredentials} credentials, ${nEntries} in the directory`)

  const any = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!
  const skills = builtinSkills().map((s) => s.uri)
  const words = [...GENERATED_FIRST_NAMES, ...new Set(builtinSkills().flatMap((s) => s.label.split(/\s+/)).filter((w) => w.length >= 5))]
  const n = runs(100, 5)
  const out: BenchRow[] = []
  const add = (label: string, s: Stats, target = true) => {
    out.push({ section: SECTION, label: `${dbName}: ${label} — p50`, unit: 'ms', ours: s.median, ...(target ? { target: `≤ ${TARGET_MS} ms`, met: s.median <= TARGET_MS } : {}) })
    out.push({ section: SECTION, label: `${dbName}: ${label} — p95`, unit: 'ms', ours: s.p95 })
  }

  add('wallet listing (one young person\'s cards)', await sampled(`${dbName} wallet`, n, async () => {
    const y = any(youth)
    const view = await listWalletCards(rt, y)
    return view.visible.length + view.hidden.length
  }))
  add('directory: one skill + witnessed or better', await sampled(`${dbName} directory skill`, n, async () => {
    const r = await searchDirectory(rt, any(recruiters), parseSearch({ skill: any(skills), evidence: 'witnessed' }), 'fr')
    return r.total
  }))
  add('directory: no filter (random page 1–10)', await sampled(`${dbName} directory all`, n, async () => {
    const r = await searchDirectory(rt, any(recruiters), parseSearch({ page: String(1 + Math.floor(Math.random() * 10)) }), 'fr')
    return r.total
  }))
  add('issued list with a search term', await sampled(`${dbName} issued search`, n, async () => {
    const s = any(staff)
    const actor: SessionUser = { id: s.id, username: s.username, displayName: s.display_name, role: s.role as SessionUser['role'], organisationId: s.organisation_id, organisationName: s.name, did: null, locale: 'fr' }
    const page = await listIssuedCredentials(rt, actor, { query: any(words).toLowerCase() })
    return page.total
  }))

  // Status list re-sign: suspend a random credential (outside the timing), re-sign its list, lift the suspension.
  const orgs = [...new Map(staff.map((s) => [s.organisation_id!, s])).values()]
  let changed: { credentialId: string; slug: string; listNumber: number } | undefined
  add('status list re-sign after a change (131,072 entries)', await sampled(`${dbName} status re-sign`, runs(30, 3), async () => {
    await getStatusListCredential(rt, { orgSlug: changed!.slug, purpose: 'suspension', listNumber: changed!.listNumber })
    return 1
  }, async () => {
    const org = any(orgs)
    const c = await rt.db.selectFrom('credentials as c').innerJoin('status_entries as e', 'e.credential_id', 'c.id').innerJoin('status_lists as l', 'l.id', 'e.list_id')
      .leftJoin('credential_status as st', 'st.credential_id', 'c.id')
      .select(['c.id', 'l.list_number']).where('c.issuer_organisation_id', '=', org.organisation_id).where('l.purpose', '=', 'suspension').where('st.credential_id', 'is', null)
      .limit(1).executeTakeFirstOrThrow()
    await changeCredentialStatus(rt, { credentialId: c.id, action: 'suspend', by: 'cli' })
    changed = { credentialId: c.id, slug: org.slug, listNumber: c.list_number }
  }, async () => {
    await changeCredentialStatus(rt, { credentialId: changed!.credentialId, action: 'unsuspend', by: 'cli' })
    await rt.db.deleteFrom('credential_status').where('credential_id', '=', changed!.credentialId).execute()
  }), false)
  return out
}

/** p50/p95 of `fn` over `n` samples after a few warm-ups; `setup`/`teardown` run untimed around each. */
async function sampled(label: string, n: number, fn: () => Promise<number>, setup?: () => Promise<void>, teardown?: () => Promise<void>): Promise<Stats> {
  const times: number[] = []
  let found = 0
  for (let i = 0; i < n + (QUICK ? 1 : 5); i++) {
    await setup?.()
    const t = performance.now()
    found += await fn()
    const ms = performance.now() - t
    await teardown?.()
    if (i >= (QUICK ? 1 : 5)) times.push(ms)
  }
  const s = stats(times)
  console.log(`  ${label.padEnd(40)} p50 ${s.median.toFixed(2).padStart(8)} ms  p95 ${s.p95.toFixed(2).padStart(8)} ms  (n=${n}, mean result size ${(found / (n + (QUICK ? 1 : 5))).toFixed(0)})`)
  return s
}
