import { z } from 'zod'
import { NewPasswordSchema } from '@/lib/auth/schemas'
import { USERNAME_PATTERN } from '@/lib/onboarding/schemas'
import { ORGANISATION_KINDS } from './service'
import { SLUG_PATTERN, slugify } from './slug'

// Form input of the registry (shared by the forms and their actions). Messages are keys of the
// `auth.register.errors` / `admin.errors` messages, translated in the UI.

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)
const text = (min: number, max: number) => z.string({ error: 'required' }).trim().min(1, { error: 'required', abort: true }).min(min, 'tooShort').max(max, 'tooLong')

/**
 * An organisation registering itself, with its first staff member: a counsellor for a
 * youth-support or training organisation, an employer tutor for an employer. An empty slug is
 * derived from the name.
 */
export const RegisterOrganisationSchema = z.object({
  organisationName: text(2, 200),
  slug: z.string().optional(),
  kind: z.enum(ORGANISATION_KINDS, { error: 'chooseKind' }),
  region: z.preprocess(blankToUndefined, z.string().trim().max(100, 'tooLong').optional()),
  displayName: text(2, 100),
  username: z.string({ error: 'required' }).trim().toLowerCase().min(1, { error: 'required', abort: true }).regex(USERNAME_PATTERN, 'invalidUsername'),
  email: z.string({ error: 'required' }).trim().min(1, { error: 'required', abort: true }).pipe(z.email('invalidEmail').max(200, 'tooLong')),
  password: NewPasswordSchema,
  confirm: z.string({ error: 'required' }),
})
  .transform((v) => ({ ...v, slug: (v.slug?.trim().toLowerCase() || slugify(v.organisationName)) }))
  .refine((v) => SLUG_PATTERN.test(v.slug), { path: ['slug'], message: 'invalidSlug' })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'passwordsDiffer' })

export type RegisterOrganisationInput = z.output<typeof RegisterOrganisationSchema>

/** The role of an organisation's first staff member. */
export const firstStaffRole = (kind: string): 'counsellor' | 'tutor' => (kind === 'employer' ? 'tutor' : 'counsellor')

export const SuspendFormSchema = z.object({
  slug: z.string().min(1),
  reason: z.string({ error: 'reasonRequired' }).trim().min(1, { error: 'reasonRequired', abort: true }).min(3, 'reasonTooShort').max(500, 'reasonTooLong'),
})

export const OrganisationFormSchema = z.object({ slug: z.string().min(1).max(50) })
