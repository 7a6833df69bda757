import { z } from 'zod'
import { TEMPLATE_IDS, type TemplateId } from '@/lib/credentials/schemas'

/** The evidence levels an organisation may state (lib/credentials/evidence.ts, minus self_declared). */
export const STAFF_EVIDENCE_LEVELS = ['witnessed', 'assessed'] as const

// The issuing form's own fields. The claims themselves are checked by the template's JSON Schema
// only (see ./issue-form), never restated here.

export const IssueFormSchema = z.object({
  intent: z.enum(['preview', 'issue']).catch('preview'),
  templateId: z.enum(TEMPLATE_IDS as [TemplateId, ...TemplateId[]], { error: 'required' }),
  holderId: z.string({ error: 'required' }).min(1, 'required').max(100, 'invalid'),
  format: z.enum(['di', 'jwt']).catch('di'),
  validity: z.enum(['none', 'until']).catch('none'),
  validUntil: z.string().optional(),
  // "How do you know?": an organisation states it saw it (witnessed) or checked it against
  // criteria (assessed); self-declared is the young person's own, never staff's.
  evidenceLevel: z.enum(STAFF_EVIDENCE_LEVELS, { error: (issue) => (issue.input === undefined || issue.input === '' ? 'required' : 'invalidChoice') }),
}).superRefine((v, ctx) => {
  if (v.validity === 'until' && !v.validUntil?.trim()) ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'required' })
})

export type IssueForm = z.output<typeof IssueFormSchema>
