import { z } from 'zod'

// The issued list's status form (shared by the form and its action). Messages are keys of
// `issuer.issued.statusForm.errors`.

export const STATUS_REASON_MAX = 300

export const StatusChangeFormSchema = z.object({
  credentialId: z.string({ error: 'required' }).min(1, 'required').max(200, 'invalid'),
  action: z.enum(['revoke', 'suspend', 'unsuspend'], { error: 'invalid' }),
  reason: z.string({ error: 'reasonRequired' }).trim().min(1, 'reasonRequired').max(STATUS_REASON_MAX, 'reasonTooLong'),
})

export type StatusChangeForm = z.output<typeof StatusChangeFormSchema>
