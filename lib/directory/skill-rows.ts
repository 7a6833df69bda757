// What a stored credential states, as the recruiters' directory indexes it (credential_skills):
// one row per skill — each aligned concept, and for a badge aligned to nothing its own achievement
// (its title) — with the skill level the credential states. Read from the signed document only.
//
// Issue 12 §9 ("a blind profile shows one of two badges"): every key competence has the same
// targetUrl (the 2018 Recommendation; the competence is in targetCode), so two badges aligned to two
// key competences were one skill, and a badge aligned to nothing was no skill at all. A key
// competence is now keyed as the taxonomy keys it (`…#KC4`), and an unaligned badge by its
// achievement id.

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const arr = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v])

export const KEY_COMPETENCES_DOCUMENT = 'https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32018H0604(01)'
import { SKILL_LEVELS, type SkillLevel } from '@/db/enums'
export { SKILL_LEVELS, type SkillLevel }
const LEVEL_RESULT_ID = 'urn:tremplin:result:level'

/** Whether a credential_skills URI names a badge's own achievement (aligned to no concept). */
export const isUnalignedSkill = (uri: string) => !/^https?:\/\//.test(uri)

export interface DirectorySkillRow {
  skill_uri: string
  label: string
  skill_level: SkillLevel | null
}

/** The skill level a credential states (our rubric's `urn:tremplin:level:<level>`), or null. */
export function skillLevelOf(credential: Obj): SkillLevel | null {
  for (const subject of arr(credential.credentialSubject).filter(isObj)) {
    for (const result of arr(subject.result).filter(isObj)) {
      if (result.resultDescription !== LEVEL_RESULT_ID || typeof result.achievedLevel !== 'string') continue
      const level = result.achievedLevel.replace(/^urn:tremplin:level:/, '')
      if ((SKILL_LEVELS as readonly string[]).includes(level)) return level as SkillLevel
    }
  }
  return null
}

export function directorySkillRows(credential: Obj): DirectorySkillRow[] {
  const skillLevel = skillLevelOf(credential)
  const out = new Map<string, string>()
  for (const subject of arr(credential.credentialSubject).filter(isObj)) {
    const achievement = isObj(subject.achievement) ? subject.achievement : {}
    const alignments = arr(achievement.alignment).filter(isObj)
    for (const a of alignments) {
      if (typeof a.targetUrl !== 'string' || !a.targetUrl) continue
      const code = typeof a.targetCode === 'string' && /^KC[1-8]$/.test(a.targetCode) ? a.targetCode : undefined
      const uri = a.targetUrl === KEY_COMPETENCES_DOCUMENT && code ? `${a.targetUrl}#${code}` : a.targetUrl
      if (!out.has(uri)) out.set(uri, (typeof a.targetName === 'string' && a.targetName.trim() ? a.targetName : a.targetUrl).slice(0, 500))
    }
    if (alignments.length === 0 && typeof achievement.id === 'string' && typeof achievement.name === 'string' && achievement.name.trim()) {
      out.set(achievement.id.slice(0, 500), achievement.name.trim().slice(0, 500))
    }
  }
  return [...out].map(([skill_uri, label]) => ({ skill_uri, label, skill_level: skillLevel }))
}
