/**
 * The recruiters' directory: 5,000 young people opted in, 4 credentials each stating 1–2 of 60
 * skills (rows written directly: this measures the search, not signing). A recruiter searches one
 * skill with a minimum evidence level, and with no filter at all (the heaviest ordering).
 */
import { createUser } from '@/lib/auth/service'
import { parseSearch } from '@/lib/directory/schemas'
import { searchDirectory } from '@/lib/directory/service'
import type { Runtime } from '@/lib/runtime'
import { createTestRuntime } from '../factories/runtime'
import { createApprovedOrganisation } from '../factories/world'
import { absoluteRow, median, runs, type BenchRow } from './measure'

const SECTION = 'directory'

export async function runDirectoryBench(): Promise<BenchRow[]> {
  console.log('\ndirectory: search over 5,000 profiles')
  const rt = await createTestRuntime()
  try {
    const org = await createApprovedOrganisation(rt, { slug: 'bench', name: 'Bench org', kind: 'training' })
    const recruiter = await createUser(rt, { role: 'recruiter', username: 'bench-recruiter', displayName: 'R', organisationId: org.id })
    await seedDirectory(rt.db, org.id, 5000)
    const bySkill = parseSearch({ skill: 'http://data.europa.eu/esco/skill/bench-7', skillLabel: 'bench 7', evidence: 'witnessed' })
    const everyone = parseSearch({})
    const found = await searchDirectory(rt, recruiter, bySkill, 'fr')
    if (found.total === 0 || found.results.length === 0) throw new Error('directory search found nobody')
    return [
      absoluteRow(SECTION, 'directory: 5,000 profiles, one skill + evidence', await median('directory: 5,000 profiles, one skill + evidence', runs(20), () => searchDirectory(rt, recruiter, bySkill, 'fr'))),
      absoluteRow(SECTION, 'directory: 5,000 profiles, no filter', await median('directory: 5,000 profiles, no filter', runs(20), () => searchDirectory(rt, recruiter, everyone, 'fr'))),
    ]
  } finally {
    await rt.cleanup()
  }
}

async function seedDirectory(db: Runtime['db'], organisationId: string, people: number) {
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
