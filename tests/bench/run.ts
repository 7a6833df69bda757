/**
 * `npm run bench`: cost per operation of the credential engine, as medians over repeated runs and
 * as ratios against a peer measured in the same run (raw node:crypto Ed25519 verify), because this
 * machine is shared and noisy: compare ratios, not milliseconds, across runs.
 */
import { generateKeyPairSync, sign, verify as edVerify } from 'node:crypto'
import { createUser } from '@/lib/auth/service'
import { createPresentation } from '@/lib/credentials/present'
import { verify } from '@/lib/credentials/verify'
import { issueForOrganisation } from '@/lib/issuing/service'
import { getOrganisationOrThrow, issuerLookup } from '@/lib/orgs/service'
import { parseSearch } from '@/lib/directory/schemas'
import { searchDirectory } from '@/lib/directory/service'
import { createShare } from '@/lib/portfolio/service'
import { viewSharedPortfolio } from '@/lib/portfolio/view'
import { instanceDidResolver } from '@/lib/verification/service'
import { createTestRuntime } from '../factories/runtime'
import { createApprovedOrganisation } from '@/tests/factories/world'
import { runStallingBench } from './stalling'

async function median(label: string, runs: number, fn: () => Promise<unknown> | unknown): Promise<number> {
  for (let i = 0; i < Math.min(5, runs); i++) await fn() // warm-up
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    await fn()
    times.push(performance.now() - t)
  }
  times.sort((a, b) => a - b)
  const m = times[Math.floor(times.length / 2)]!
  console.log(`${label.padEnd(50)} median ${m.toFixed(3).padStart(9)} ms  (n=${runs})`)
  return m
}

const rt = await createTestRuntime()
try {
  await createApprovedOrganisation(rt, { slug: 'bench', name: 'Bench org', kind: 'training' })
  const org = await getOrganisationOrThrow(rt, 'bench')
  const holderUser = await createUser(rt, { role: 'youth', username: 'h', displayName: 'H' })
  const holder = holderUser.did!
  const claims = { skill: { name: 'Planifier', alignment: [{ targetName: 'planifier', targetUrl: 'http://data.europa.eu/esco/skill/e49f4158-9d4c-425d-bf32-dfe89b19840a', targetFramework: 'ESCO' }] }, level: 'autonomous', criteria: 'A organisé le tournoi de quartier de bout en bout.' }
  const di = await issueForOrganisation(rt, { organisation: org, templateId: 'skill-badge', subjectDid: holder, claims })
  const jwt = await issueForOrganisation(rt, { organisation: org, templateId: 'skill-badge', subjectDid: holder, claims, format: 'jwt' })
  const ten = await Promise.all(Array.from({ length: 10 }, () => issueForOrganisation(rt, { organisation: org, templateId: 'skill-badge', subjectDid: holder, claims })))
  const lookupIssuer = issuerLookup(rt)
  // The organisation signs under its did:web, resolved from this instance's database.
  const resolveDid = instanceDidResolver(rt)

  const { publicKey, privateKey } = generateKeyPairSync('ed25519')
  const msg = Buffer.from(di.document)
  const sig = sign(null, msg, privateKey)

  const peer = await median('peer: node:crypto Ed25519 verify', 2000, () => edVerify(null, msg, publicKey, sig))
  const rows: [string, number][] = []
  rows.push(['issue skill badge (Data Integrity)', await median('issue skill badge (Data Integrity)', 50, () => issueForOrganisation(rt, { organisation: org, templateId: 'skill-badge', subjectDid: holder, claims }))])
  rows.push(['verify skill badge (Data Integrity)', await median('verify skill badge (Data Integrity)', 100, () => verify({ input: di.document, lookupIssuer, resolveDid }))])
  rows.push(['verify skill badge (VC-JWT)', await median('verify skill badge (VC-JWT)', 100, () => verify({ input: jwt.document, lookupIssuer, resolveDid }))])
  rows.push(['present + verify 10-credential portfolio', await median('present + verify 10-credential portfolio', 20, async () => {
    const vp = await createPresentation({ agent: rt.agent, holderDid: holder, credentials: ten.map((c) => c.credential), challenge: 'c', domain: 'https://tremplin.test' })
    const r = await verify({ input: vp.document, challenge: 'c', domain: 'https://tremplin.test', lookupIssuer, resolveDid })
    if (!r.verified) throw new Error('portfolio did not verify')
  })])
  const share = await createShare(rt, { id: holderUser.id, role: 'youth' }, { credentialIds: ten.map((c) => c.id), about: '', label: 'bench', expiresInDays: 7 })
  rows.push(['recruiter view /p/[token], 10 credentials', await median('recruiter view /p/[token], 10 credentials', 20, async () => {
    const view = await viewSharedPortfolio(rt, share.token)
    if (view.state !== 'active' || !view.result.verified) throw new Error('shared portfolio did not verify')
  })])
  // The recruiters' directory: 5,000 young people opted in, 4 credentials each stating 1–2 of 60
  // skills (rows written directly: this measures the search, not signing). A recruiter searches
  // one skill with a minimum evidence level, and with no filter at all (the heaviest ordering).
  const recruiter = await createUser(rt, { role: 'recruiter', username: 'bench-recruiter', displayName: 'R', organisationId: org.id })
  await seedDirectory(rt.db, org.id, 5000)
  const skillUri = 'http://data.europa.eu/esco/skill/bench-7'
  const bySkill = parseSearch({ skill: skillUri, skillLabel: 'bench 7', evidence: 'witnessed' })
  const everyone = parseSearch({})
  const found = await searchDirectory(rt, recruiter, bySkill, 'fr')
  if (found.total === 0 || found.results.length === 0) throw new Error('directory search found nobody')
  rows.push(['directory: 5,000 profiles, one skill + evidence', await median('directory: 5,000 profiles, one skill + evidence', 20, () => searchDirectory(rt, recruiter, bySkill, 'fr'))])
  rows.push(['directory: 5,000 profiles, no filter', await median('directory: 5,000 profiles, no filter', 20, () => searchDirectory(rt, recruiter, everyone, 'fr'))])
  console.log('\nratios to the peer (node:crypto Ed25519 verify):')
  for (const [label, m] of rows) console.log(`  ${label.padEnd(48)} ×${(m / peer).toFixed(0)}`)
} finally {
  await rt.cleanup()
}

// A cheap page while hostile documents are verified, before and after the worker pool (BENCH_STALLING=0 skips it).
if (process.env.BENCH_STALLING !== '0') await runStallingBench()

async function seedDirectory(db: typeof rt.db, organisationId: string, people: number) {
  const at = new Date(Date.now() - 86_400_000).toISOString()
  const levels = ['witnessed', 'assessed', 'self_declared', null] as const
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < people; i++) {
      const userId = `bench-youth-${i}`
      await trx.insertInto('users').values({ id: userId, username: userId, display_name: `Y ${i}`, role: 'youth', organisation_id: organisationId, did: `did:key:bench${i}`, locale: 'fr', created_at: at }).execute()
      await trx.insertInto('directory_entries').values({ user_id: userId, handle: `B${String(i).padStart(4, '0')}-BNCH`, opted_in_at: at }).execute()
      await trx.insertInto('profiles').values({ user_id: userId, region: i % 3 ? 'Hauts-de-France' : 'Bretagne', availability: 'now', languages: '[]', updated_at: at }).execute()
      for (let k = 0; k < 4; k++) {
        const credentialId = `urn:uuid:bench-${i}-${k}`
        await trx.insertInto('credentials').values({ id: credentialId, issuer_organisation_id: organisationId, holder_user_id: userId, subject_did: `did:key:bench${i}`, template_id: 'skill-badge', format: 'di', document: '{}', title: 't', valid_from: at, created_at: at }).execute()
        const skills = [(i * 7 + k * 13) % 60, ...(k % 2 ? [(i + k * 31) % 60] : [])]
        for (const n of new Set(skills)) {
          await trx.insertInto('credential_skills').values({ credential_id: credentialId, skill_uri: `http://data.europa.eu/esco/skill/bench-${n}`, label: `bench ${n}`, evidence_level: levels[(i + k) % 4] ?? null }).execute()
        }
      }
    }
  })
}
