import { z } from 'zod'
import { PROFILE_SECTIONS } from '@/lib/profile/schemas'

// Form input for portfolio shares, shared by the form (limits, defaults) and the action.
// Error messages are KEYS of the `shares` namespace (`form.errors.<key>`), translated in the UI.

export const ABOUT_MAX = 600
export const LABEL_MAX = 80
export const EXPIRY_CHOICES = [7, 30, 90] as const
export const DEFAULT_EXPIRY_DAYS = 30
export const MAX_SHARED_CREDENTIALS = 20

export const CreateShareSchema = z.object({
  credentialIds: z.array(z.string().min(1).max(200)).min(1, 'pickOne').max(MAX_SHARED_CREDENTIALS, 'tooMany'),
  about: z.string().trim().max(ABOUT_MAX, 'aboutTooLong'),
  label: z.string().trim().min(1, 'labelRequired').max(LABEL_MAX, 'labelTooLong'),
  /** Profile sections shown besides the credentials, in the young person's own words. */
  sections: z.array(z.enum(PROFILE_SECTIONS, { error: 'sectionInvalid' })).max(PROFILE_SECTIONS.length, 'sectionInvalid').default([]),
  expiresInDays: z.coerce.number().pipe(z.union(EXPIRY_CHOICES.map((d) => z.literal(d)) as [z.ZodLiteral<7>, z.ZodLiteral<30>, z.ZodLiteral<90>], { error: 'expiryInvalid' })),
})
export type CreateShareInput = Omit<z.infer<typeof CreateShareSchema>, 'sections'> & Partial<Pick<z.infer<typeof CreateShareSchema>, 'sections'>>

/** FormData → the schema's input (checkboxes arrive as repeated `credentialIds`). */
export function shareFormValues(form: FormData) {
  return {
    credentialIds: form.getAll('credentialIds').filter((v): v is string => typeof v === 'string'),
    about: String(form.get('about') ?? ''),
    label: String(form.get('label') ?? ''),
    expiresInDays: String(form.get('expiresInDays') ?? DEFAULT_EXPIRY_DAYS),
    sections: form.getAll('sections').filter((v): v is string => typeof v === 'string'),
  }
}

export const ShareIdSchema = z.object({ shareId: z.string().uuid() })
export const CredentialIdSchema = z.object({ credentialId: z.string().min(1).max(200) })
