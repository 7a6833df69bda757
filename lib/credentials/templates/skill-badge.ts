import enCommon from '@/messages/en/common.json'
import frCommon from '@/messages/fr/common.json'
import type { EvidenceLevel } from '../evidence'
import { evidenceResult, evidenceRubric, storyEvidence, type StoryClaim } from './evidence-level'
import { capitalise } from '@/lib/i18n/text'
import { achievementImage, alignments, envelope, evidence, type AlignmentClaim, type BuildContext, type EvidenceClaim, type Lang } from './shared'

export interface SkillBadgeClaims {
  skill: { name: string; description?: string; alignment?: AlignmentClaim[] }
  level: Level
  criteria: string
  evidence?: EvidenceClaim[]
  /** How the issuer knows (absent: witnessed). lib/credentials/issue.ts settles it before building. */
  evidenceLevel?: EvidenceLevel
  /** The young person's story of the skill, signed as one more Evidence entry. */
  story?: StoryClaim
  language?: Lang
  validUntil?: string
}

// One list with the credential_skills.skill_level column (db/enums.ts, decision 037).
import { SKILL_LEVELS as LEVELS, type SkillLevel as Level } from '@/db/enums'
export { LEVELS, type Level }

// The signed level names are the app's own words (messages/*/common.json `levels`, defined once).
const LEVEL_LABELS: Record<Lang, Record<Level, string>> = {
  fr: Object.fromEntries(LEVELS.map((l) => [l, frCommon.levels[l]])) as Record<Level, string>,
  en: Object.fromEntries(LEVELS.map((l) => [l, enCommon.levels[l]])) as Record<Level, string>,
}
const LEVEL_TITLE: Record<Lang, string> = { fr: 'Niveau', en: 'Level' }

export const levelUri = (level: Level) => `urn:tremplin:level:${level}`
const RESULT_DESCRIPTION_ID = 'urn:tremplin:result:level'

/**
 * An OB 3.0 achievement for one skill. The level is expressed the OB 3.0 way: a rubric of four
 * levels in `achievement.resultDescription` and the achieved one in `credentialSubject.result`;
 * the evidence level the same way, as a second rubric and result (lib/credentials/evidence.ts).
 */
export function buildSkillBadge(claims: SkillBadgeClaims, ctx: BuildContext) {
  const lang = claims.language ?? 'fr'
  const levelLabel = LEVEL_LABELS[lang][claims.level]
  // ESCO labels are lower case ("travailler en équipe"): a badge's title starts with a capital.
  const name = capitalise(claims.skill.name, lang)
  const evidenceEntries = [...evidence(claims.evidence), ...(claims.story ? [storyEvidence(claims.story, lang)] : [])]
  return {
    ...envelope(ctx, claims.validUntil),
    name,
    credentialSubject: {
      id: ctx.subjectDid,
      type: ['AchievementSubject'],
      achievement: {
        id: `${ctx.id}#achievement`,
        type: ['Achievement'],
        achievementType: 'Competency',
        name,
        description: claims.skill.description?.trim() || `${name} — ${LEVEL_TITLE[lang].toLowerCase()} : ${levelLabel}`,
        image: achievementImage({ name, alignment: claims.skill.alignment }),
        criteria: { narrative: claims.criteria },
        ...(claims.skill.alignment?.length ? { alignment: alignments(claims.skill.alignment) } : {}),
        resultDescription: [
          {
            id: RESULT_DESCRIPTION_ID,
            type: ['ResultDescription'],
            name: LEVEL_TITLE[lang],
            resultType: 'RubricCriterionLevel',
            rubricCriterionLevel: LEVELS.map((l, i) => ({
              id: levelUri(l),
              type: ['RubricCriterionLevel'],
              name: LEVEL_LABELS[lang][l],
              level: String(i + 1),
            })),
          },
          evidenceRubric(lang),
        ],
        inLanguage: lang,
      },
      result: [
        { type: ['Result'], resultDescription: RESULT_DESCRIPTION_ID, achievedLevel: levelUri(claims.level) },
        evidenceResult(claims.evidenceLevel ?? 'witnessed'),
      ],
    },
    ...(evidenceEntries.length ? { evidence: evidenceEntries } : {}),
  }
}

export function skillBadgeTitle(claims: SkillBadgeClaims): string {
  return capitalise(claims.skill.name, claims.language ?? 'fr')
}
