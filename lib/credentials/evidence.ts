// Evidence levels: how the issuer knows what a credential states. Written the Open Badges 3.0 way,
// as the achievement's level is: a rubric in `achievement.resultDescription[]` (id
// EVIDENCE_RESULT_ID, three RubricCriterionLevels) and the achieved one in
// `credentialSubject.result[]`, so any OB 3.0 reader sees it without a context of ours.

// One list with the credential_skills / skill_stories columns that store it (db/enums.ts, decision 037).
import { EVIDENCE_LEVELS, type EvidenceLevel } from '@/db/enums'
export { EVIDENCE_LEVELS, type EvidenceLevel }

/** The `ResultDescription` id of the evidence rubric (the skill level's is `urn:tremplin:result:level`). */
export const EVIDENCE_RESULT_ID = 'urn:tremplin:result:evidence'

/** `self_declared` → `urn:tremplin:evidence:self-declared`. */
export const evidenceLevelUri = (level: EvidenceLevel) => `urn:tremplin:evidence:${level.replace('_', '-')}`

const BY_URI = new Map<string, EvidenceLevel>(EVIDENCE_LEVELS.map((l) => [evidenceLevelUri(l), l]))

export function isEvidenceLevel(value: unknown): value is EvidenceLevel {
  return typeof value === 'string' && (EVIDENCE_LEVELS as readonly string[]).includes(value)
}

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const arr = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v])
const idOf = (v: unknown): string | undefined => (typeof v === 'string' ? v : isObj(v) && typeof v.id === 'string' ? v.id : undefined)

/**
 * The evidence level a credential states, or null when it states none. A credential its subject
 * issued to themself is self-declared whatever it claims: nobody witnesses or assesses themself.
 */
export function evidenceLevelOf(credential: Obj): EvidenceLevel | null {
  const subjects = arr(credential.credentialSubject).filter(isObj)
  const issuer = idOf(credential.issuer)
  if (issuer && subjects.length > 0 && subjects.every((s) => s.id === issuer)) return 'self_declared'
  for (const subject of subjects) {
    for (const result of arr(subject.result).filter(isObj)) {
      if (result.resultDescription !== EVIDENCE_RESULT_ID) continue
      const level = typeof result.achievedLevel === 'string' ? BY_URI.get(result.achievedLevel) : undefined
      if (level) return level
    }
  }
  return null
}

/** The skills a credential states: each alignment of its achievement(s) with a targetUrl, once. */
export function skillsOf(credential: Obj): { uri: string; label: string }[] {
  const out = new Map<string, string>()
  for (const subject of arr(credential.credentialSubject).filter(isObj)) {
    const achievement = isObj(subject.achievement) ? subject.achievement : {}
    for (const a of arr(achievement.alignment).filter(isObj)) {
      if (typeof a.targetUrl !== 'string' || !a.targetUrl || out.has(a.targetUrl)) continue
      out.set(a.targetUrl, (typeof a.targetName === 'string' && a.targetName.trim() ? a.targetName : a.targetUrl).slice(0, 500))
    }
  }
  return [...out].map(([uri, label]) => ({ uri, label }))
}
