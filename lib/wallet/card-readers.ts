import { EVIDENCE_RESULT_ID } from '@/lib/credentials/evidence'
import type { CardAlignment, CardEvidence, CardLevel, CardWork } from './cards'

// Readers of the parts of a signed credential a card shows (Open Badges 3.0 terms, and the VC
// data model's own), each tolerant: what is missing or malformed is left out, never a crash.

export type Obj = Record<string, unknown>
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
export const arr = <T = unknown>(v: unknown): T[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]) as T[]
export const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined)

/** A credential with no name: its most specific type, in words ("OpenBadgeCredential" → "Open Badge Credential"), else ''. */
export function typeTitle(credential: Obj): string {
  const type = arr<unknown>(credential.type).filter((t): t is string => typeof t === 'string' && t !== 'VerifiableCredential').pop()
  return type ? type.replace(/([a-z])([A-Z])/g, '$1 $2') : ''
}

/** `…/schemas/<template>.json` (v1) or `…/schemas/<template>.v<n>.json` → `<template>`, else 'unknown'. */
export function templateFromSchema(credential: Obj): string {
  for (const ref of arr<Obj>(credential.credentialSchema).filter(isObj)) {
    const m = typeof ref.id === 'string' ? /\/schemas\/([a-z0-9-]+?)(?:\.v\d+)?\.json$/.exec(ref.id) : null
    if (m?.[1]) return m[1]
  }
  return 'unknown'
}

/**
 * OB 3.0 rubric (§ B.1.20 Result, B.1.21 ResultDescription): `result[].achievedLevel` names one of
 * the `rubricCriterionLevel[]` of the `resultDescription` the result points to. The skill's level,
 * never the evidence level (its own rubric, EVIDENCE_RESULT_ID, read by evidenceLevelOf).
 */
export function readLevel(subject: Obj, achievement: Obj): CardLevel | null {
  const descriptions = arr<Obj>(achievement.resultDescription).filter(isObj).filter((d) => d.id !== EVIDENCE_RESULT_ID)
  for (const result of arr<Obj>(subject.result).filter(isObj)) {
    const achieved = str(result.achievedLevel)
    if (!achieved || result.resultDescription === EVIDENCE_RESULT_ID) continue
    const description = descriptions.find((d) => d.id === result.resultDescription) ?? descriptions[0]
    const level = arr<Obj>(description?.rubricCriterionLevel).filter(isObj).find((l) => l.id === achieved)
    return { id: achieved, label: str(level?.name) ?? achieved }
  }
  return null
}

export function readEvidence(e: Obj): CardEvidence[] {
  const narrative = str(e.narrative) ?? str(e.description)
  const name = str(e.name)
  if (!narrative && !name) return []
  return [{ ...(name ? { name } : {}), narrative: narrative ?? '', ...(str(e.id) && /^https?:\/\//.test(e.id as string) ? { url: e.id as string } : {}) }]
}

export function readAlignment(a: Obj): CardAlignment[] {
  const targetName = str(a.targetName)
  const targetUrl = str(a.targetUrl)
  if (!targetName || !targetUrl) return []
  return [{ targetName, targetUrl, targetFramework: str(a.targetFramework) ?? '', ...(str(a.targetCode) ? { targetCode: str(a.targetCode) } : {}) }]
}

/** OB 3.0 AchievementSubject: `role`, `activityStartDate`/`activityEndDate`, `source` (the place). */
export function readWork(subject: Obj, achievement: Obj): CardWork | null {
  const role = str(subject.role)
  const start = str(subject.activityStartDate)
  if (!role || !start) return null
  const source = isObj(subject.source) ? subject.source : {}
  const address = isObj(source.address) ? source.address : {}
  const narrative = isObj(achievement.criteria) ? (str(achievement.criteria.narrative) ?? '') : ''
  // The tasks are the criteria's bullet lines ("- …"), as the work-experience template writes them.
  const tasks = narrative.split('\n').map((l) => /^\s*[-•]\s+(.*)$/.exec(l)?.[1]?.trim()).filter((t): t is string => Boolean(t))
  const locality = str(address.addressLocality)
  const end = str(subject.activityEndDate)
  return {
    role,
    place: { name: str(source.name) ?? '', ...(locality ? { locality } : {}) },
    period: { start: start.slice(0, 10), ...(end ? { end: end.slice(0, 10) } : {}) },
    tasks,
  }
}
