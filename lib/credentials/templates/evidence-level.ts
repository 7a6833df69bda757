import { EVIDENCE_LEVELS, EVIDENCE_RESULT_ID, evidenceLevelUri, type EvidenceLevel } from '../evidence'
import enCommon from '@/messages/en/common.json'
import frCommon from '@/messages/fr/common.json'
import type { Lang } from './shared'

// How the issuer knows, written as lib/credentials/evidence.ts describes it (an OB 3.0 rubric:
// ResultDescription § B.1.21 in the achievement, Result § B.1.20 in the subject), and the young
// person's story of a skill as an OB 3.0 Evidence entry (§ B.1.13: name, narrative, genre).

const TITLE: Record<Lang, string> = { fr: 'Preuve', en: 'Evidence' }
// The signed level names are the words the app shows (messages/*/common.json `evidence`, defined
// once): a badge read elsewhere says what the recruiter's screen says.
const COMMON = { fr: frCommon, en: enCommon }
const label = (lang: Lang, level: EvidenceLevel) => COMMON[lang].evidence[level].term

/** The three-level rubric, in the credential's language (levels 1..3 in EVIDENCE_LEVELS order). */
export function evidenceRubric(lang: Lang) {
  return {
    id: EVIDENCE_RESULT_ID,
    type: ['ResultDescription'],
    name: TITLE[lang],
    resultType: 'RubricCriterionLevel',
    rubricCriterionLevel: EVIDENCE_LEVELS.map((l, i) => ({
      id: evidenceLevelUri(l),
      type: ['RubricCriterionLevel'],
      name: label(lang, l),
      level: String(i + 1),
    })),
  }
}

/** The achieved level, for `credentialSubject.result[]`. */
export function evidenceResult(level: EvidenceLevel) {
  return { type: ['Result'], resultDescription: EVIDENCE_RESULT_ID, achievedLevel: evidenceLevelUri(level) }
}

export interface StoryClaim {
  situation: string
  whatIDid: string
  outcome: string
}

// Headings end with the language's own colon: French puts a no-break space before it, English none.
const STORY: Record<Lang, { name: string; genre: string; situation: string; whatIDid: string; outcome: string }> = {
  fr: { name: 'Récit', genre: 'Récit de compétence', situation: 'La situation\u00a0:', whatIDid: 'Ce que j’ai fait\u00a0:', outcome: 'Le résultat\u00a0:' },
  en: { name: 'Skill story', genre: 'Skill story', situation: 'The situation:', whatIDid: 'What I did:', outcome: 'The outcome:' },
}

/** The story as one Evidence entry: its three parts, each labelled, in the narrative (Markdown is allowed there, plain text is enough). */
export function storyEvidence(story: StoryClaim, lang: Lang) {
  const w = STORY[lang]
  return {
    type: ['Evidence'],
    name: w.name,
    genre: w.genre,
    narrative: `${w.situation}\n${story.situation.trim()}\n\n${w.whatIDid}\n${story.whatIDid.trim()}\n\n${w.outcome}\n${story.outcome.trim()}`,
  }
}
