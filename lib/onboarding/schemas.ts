import { z } from 'zod'
import { NewPasswordSchema } from '@/lib/auth/schemas'

// Form input of onboarding (shared by the forms and their actions). Messages are keys of the
// `onboarding.errors` messages, translated in the UI.

/** A trimmed optional text: an empty field is "not given". */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim()) : v), schema.optional())

const text = (min: number, max: number) => z.string({ error: 'required' }).trim().min(1, { error: 'required', abort: true }).min(min, 'tooShort').max(max, 'tooLong')

export const USERNAME_PATTERN = /^[a-z0-9](?:[a-z0-9._-]{1,38}[a-z0-9])$/

const Username = z.string({ error: 'required' }).trim().toLowerCase().min(1, { error: 'required', abort: true }).regex(USERNAME_PATTERN, 'invalidUsername')
const Email = z.email('invalidEmail').max(200, 'tooLong')

export const CreateYoungPersonSchema = z.object({
  displayName: text(2, 100),
  username: optional(Username),
  email: optional(Email),
})

const passwords = { password: NewPasswordSchema, confirm: z.string({ error: 'required' }) }
const samePasswords = (v: { password: string; confirm: string }) => v.password === v.confirm
const differ = { path: ['confirm'], message: 'passwordsDiffer' }

export const ActivateSchema = z.object({ token: z.string(), ...passwords }).refine(samePasswords, differ)

/** What a counsellor or tutor may invite into their own organisation. */
export const STAFF_INVITABLE_ROLES = ['tutor', 'recruiter'] as const
/** What the admin may invite into any organisation. */
export const ADMIN_INVITABLE_ROLES = ['counsellor', 'tutor', 'recruiter'] as const

export const InvitationSchema = z.object({
  role: z.enum(STAFF_INVITABLE_ROLES, { error: 'required' }),
  email: optional(Email),
})

export const AdminInvitationSchema = z.object({
  organisationId: z.string({ error: 'required' }).min(1, 'required'),
  role: z.enum(ADMIN_INVITABLE_ROLES, { error: 'required' }),
  email: optional(Email),
})

export const JoinSchema = z.object({
  token: z.string(),
  displayName: text(2, 100),
  username: Username,
  email: optional(Email),
  ...passwords,
}).refine(samePasswords, differ)

export type CreateYoungPersonInput = z.output<typeof CreateYoungPersonSchema>
export type JoinInput = z.output<typeof JoinSchema>
