import { z } from 'zod'

// Inputs of the contacts pages, shared by the forms and the actions. Errors are message keys
// (contacts.json `errors.*`).

export const MESSAGE_MAX = 2000
export const DETAILS_MAX = 2000
export const NOTE_MAX = 1000
import { REPORT_REASONS, type ReportReason } from '@/db/enums'
export { REPORT_REASONS, type ReportReason }

const contactId = z.string({ error: 'notFound' }).trim().min(1, 'notFound').max(100, 'notFound')

export const DecideSchema = z.object({
  contactId,
  decision: z.enum(['accept', 'decline'], { error: 'invalidDecision' }),
})
export type DecideInput = z.infer<typeof DecideSchema>

export const SendMessageSchema = z.object({
  contactId,
  body: z.string({ error: 'bodyRequired' }).trim().min(1, 'bodyRequired').max(MESSAGE_MAX, 'bodyTooLong'),
})
export type SendMessageInput = z.infer<typeof SendMessageSchema>

export const BlockSchema = z.object({ contactId })
export type BlockInput = z.infer<typeof BlockSchema>

export const ReportSchema = z.object({
  contactId,
  reason: z.enum(REPORT_REASONS, { error: 'reasonRequired' }),
  details: z.string({ error: 'detailsTooLong' }).trim().max(DETAILS_MAX, 'detailsTooLong').default(''),
  /** A checkbox: present ('on') when the young person also blocks the recruiter. */
  block: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()).default(false),
})
export type ReportInput = z.infer<typeof ReportSchema>

export const ResolveReportSchema = z.object({
  reportId: z.string({ error: 'notFound' }).trim().min(1, 'notFound').max(100, 'notFound'),
  note: z.string({ error: 'noteRequired' }).trim().min(1, 'noteRequired').max(NOTE_MAX, 'noteTooLong'),
})
export type ResolveReportInput = z.infer<typeof ResolveReportSchema>
