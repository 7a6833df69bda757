import { z } from 'zod'

// A pilot action's own fields (create and edit). Errors are message keys (messages/*/pilots.json `errors`).

const day = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, 'invalidDate')

export const PilotFormSchema = z.object({
  name: z.string({ error: 'required' }).trim().min(1, 'required').max(120, 'tooLong'),
  description: z.string().trim().max(2000, 'tooLong').catch(''),
  region: z.string().trim().max(120, 'tooLong').optional().transform((v) => v || null),
  startsOn: day,
  endsOn: day,
}).superRefine((v, ctx) => {
  if (v.startsOn && v.endsOn && v.endsOn < v.startsOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'endBeforeStart' })
})

export type PilotInput = z.output<typeof PilotFormSchema>
