import { z } from 'zod'
import { LEVELS } from '@/lib/credentials/templates/skill-badge'

// Form input of the skill stories, shared by the forms and their actions. Errors are message
// keys (messages stories.json `errors.*`).

export const TEXT_MAX = 2000
export const SKILL_MAX = 200
export const NOTE_MAX = 1000
/** Stories not yet turned into a credential (draft, requested, changes proposed, declined), per young person. */
export const OPEN_STORIES_MAX = 50
/** Each of the three parts must say at least this much before anyone is asked to sign it. */
export const TEXT_MIN_TO_SEND = 10

import { STORY_STATUSES, type StoryStatus } from '@/db/enums'
export { STORY_STATUSES, type StoryStatus }
export const OPEN_STATUSES = ['draft', 'requested', 'changes_proposed', 'declined'] as const satisfies readonly StoryStatus[]
/** The young person edits, asks or self-declares only a story nobody is looking at. */
export const EDITABLE_STATUSES = ['draft', 'declined'] as const satisfies readonly StoryStatus[]

/** The evidence levels an attester may choose (an organisation never self-declares). */
export const ATTEST_LEVELS = ['witnessed', 'assessed'] as const
export type AttestLevel = (typeof ATTEST_LEVELS)[number]

const text = (max: number) => z.string().trim().max(max, 'tooLong')
const id = z.string('invalid').trim().min(1, 'invalid').max(100, 'invalid')

export const StoryDraftSchema = z.object({
  skillLabel: z.string().trim().min(2, 'skillRequired').max(SKILL_MAX, 'tooLong'),
  skillUri: z.string().trim().max(500, 'invalid').optional().transform((v) => v || undefined),
  situation: text(TEXT_MAX),
  whatIDid: text(TEXT_MAX),
  outcome: text(TEXT_MAX),
  experienceId: z.string().trim().max(100, 'invalid').optional().transform((v) => v || undefined),
})
export type StoryDraftInput = z.infer<typeof StoryDraftSchema>

export interface StoryFormValues {
  storyId: string
  skillLabel: string
  skillUri: string
  situation: string
  whatIDid: string
  outcome: string
  experienceId: string
}

const one = (form: FormData, name: string) => {
  const v = form.get(name)
  return typeof v === 'string' ? v : ''
}

/** What the young person typed, kept as typed (returned with the errors: nothing is lost). */
export function storyFormValues(form: FormData): StoryFormValues {
  return {
    storyId: one(form, 'storyId'),
    skillLabel: one(form, 'skillLabel'),
    skillUri: one(form, 'skillUri'),
    situation: one(form, 'situation'),
    whatIDid: one(form, 'whatIDid'),
    outcome: one(form, 'outcome'),
    experienceId: one(form, 'experienceId'),
  }
}

export const StoryIdSchema = z.object({ storyId: id })

export const RequestAttestationSchema = z.object({ storyId: id, attesterId: z.string('attesterRequired').trim().min(1, 'attesterRequired').max(100, 'invalid') })

export const SelfDeclareSchema = z.object({ storyId: id, level: z.enum(LEVELS, 'levelRequired') })

export const ProposalSchema = z.object({
  storyId: id,
  skillLabel: z.string().trim().min(2, 'skillRequired').max(SKILL_MAX, 'tooLong'),
  situation: z.string().trim().min(TEXT_MIN_TO_SEND, 'tooShort').max(TEXT_MAX, 'tooLong'),
  whatIDid: z.string().trim().min(TEXT_MIN_TO_SEND, 'tooShort').max(TEXT_MAX, 'tooLong'),
  outcome: z.string().trim().min(TEXT_MIN_TO_SEND, 'tooShort').max(TEXT_MAX, 'tooLong'),
  note: z.string('noteRequired').trim().min(1, 'noteRequired').max(NOTE_MAX, 'tooLong'),
})
export type ProposalInput = Omit<z.infer<typeof ProposalSchema>, 'storyId'>

export const DeclineSchema = z.object({ storyId: id, message: z.string('messageRequired').trim().min(1, 'messageRequired').max(NOTE_MAX, 'tooLong') })

export const AttestSchema = z
  .object({
    storyId: id,
    evidenceLevel: z.enum(ATTEST_LEVELS, 'evidenceRequired'),
    level: z.enum(LEVELS, 'levelRequired'),
    criteria: z.string().trim().max(4000, 'tooLong').optional().transform((v) => v || undefined),
  })
  .superRefine((v, ctx) => {
    // "Assessed" means checked against criteria: they are part of what is signed.
    if (v.evidenceLevel === 'assessed' && (!v.criteria || v.criteria.length < 10)) ctx.addIssue({ code: 'custom', path: ['criteria'], message: 'criteriaRequired' })
  })
export interface AttestInput {
  evidenceLevel: AttestLevel
  level: (typeof LEVELS)[number]
  /** Required (≥ 10 characters) when assessed. */
  criteria?: string
}
