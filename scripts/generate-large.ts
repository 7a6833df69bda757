/**
 * `npm run generate:large -- --youth 100000 --credentials 1000000 [--orgs 300] [--seed 1]`
 *
 * Fills the database of this environment (DATA_DIR's SQLite file, or the PostgreSQL database
 * DATABASE_URL names once lib/env.ts reads it) with a national-scale world, for measuring
 * listings and searches (issue 14 §3, `BENCH_ONLY=large npm run bench`, BENCHMARKS.md):
 *
 * - organisations (a few hundred; ~1 per 330 young people) created and approved through
 *   lib/orgs — each with its real did:key, did:web and keys — and one or two counsellors each,
 *   a few recruiters of employers;
 * - young people with a did:key each, a home organisation (skewed: some accompany thousands),
 *   a profile for ~60 %, ~30 % in the recruiters' directory (handle, consent logged);
 * - credentials: OB 3.0 skill badges BUILT BY THE APP'S OWN TEMPLATE (lib/credentials/templates)
 *   for skills of the built-in taxonomy (the EU key competences and the ESCO transversal skills
 *   lib/taxonomy/builtin/everyday-words.json points to), witnessed or assessed, at one of the four
 *   levels, issued over the last two years in time order, each with its revocation and suspension
 *   entries in its organisation's Bitstring Status Lists; ~1 % revoked, ~0.5 % suspended (bits
 *   set, facts recorded). Credentials and their directory skill rows are written by
 *   lib/issuing/repository's `insertCredentials`, as bulk issuing writes them.
 *
 * NOT SIGNED. Signing a million credentials would take hours: every generated credential carries
 * a PLACEHOLDER proof (`proofValue: "z-generated-placeholder-not-signed"`) naming its
 * organisation's real verification method. These rows measure listing and search speed; none of
 * them verifies, and they must never be served as real credentials. Young people's did:keys are
 * well-formed but their private keys are not kept (they cannot sign presentations).
 *
 * Every write goes through Kysely in batched multi-row inserts inside transactions, so the same
 * script fills SQLite or PostgreSQL. It refuses a database that already has generated rows.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { sql, type Transaction } from 'kysely'
import type { Database, NewCredentialRow } from '@/db/schema'
import { schemaUrl } from '@/lib/credentials/schemas'
import { TEMPLATES } from '@/lib/credentials/templates'
import type { SkillBadgeClaims } from '@/lib/credentials/templates/skill-badge'
import { getDidKeys } from '@/lib/dids/signer'
import { newHandle } from '@/lib/directory/service'
import { readEnv } from '@/lib/env'
import { insertCredentials } from '@/lib/issuing/repository'
import { KEY_COMPETENCES_FRAMEWORK, KEY_COMPETENCES_URL } from '@/lib/issuing/issue-form'
import { signingMethodOf } from '@/lib/issuing/signing-method'
import { approveOrganisation, createOrganisation, getOrganisationOrThrow } from '@/lib/orgs/service'
import { createRuntime, type Runtime } from '@/lib/runtime'
import { emptyBits, MIN_LIST_SIZE, STATUS_PURPOSES, withBit, type StatusPurpose } from '@/lib/credentials/bitstring'
import { statusListUrl } from '@/lib/status/allocate'
import { loadBuiltinTaxonomies } from '@/lib/taxonomy/builtin'
import keyCompetences from '@/lib/taxonomy/builtin/key-competences.json'
import everydayWords from '@/lib/taxonomy/builtin/everyday-words.json'

/** The proof every generated credential carries instead of a signature (see the header). */
export const PLACEHOLDER_PROOF_VALUE = 'z-generated-placeholder-not-signed'
/** Slugs of generated organisations start with this (and usernames of generated users). */
export const GENERATED_PREFIX = 'large-'

export interface GenerateOptions {
  youth: number
  credentials: number
  /** Default: one per ~330 young people, between 5 and 300. */
  orgs?: number
  /** Seed of the pseudo-random choices (the DIDs, handles and ids stay random). */
  seed?: number
  log?: (line: string) => void
}

export interface GenerateReport {
  organisations: number
  youth: number
  credentials: number
  directoryEntries: number
  skills: number
  seconds: number
}

export interface LargeSkill { uri: string; label: string; alignment: SkillBadgeClaims['skill']['alignment'] }

/** The skills of the built-in taxonomy: the eight key competences and the ESCO skills the everyday words point to. */
export function builtinSkills(root = process.cwd()): LargeSkill[] {
  const kc = (keyCompetences as { concepts: { code: string; uri: string; labels: Record<string, { label: string }> }[] }).concepts
    .map((c) => ({ uri: c.uri, label: c.labels.fr!.label, alignment: [{ targetName: c.labels.fr!.label, targetUrl: KEY_COMPETENCES_URL, targetCode: c.code, targetFramework: KEY_COMPETENCES_FRAMEWORK }] }))
  // Real ESCO labels when the shared taxonomy is beside the repository; else the everyday word that names the skill first.
  const shared = resolve(root, '..', 'shared', 'taxonomies', 'esco-transversal-skills.json')
  const escoLabels = new Map<string, string>()
  if (existsSync(shared)) {
    for (const c of (JSON.parse(readFileSync(shared, 'utf8')) as { concepts: { uri: string; labels: Record<string, string> }[] }).concepts) {
      const label = c.labels.fr ?? c.labels.en
      if (label) escoLabels.set(c.uri, label)
    }
  }
  const esco = new Map<string, string>()
  for (const e of (everydayWords as { entries: { fr: string[]; concepts: string[] }[] }).entries) {
    for (const uri of e.concepts) if (uri.startsWith('http') && !esco.has(uri)) esco.set(uri, escoLabels.get(uri) ?? e.fr[0]!)
  }
  return [...kc, ...[...esco].map(([uri, label]) => ({ uri, label, alignment: [{ targetName: label, targetUrl: uri, targetFramework: 'ESCO' }] }))]
}

/** mulberry32: a small seeded generator, so two runs make the same shape of world. */
function rng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Cumulative weights w_i = 1 / (i+1)^s: index 0 is the most frequent. */
function zipf(n: number, s: number, random: () => number) {
  const cum: number[] = []
  let total = 0
  for (let i = 0; i < n; i++) cum.push((total += 1 / (i + 1) ** s))
  return () => {
    const x = random() * total
    let lo = 0
    let hi = n - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (cum[mid]! < x) lo = mid + 1
      else hi = mid
    }
    return lo
  }
}

const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'
function base58(bytes: Uint8Array): string {
  let n = BigInt(`0x${Buffer.from(bytes).toString('hex')}`)
  let out = ''
  while (n > 0n) {
    out = B58[Number(n % 58n)] + out
    n /= 58n
  }
  for (const b of bytes) {
    if (b !== 0) break
    out = `1${out}`
  }
  return out
}

/** A well-formed Ed25519 did:key (multicodec 0xed01) of random bytes: its private key exists nowhere. */
const randomDidKey = () => `did:key:z${base58(Buffer.concat([Buffer.from([0xed, 0x01]), randomBytes(32)]))}`

const FIRST = ['Lina', 'Yanis', 'Emma', 'Noah', 'Jade', 'Adam', 'Louise', 'Rayan', 'Chloé', 'Lucas', 'Inès', 'Hugo', 'Manon', 'Ilyes', 'Sarah', 'Nathan', 'Léa', 'Mohamed', 'Camille', 'Théo', 'Aya', 'Enzo', 'Zoé', 'Samir', 'Clara', 'Kylian', 'Maëlys', 'Bilal', 'Anaïs', 'Mathis']
const LAST = ['M.', 'B.', 'D.', 'L.', 'K.', 'R.', 'P.', 'T.', 'H.', 'S.', 'G.', 'F.', 'N.', 'C.', 'A.']
const REGIONS = ['Hauts-de-France', 'Bretagne', 'Occitanie', 'Grand Est', 'Île-de-France', 'Normandie', 'Auvergne-Rhône-Alpes', 'Nouvelle-Aquitaine']
const PLACES = ['au club de foot', 'en stage en boulangerie', 'au service civique', 'à la maison de quartier', 'en mission d’intérim', 'au chantier d’insertion', 'à l’épicerie solidaire', 'au centre de loisirs']
const LEVELS = ['discovering', 'practising', 'autonomous', 'expert'] as const

/** The first name of a generated young person (the issued list's search finds them by it). */
export const GENERATED_FIRST_NAMES: readonly string[] = FIRST

export async function generateLarge(rt: Runtime, options: GenerateOptions): Promise<GenerateReport> {
  const started = performance.now()
  const log = options.log ?? ((l: string) => console.log(l))
  const random = rng(options.seed ?? 1)
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!
  const { youth: youthCount, credentials: credentialCount } = options
  const orgCount = options.orgs ?? Math.max(5, Math.min(300, Math.round(youthCount / 330)))
  if (youthCount < 1 || credentialCount < 0 || orgCount < 1) throw new Error('--youth ≥ 1, --credentials ≥ 0, --orgs ≥ 1')
  const taken = await rt.db.selectFrom('organisations').select('id').where('slug', 'like', `${GENERATED_PREFIX}%`).limit(1).executeTakeFirst()
  if (taken) throw new Error('This database already holds generated rows (organisations large-…): use a new DATA_DIR / database')
  const db = rt.db
  await loadBuiltinTaxonomies(db)
  const skills = builtinSkills()
  const publicUrl = rt.env.publicUrl

  // ---- organisations: through the app's own services (real DIDs and keys) -------------------
  log(`generate: ${orgCount} organisations…`)
  const orgs: { id: string; slug: string; did: string; name: string; kind: string; vm: string }[] = []
  for (let i = 0; i < orgCount; i++) {
    const kind = i % 5 === 4 ? 'employer' : i % 5 === 3 ? 'training' : 'youth_support'
    const slug = `${GENERATED_PREFIX}${String(i + 1).padStart(4, '0')}`
    const name = `${kind === 'employer' ? 'Entreprise' : kind === 'training' ? 'Centre de formation' : 'Mission Locale'} ${pick(REGIONS)} ${i + 1}`
    await createOrganisation(rt, { slug, name, kind, region: REGIONS[i % REGIONS.length] }, 'cli')
    await approveOrganisation(rt, slug, 'cli')
    const org = await getOrganisationOrThrow(rt, slug)
    orgs.push({ id: org.id, slug, did: org.did, name: org.name, kind, vm: (await getDidKeys(rt.agent, org.did)).verificationMethod })
  }

  const at = (d: Date) => d.toISOString()
  const now = Date.now()
  const TWO_YEARS = 2 * 365 * 86_400_000

  // ---- staff and recruiters ----------------------------------------------------------------
  const staff: Record<string, unknown>[] = []
  orgs.forEach((o, i) => {
    for (let k = 0; k < (i % 3 === 0 ? 2 : 1); k++) {
      staff.push({ id: randomUUID(), email: null, username: `${o.slug}-staff-${k + 1}`, display_name: `${pick(FIRST)} ${pick(LAST)} (${o.name})`,
        role: o.kind === 'employer' ? 'tutor' : 'counsellor', organisation_id: o.id, did: null, password_hash: null, locale: 'fr', created_at: at(new Date(now - TWO_YEARS)), activated_at: null })
    }
    if (o.kind === 'employer') {
      staff.push({ id: randomUUID(), email: null, username: `${o.slug}-recruiter`, display_name: `${pick(FIRST)} ${pick(LAST)} (${o.name})`,
        role: 'recruiter', organisation_id: o.id, did: null, password_hash: null, locale: 'fr', created_at: at(new Date(now - TWO_YEARS)), activated_at: null })
    }
  })
  await inBatches(db, staff, 400, (trx, rows) => trx.insertInto('users').values(rows as never).execute())
  const staffOf = new Map<string, string>()
  for (const s of staff) if (s.role !== 'recruiter' && !staffOf.has(s.organisation_id as string)) staffOf.set(s.organisation_id as string, s.id as string)

  // ---- young people ------------------------------------------------------------------------
  log(`generate: ${youthCount} young people…`)
  const homeOrg = zipf(orgCount, 0.8, random)
  const youth: { id: string; did: string; org: number; weight: number }[] = []
  let directoryEntries = 0
  for (let start = 0; start < youthCount; start += 2000) {
    const users: Record<string, unknown>[] = []
    const profiles: Record<string, unknown>[] = []
    const entries: Record<string, unknown>[] = []
    const consents: Record<string, unknown>[] = []
    for (let i = start; i < Math.min(youthCount, start + 2000); i++) {
      const id = randomUUID()
      const did = randomDidKey()
      const org = homeOrg()
      const created = new Date(now - TWO_YEARS - random() * 86_400_000 * 60)
      // How many credentials this young person holds, relatively: log-normal (most a few, some dozens).
      const gauss = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
      youth.push({ id, did, org, weight: Math.min(8, Math.exp(0.8 * gauss)) })
      users.push({ id, email: null, username: `${GENERATED_PREFIX}youth-${i + 1}`, display_name: `${pick(FIRST)} ${pick(LAST)}`, role: 'youth',
        organisation_id: orgs[org]!.id, did, password_hash: null, locale: 'fr', created_at: at(created), activated_at: random() < 0.7 ? at(created) : null })
      if (random() < 0.6) {
        profiles.push({ user_id: id, region: REGIONS[org % REGIONS.length]!, availability: pick(['now', 'soon', 'later', 'not_looking']),
          languages: JSON.stringify(random() < 0.5 ? [{ code: 'fr', level: 'native' }] : [{ code: 'fr', level: 'fluent' }, { code: 'en', level: 'basic' }]), updated_at: at(created) })
      }
      if (random() < 0.3) {
        const optedIn = new Date(created.getTime() + random() * TWO_YEARS)
        const handle = newHandle()
        entries.push({ user_id: id, handle, opted_in_at: at(optedIn) })
        consents.push({ id: randomUUID(), user_id: id, kind: 'directory_opt_in', detail: JSON.stringify({ handle }), at: at(optedIn) })
      }
    }
    await db.transaction().execute(async (trx) => {
      for (const part of chunks(users, 400)) await trx.insertInto('users').values(part as never).execute()
      for (const part of chunks(profiles, 800)) await trx.insertInto('profiles').values(part as never).execute()
      for (const part of chunks(entries, 1500)) await trx.insertInto('directory_entries').values(part as never).execute()
      for (const part of chunks(consents, 1000)) await trx.insertInto('consent_events').values(part as never).execute()
    })
    directoryEntries += entries.length
  }

  // ---- credentials: who, by whom, when (then written in time order) -------------------------
  log(`generate: ${credentialCount} credentials…`)
  const totalWeight = youth.reduce((s, y) => s + y.weight, 0)
  const plan: { holder: number; org: number; t: number }[] = []
  let carry = 0
  for (let h = 0; h < youth.length && plan.length < credentialCount; h++) {
    carry += (youth[h]!.weight / totalWeight) * credentialCount
    const n = Math.min(Math.floor(carry), credentialCount - plan.length)
    carry -= n
    for (let k = 0; k < n; k++) {
      // Mostly the home organisation; a fifth from a partner (training, an employer).
      const org = random() < 0.8 ? youth[h]!.org : homeOrg()
      plan.push({ holder: h, org, t: now - random() * TWO_YEARS })
    }
  }
  while (plan.length < credentialCount) plan.push({ holder: Math.floor(random() * youth.length), org: homeOrg(), t: now - random() * TWO_YEARS })
  plan.sort((a, b) => a.t - b.t)

  // Status lists: per organisation and purpose, lists of MIN_LIST_SIZE entries filled to half, as lib/status/allocate opens them.
  interface List { id: string; orgIndex: number; purpose: StatusPurpose; number: number; used: Set<number>; bits: Uint8Array; version: number }
  const lists = new Map<string, List>()
  const openList = async (orgIndex: number, purpose: StatusPurpose): Promise<List> => {
    const key = `${orgIndex}/${purpose}`
    let list = lists.get(key)
    if (!list || list.used.size >= MIN_LIST_SIZE / 2) {
      list = { id: randomUUID(), orgIndex, purpose, number: (list?.number ?? 0) + 1, used: new Set(), bits: emptyBits(MIN_LIST_SIZE), version: 1 }
      lists.set(key, list)
      const created = at(new Date(now - TWO_YEARS))
      await db.insertInto('status_lists').values({ id: list.id, organisation_id: orgs[orgIndex]!.id, purpose, list_number: list.number, size: MIN_LIST_SIZE, bits: list.bits, version: 1, created_at: created, updated_at: created }).execute()
      allLists.push(list)
    }
    return list
  }
  const allLists: List[] = []
  const skillOf = zipf(skills.length, 0.7, random)
  const template = TEMPLATES['skill-badge']
  const statusFacts: Record<string, unknown>[] = []
  const BATCH = 500
  let written = 0
  let lastLog = performance.now()
  for (let b = 0; b < plan.length; b += BATCH) {
    const rows: NewCredentialRow[] = []
    const statusEntries: { list_id: string; status_index: number; credential_id: string }[] = []
    for (const p of plan.slice(b, b + BATCH)) {
      const org = orgs[p.org]!
      const holder = youth[p.holder]!
      const issuedAt = new Date(p.t)
      const id = `urn:uuid:${randomUUID()}`
      const skill = skills[skillOf()]!
      // A second alignment on one badge in four (a key competence beside an ESCO skill).
      const second = random() < 0.25 ? skills[Math.floor(random() * 8)]! : undefined
      const claims: SkillBadgeClaims = {
        skill: { name: skill.label, alignment: [...skill.alignment!, ...(second && second.uri !== skill.uri ? second.alignment! : [])] },
        level: pick(LEVELS),
        criteria: `${pick(FIRST)} a montré cette compétence ${pick(PLACES)}, sur plusieurs semaines, avec l’équipe.`,
        evidenceLevel: random() < 0.65 ? 'witnessed' : 'assessed',
        language: 'fr',
      }
      const credentialStatus: Record<string, string>[] = []
      const revoked = random() < 0.01
      const suspended = !revoked && random() < 0.005
      for (const purpose of STATUS_PURPOSES) {
        const list = await openList(p.org, purpose)
        let index: number
        do index = Math.floor(random() * MIN_LIST_SIZE)
        while (list.used.has(index))
        list.used.add(index)
        statusEntries.push({ list_id: list.id, status_index: index, credential_id: id })
        const url = statusListUrl(publicUrl, org.slug, purpose, list.number)
        credentialStatus.push({ id: `${url}#${index}`, type: 'BitstringStatusListEntry', statusPurpose: purpose, statusListIndex: String(index), statusListCredential: url })
        if ((purpose === 'revocation' && revoked) || (purpose === 'suspension' && suspended)) {
          list.bits = withBit(list.bits, index, true)
          list.version++
          const when = at(new Date(p.t + random() * (now - p.t)))
          statusFacts.push({ credential_id: id, revoked_at: revoked ? when : null, revoked_reason: revoked ? 'Délivré par erreur' : null, revoked_by: revoked ? staffOf.get(org.id) ?? 'cli' : null,
            suspended_at: suspended ? when : null, suspended_reason: suspended ? 'Vérification en cours' : null, suspended_by: suspended ? staffOf.get(org.id) ?? 'cli' : null, updated_at: when })
        }
      }
      const built = template.build(claims, { id, issuer: { did: org.did, name: org.name }, subjectDid: holder.did, now: issuedAt, schemaUrl: schemaUrl(publicUrl, 'skill-badge'), format: 'di' })
      const document = JSON.stringify({
        ...built,
        credentialStatus,
        // PLACEHOLDER, not a signature: see the header. The verification method is the organisation's real one.
        proof: { type: 'DataIntegrityProof', created: at(issuedAt).replace(/\.\d{3}Z$/, 'Z'), verificationMethod: org.vm, cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod', proofValue: PLACEHOLDER_PROOF_VALUE },
      })
      const u = built as { validFrom: string; validUntil?: string }
      rows.push({
        id, issuer_organisation_id: org.id, issuer_did: org.did, issued_by_user_id: staffOf.get(org.id) ?? null, holder_user_id: holder.id, subject_did: holder.did,
        template_id: 'skill-badge', format: 'di', document, title: template.title(claims), valid_from: u.validFrom, valid_until: u.validUntil ?? null,
        created_at: at(issuedAt), language: 'fr', verification_method: signingMethodOf(document),
      })
    }
    await db.transaction().execute(async (trx) => {
      // The app's own writer of credentials and their directory skill rows (lib/issuing/repository).
      for (const part of chunks(rows, 250)) await insertCredentials(trx, part)
      for (const part of chunks(statusEntries, 2000)) await trx.insertInto('status_entries').values(part).execute()
    })
    written += rows.length
    if (performance.now() - lastLog > 10_000) {
      lastLog = performance.now()
      log(`generate:   ${written} credentials (${((performance.now() - started) / 1000).toFixed(0)} s)`)
    }
  }
  await inBatches(db, statusFacts, 1000, (trx, part) => trx.insertInto('credential_status').values(part as never).execute())
  await db.transaction().execute(async (trx) => {
    for (const list of allLists) {
      if (list.version > 1) await trx.updateTable('status_lists').set({ bits: list.bits, version: list.version, updated_at: at(new Date()) }).where('id', '=', list.id).execute()
    }
  })
  // PostgreSQL: the statistics autovacuum would gather after such a load, gathered now (without
  // them the planner reads a million credentials in sequence). SQLite is left as the app keeps it:
  // it never runs ANALYZE.
  if (rt.env.databaseUrl) {
    log('generate: ANALYZE (PostgreSQL statistics)…')
    await sql`analyze`.execute(db)
  }
  const seconds = (performance.now() - started) / 1000
  return { organisations: orgCount, youth: youthCount, credentials: written, directoryEntries, skills: skills.length, seconds }
}

function chunks<T>(xs: T[], n: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n))
  return out
}

type Trx = Transaction<Database>

async function inBatches<T>(db: Runtime['db'], rows: T[], size: number, write: (trx: Trx, part: T[]) => Promise<unknown>) {
  await db.transaction().execute(async (trx) => {
    for (const part of chunks(rows, size)) await write(trx, part)
  })
}

function parseArgs(argv: string[]): { youth: number; credentials: number; orgs?: number; seed?: number } {
  const out: Record<string, number> = {}
  for (let i = 0; i < argv.length; i++) {
    const m = /^--(youth|credentials|orgs|seed)(?:=(.*))?$/.exec(argv[i]!)
    if (!m) throw new Error(`generate:large: unknown argument ${argv[i]} (--youth N --credentials N [--orgs N] [--seed N])`)
    const value = Number(m[2] ?? argv[++i])
    if (!Number.isInteger(value) || value < 0) throw new Error(`generate:large: --${m[1]} must be a whole number`)
    out[m[1]!] = value
  }
  return { youth: out.youth ?? 100_000, credentials: out.credentials ?? 1_000_000, orgs: out.orgs, seed: out.seed }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = parseArgs(process.argv.slice(2))
  const env = readEnv()
  console.log(`generate:large: ${args.youth} young people, ${args.credentials} credentials into ${env.databaseUrl ? 'the PostgreSQL database of DATABASE_URL' : env.databaseFile}`)
  console.log('generate:large: credentials carry a PLACEHOLDER proof (not signed): for listing and search speed only')
  const rt = await createRuntime(env)
  try {
    const r = await generateLarge(rt, args)
    console.log(`generate:large: done in ${r.seconds.toFixed(1)} s — ${r.organisations} organisations, ${r.youth} young people (${r.directoryEntries} in the directory), ${r.credentials} credentials over ${r.skills} skills`)
  } finally {
    await rt.db.destroy()
  }
}
