import type { FieldError } from '@/lib/errors'
import type { EvidenceLevel } from '../evidence'
import { evidenceResult, evidenceRubric } from './evidence-level'
import { achievementImage, alignments, envelope, evidence, type AlignmentClaim, type BuildContext, type EvidenceClaim, type Lang } from './shared'

export interface WorkExperienceClaims {
  kind: Kind
  role: string
  place: { name: string; locality: string; countryCode?: string }
  period: { start: string; end?: string }
  tasks: string[]
  skills?: AlignmentClaim[]
  evidence?: EvidenceClaim[]
  /** How the employer knows (absent: witnessed). lib/credentials/issue.ts settles it before building. */
  evidenceLevel?: EvidenceLevel
  language?: Lang
  validUntil?: string
}

type Kind = 'internship' | 'work_trial' | 'job' | 'volunteering'

const KIND_LABELS: Record<Lang, Record<Kind, string>> = {
  fr: { internship: 'Stage', work_trial: 'Période d’essai en entreprise', job: 'Emploi', volunteering: 'Bénévolat' },
  en: { internship: 'Internship', work_trial: 'Work trial', job: 'Job', volunteering: 'Volunteering' },
}
const TASKS_TITLE: Record<Lang, string> = { fr: 'Missions confiées', en: 'Tasks' }
const AT: Record<Lang, string> = { fr: 'chez', en: 'at' }

/** Rules JSON Schema cannot state: the period's end is not before its start. */
export function checkWorkExperience(claims: WorkExperienceClaims): FieldError[] {
  if (claims.period.end && claims.period.end < claims.period.start) {
    return [{ path: '/period/end', message: 'must not be before the start date' }]
  }
  return []
}

/**
 * An employer's attestation of a period of work, in OB 3.0 terms: the role, period and place on
 * the AchievementSubject (`role`, `activityStartDate`, `activityEndDate`, `source`), the tasks as
 * the achievement's criteria and the skills shown as its alignments; the evidence level as a
 * rubric and its result (lib/credentials/evidence.ts).
 */
export function buildWorkExperience(claims: WorkExperienceClaims, ctx: BuildContext) {
  const lang = claims.language ?? 'fr'
  const title = workExperienceTitle(claims)
  return {
    ...envelope(ctx, claims.validUntil),
    name: title,
    credentialSubject: {
      id: ctx.subjectDid,
      type: ['AchievementSubject'],
      role: claims.role,
      activityStartDate: `${claims.period.start}T00:00:00Z`,
      ...(claims.period.end ? { activityEndDate: `${claims.period.end}T00:00:00Z` } : {}),
      source: {
        type: ['Profile'],
        name: claims.place.name,
        address: {
          type: ['Address'],
          addressLocality: claims.place.locality,
          ...(claims.place.countryCode ? { addressCountryCode: claims.place.countryCode } : {}),
        },
      },
      achievement: {
        id: `${ctx.id}#achievement`,
        type: ['Achievement'],
        achievementType: 'ext:WorkExperience',
        name: title,
        image: achievementImage({ name: claims.role, alignment: claims.skills }),
        description: `${KIND_LABELS[lang][claims.kind]} — ${claims.role} ${AT[lang]} ${claims.place.name} (${claims.place.locality})`,
        criteria: { narrative: `${TASKS_TITLE[lang]} :\n${claims.tasks.map((t) => `- ${t}`).join('\n')}` },
        ...(claims.skills?.length ? { alignment: alignments(claims.skills) } : {}),
        resultDescription: [evidenceRubric(lang)],
        inLanguage: lang,
      },
      result: [evidenceResult(claims.evidenceLevel ?? 'witnessed')],
    },
    ...(claims.evidence?.length ? { evidence: evidence(claims.evidence) } : {}),
  }
}

export function workExperienceTitle(claims: WorkExperienceClaims): string {
  const lang = claims.language ?? 'fr'
  return `${KIND_LABELS[lang][claims.kind]} — ${claims.role}`
}
