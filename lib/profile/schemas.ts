import { z } from 'zod'

// Form input of the young person's profile: the path (experiences), goals, region, availability,
// languages. Error messages are KEYS of the `profile` namespace (`errors.<key>`), translated in the UI.

// The lists stored in enum-like columns come from db/enums.ts (decision 037).
import { AVAILABILITIES, EXPERIENCE_KINDS, PROFILE_SECTIONS, type Availability, type ExperienceKind, type ProfileSection } from '@/db/enums'
export { AVAILABILITIES, EXPERIENCE_KINDS, PROFILE_SECTIONS, type Availability, type ExperienceKind, type ProfileSection }
export const LANGUAGE_LEVELS = ['basic', 'fluent', 'native'] as const
export type LanguageLevel = (typeof LANGUAGE_LEVELS)[number]
/** Languages offered in the picker (BCP 47); names come from Intl.DisplayNames in the UI language. */
export const LANGUAGE_CODES = ['fr', 'en', 'ar', 'es', 'pt', 'it', 'de', 'nl', 'tr', 'ro', 'pl', 'ru', 'uk', 'zh', 'vi', 'wo', 'bm', 'kab', 'ln', 'sw', 'ta', 'fa', 'ps', 'sq', 'hy', 'ka', 'ff', 'so', 'ti'] as const

export const TITLE_MAX = 120
export const PLACE_MAX = 120
export const TEXT_MAX = 1000
export const MAX_EXPERIENCES = 50
export const MAX_GOALS = 5
export const GOAL_MAX = 120
export const REGION_MAX = 80
export const MAX_LANGUAGES = 10
export const MAX_LINKED_CREDENTIALS = 50

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/

/** 'YYYY-MM' of a date (UTC). */
export const monthOf = (d: Date) => d.toISOString().slice(0, 7)

const month = (requiredKey: string) => z.string().trim().min(1, requiredKey).regex(MONTH_RE, 'monthInvalid')
  .refine((m) => Number(m.slice(0, 4)) >= 1950, 'monthInvalid')

/** An experience as the form sends it; `now` decides which months are in the future. */
export function experienceSchema(now = new Date()) {
  const current = monthOf(now)
  return z.object({
    kind: z.enum(EXPERIENCE_KINDS, { error: 'kindRequired' }),
    title: z.string().trim().min(1, 'titleRequired').max(TITLE_MAX, 'titleTooLong'),
    place: z.string().trim().max(PLACE_MAX, 'placeTooLong'),
    startedOn: month('startRequired').refine((m) => m <= current, 'startInFuture'),
    ongoing: z.boolean(),
    endedOn: z.string().trim(),
    whatIDid: z.string().trim().max(TEXT_MAX, 'textTooLong'),
    whatILearned: z.string().trim().max(TEXT_MAX, 'textTooLong'),
    credentialIds: z.array(z.string().min(1).max(200)).max(MAX_LINKED_CREDENTIALS, 'tooManyCredentials'),
  }).superRefine((v, ctx) => {
    if (v.ongoing) return
    if (!v.endedOn) ctx.addIssue({ code: 'custom', path: ['endedOn'], message: 'endRequired' })
    else if (!MONTH_RE.test(v.endedOn)) ctx.addIssue({ code: 'custom', path: ['endedOn'], message: 'monthInvalid' })
    else if (MONTH_RE.test(v.startedOn) && v.endedOn < v.startedOn) ctx.addIssue({ code: 'custom', path: ['endedOn'], message: 'endBeforeStart' })
  }).transform(({ ongoing, endedOn, ...rest }) => ({ ...rest, endedOn: ongoing ? null : endedOn }))
}
export type ExperienceInput = z.output<ReturnType<typeof experienceSchema>>

/** FormData → the experience schema's input. Month fields come as separate month and year selects. */
export function experienceFormValues(form: FormData) {
  const str = (k: string) => String(form.get(k) ?? '')
  const ym = (prefix: string) => {
    const y = str(`${prefix}Year`).trim()
    const m = str(`${prefix}Month`).trim()
    return y || m ? `${y}-${m.padStart(2, '0')}` : ''
  }
  return {
    kind: str('kind'),
    title: str('title'),
    place: str('place'),
    startedOn: ym('start'),
    ongoing: form.get('ongoing') === 'on',
    endedOn: ym('end'),
    whatIDid: str('whatIDid'),
    whatILearned: str('whatILearned'),
    credentialIds: form.getAll('credentialIds').filter((v): v is string => typeof v === 'string'),
  }
}
export type ExperienceFormValues = ReturnType<typeof experienceFormValues>

const goalSchema = z.object({
  occupationUri: z.string().trim().max(300).regex(/^https?:\/\/\S+$/, 'goalInvalid').nullable(),
  label: z.string().trim().min(1, 'goalRequired').max(GOAL_MAX, 'goalTooLong'),
})

export const GoalsSchema = z.object({
  goals: z.array(goalSchema).max(MAX_GOALS, 'tooManyGoals'),
  region: z.string().trim().max(REGION_MAX, 'regionTooLong'),
  availability: z.union([z.enum(AVAILABILITIES), z.literal('')], { error: 'availabilityInvalid' }),
  languages: z.array(z.object({
    code: z.enum(LANGUAGE_CODES, { error: 'languageInvalid' }),
    level: z.enum(LANGUAGE_LEVELS, { error: 'levelInvalid' }),
  })).max(MAX_LANGUAGES, 'tooManyLanguages')
    .refine((list) => new Set(list.map((l) => l.code)).size === list.length, 'languageTwice'),
})
export type GoalsInput = z.infer<typeof GoalsSchema>

/** FormData → the goals schema's input: goals and languages arrive as repeated JSON fields. */
export function goalsFormValues(form: FormData) {
  const json = (k: string) => form.getAll(k).filter((v): v is string => typeof v === 'string').slice(0, 50).map((v) => {
    try {
      return JSON.parse(v) as unknown
    } catch {
      return null
    }
  })
  return {
    goals: json('goals') as { occupationUri: string | null; label: string }[],
    region: String(form.get('region') ?? ''),
    availability: String(form.get('availability') ?? ''),
    languages: json('languages') as { code: string; level: string }[],
  }
}
export type GoalsFormValues = ReturnType<typeof goalsFormValues>

export const ExperienceIdSchema = z.object({ experienceId: z.string().uuid() })
export const SectionsSchema = z.array(z.enum(PROFILE_SECTIONS)).max(PROFILE_SECTIONS.length)
