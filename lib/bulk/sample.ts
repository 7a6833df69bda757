import type { SessionUser } from '@/lib/auth/sessions'
import { schemaUrl } from '@/lib/credentials/schemas'
import { EVIDENCE_RESULT_ID } from '@/lib/credentials/evidence'
import { TEMPLATES } from '@/lib/credentials/templates'
import type { Runtime } from '@/lib/runtime'
import { TEMPLATE_ID } from './check-row'
import * as repo from './repository'
import { batchOrThrow } from './service'

// The preview's sample (issue 12 §7): ready rows shown exactly as they will be signed — each
// built into its unsigned credential by the template that signs it, and read back from that
// document: the skill's name, the level and evidence words, the criteria, the end of validity,
// in the badge's own language. Nothing is signed.

export interface SampleRowDto {
  rowNumber: number
  displayName: string
  username: string
  skill: string
  /** The level's name as the credential writes it ("Autonome"). */
  level: string | null
  /** How the organisation knows, as the credential writes it. */
  evidence: string | null
  criteria: string
  validUntil: string | null
  /** The badge's language: the cells are shown with it. */
  language: string
}

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v])

/** The name of the achieved level of the rubric `rubricId`, read from the document. */
function achieved(subject: Obj, rubricId: string): string | null {
  const achievement = isObj(subject.achievement) ? subject.achievement : {}
  const rubric = list(achievement.resultDescription).filter(isObj).find((r) => r.id === rubricId)
  const result = list(subject.result).filter(isObj).find((r) => r.resultDescription === rubricId)
  const level = rubric && list(rubric.rubricCriterionLevel).filter(isObj).find((l) => l.id === result?.achievedLevel)
  return typeof level?.name === 'string' ? level.name : null
}

/** Up to `limit` ready rows as they will be signed, and how many rows are ready. @throws AppError FORBIDDEN, NOT_FOUND */
export async function batchSample(rt: Pick<Runtime, 'db' | 'env'>, actor: SessionUser, batchId: string, limit = 10): Promise<{ rows: SampleRowDto[]; ready: number }> {
  const { batch, org } = await batchOrThrow(rt, actor, batchId)
  const rows = await repo.listReadySample(rt.db, batch.id, limit)
  const n = await repo.countReadyRows(rt.db, batch.id)
  const now = new Date()
  return {
    ready: Number(n),
    rows: rows.map((r) => {
      const document = TEMPLATES[TEMPLATE_ID].build(JSON.parse(r.claims), {
        id: 'urn:uuid:00000000-0000-4000-8000-000000000000', issuer: { did: org.did ?? '', name: org.name }, subjectDid: r.subject_did ?? '',
        now, schemaUrl: schemaUrl(rt.env.publicUrl, TEMPLATE_ID), format: 'di',
      })
      const subject = list(document.credentialSubject).filter(isObj)[0] ?? {}
      const achievement = isObj(subject.achievement) ? subject.achievement : {}
      const criteria = isObj(achievement.criteria) && typeof achievement.criteria.narrative === 'string' ? achievement.criteria.narrative : ''
      return {
        rowNumber: r.row_number, displayName: r.display_name, username: r.username,
        skill: typeof achievement.name === 'string' ? achievement.name : '',
        level: achieved(subject, 'urn:tremplin:result:level'), evidence: achieved(subject, EVIDENCE_RESULT_ID), criteria,
        validUntil: typeof document.validUntil === 'string' ? document.validUntil : null,
        language: typeof achievement.inLanguage === 'string' ? achievement.inLanguage : 'und',
      }
    }),
  }
}
