import { EVIDENCE_LEVELS, isEvidenceLevel, type EvidenceLevel } from '@/lib/credentials/evidence'
import { AVAILABILITIES, LANGUAGE_CODES, LANGUAGE_LEVELS, type Availability, type LanguageLevel } from '@/lib/profile/schemas'
import type { Runtime } from '@/lib/runtime'
import { getConcepts } from '@/lib/taxonomy/service'
import * as repo from './repository'
import { isUnalignedSkill, SKILL_LEVELS, type SkillLevel } from './skill-rows'

// A blind profile: what a recruiter may know of a young person before they accept a contact.
// Built ONLY from the handle, credential_skills (skill, skill level, evidence level), the issuing
// organisation's name (or a registry's name for an imported credential; "self-declared" when the
// young person vouches for themself), profiles (region, availability, languages) and the goals'
// labels. Never a credential document, never free text the young person wrote about themself,
// never their name, username, e-mail, DID, photo or share links.

/** Who vouches for a skill, as a blind profile may say it. */
export type IssuerDto =
  | { kind: 'organisation'; name: string }
  | { kind: 'registry'; name: string }
  | { kind: 'self' }
  | { kind: 'unregistered' }

export interface BlindSkillDto {
  uri: string
  label: string
  /** The best evidence level among the credentials stating it (null: none states one). */
  bestLevel: EvidenceLevel | null
  /** The highest skill level among the credentials stating it (null: none states one). */
  skillLevel: SkillLevel | null
  /** Each credential's evidence level, skill level and issuer, once per distinct triple, best first. */
  sources: { level: EvidenceLevel | null; skillLevel: SkillLevel | null; issuer: IssuerDto }[]
  /** The skill searched for. */
  matches: boolean
}

export interface BlindProfileDto {
  /** null only in the young person's own preview before they opt in. */
  handle: string | null
  region: string | null
  availability: Availability | null
  languages: { code: string; level: LanguageLevel }[]
  goals: string[]
  /** Matching skill first, then the best evidence first, then by label. */
  skills: BlindSkillDto[]
}

const rank = (l: EvidenceLevel | null) => (l ? EVIDENCE_LEVELS.indexOf(l) + 1 : 0)
const step = (l: SkillLevel | null) => (l ? SKILL_LEVELS.indexOf(l) + 1 : 0)
const asSkillLevel = (v: string | null): SkillLevel | null => ((SKILL_LEVELS as readonly (string | null)[]).includes(v) ? (v as SkillLevel) : null)

function parseLanguages(text: string | null | undefined): BlindProfileDto['languages'] {
  try {
    const list = JSON.parse(text ?? '[]') as { code?: unknown; level?: unknown }[]
    if (!Array.isArray(list)) return []
    return list.filter((l) => (LANGUAGE_CODES as readonly unknown[]).includes(l?.code) && (LANGUAGE_LEVELS as readonly unknown[]).includes(l?.level))
      .map((l) => ({ code: l.code as string, level: l.level as LanguageLevel }))
  } catch {
    return []
  }
}

type SkillRow = Awaited<ReturnType<typeof repo.listCountedSkills>>[number]

function issuerOf(row: SkillRow, registry: Map<string, string>): IssuerDto {
  // A credential the young person issued to themself names them as its issuer: say "self-declared", never the name.
  if (row.origin === 'self_declared' || row.evidence_level === 'self_declared') return { kind: 'self' }
  if (row.origin === 'issued' && row.organisation_name) return { kind: 'organisation', name: row.organisation_name }
  const name = row.issuer_did ? registry.get(row.issuer_did) : undefined
  return name ? { kind: 'registry', name } : { kind: 'unregistered' }
}

/** Labels of taxonomy concepts in the reader's language, where the taxonomy knows them. */
async function conceptLabels(rt: Pick<Runtime, 'db'>, uris: string[], lang: string): Promise<Map<string, string>> {
  const concepts = await getConcepts(rt, { uris, lang })
  return new Map([...concepts].map(([uri, concept]) => [uri, concept.label]))
}

function groupSkills(rows: SkillRow[], registry: Map<string, string>, labels: Map<string, string>, skill?: string): BlindSkillDto[] {
  const byUri = new Map<string, BlindSkillDto>()
  for (const row of rows) {
    const issuer = issuerOf(row, registry)
    // A badge aligned to no concept is named by its title: a young person's own words when they
    // vouch for themself, which a blind profile never shows.
    if (isUnalignedSkill(row.skill_uri) && issuer.kind === 'self') continue
    const level = isEvidenceLevel(row.evidence_level) ? row.evidence_level : null
    const skillLevel = asSkillLevel(row.skill_level)
    const s = byUri.get(row.skill_uri) ?? { uri: row.skill_uri, label: labels.get(row.skill_uri) ?? row.label, bestLevel: null, skillLevel: null, sources: [], matches: row.skill_uri === skill }
    byUri.set(row.skill_uri, s)
    if (rank(level) > rank(s.bestLevel)) s.bestLevel = level
    if (step(skillLevel) > step(s.skillLevel)) s.skillLevel = skillLevel
    if (!s.sources.some((x) => x.level === level && x.skillLevel === skillLevel && JSON.stringify(x.issuer) === JSON.stringify(issuer))) s.sources.push({ level, skillLevel, issuer })
  }
  const skills = [...byUri.values()]
  for (const s of skills) s.sources.sort((a, b) => rank(b.level) - rank(a.level) || step(b.skillLevel) - step(a.skillLevel))
  return skills.sort((a, b) => Number(b.matches) - Number(a.matches) || rank(b.bestLevel) - rank(a.bestLevel) || step(b.skillLevel) - step(a.skillLevel) || a.label.localeCompare(b.label))
}

/** Blind profiles of these directory entries, in the same order. */
export async function buildBlindProfiles(
  rt: Pick<Runtime, 'db'>,
  entries: { user_id: string; handle: string | null }[],
  options: { lang: string; now: Date; skill?: string },
): Promise<BlindProfileDto[]> {
  const ids = entries.map((e) => e.user_id)
  const [skills, profiles, goals] = await Promise.all([
    repo.listCountedSkills(rt.db, ids, options.now.toISOString()), repo.listProfiles(rt.db, ids), repo.listGoals(rt.db, ids),
  ])
  const registryRows = await repo.listRegistryNames(rt.db, [...new Set(skills.filter((s) => s.origin === 'imported' && s.issuer_did).map((s) => s.issuer_did!))])
  const registry = new Map<string, string>()
  for (const r of registryRows) if (!registry.has(r.did)) registry.set(r.did, r.name)
  const labels = await conceptLabels(rt, [...skills.map((s) => s.skill_uri).filter((u) => !isUnalignedSkill(u)), ...goals.flatMap((g) => (g.occupation_uri ? [g.occupation_uri] : []))], options.lang)
  return entries.map((entry) => {
    const profile = profiles.find((p) => p.user_id === entry.user_id)
    return {
      handle: entry.handle,
      region: profile?.region?.trim() || null,
      availability: (AVAILABILITIES as readonly string[]).includes(profile?.availability ?? '') ? (profile!.availability as Availability) : null,
      languages: parseLanguages(profile?.languages),
      goals: goals.filter((g) => g.user_id === entry.user_id).map((g) => (g.occupation_uri && labels.get(g.occupation_uri)) || g.label),
      skills: groupSkills(skills.filter((s) => s.holder_user_id === entry.user_id), registry, labels, options.skill),
    }
  })
}
