'use server'
import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { z } from 'zod'
import { requireRole } from '@/lib/auth/guards'
import { AppError, ValidationError } from '@/lib/errors'
import {
  experienceFormValues, experienceSchema, ExperienceIdSchema, goalsFormValues, GoalsSchema,
  type ExperienceFormValues, type GoalsFormValues,
} from '@/lib/profile/schemas'
import { createExperience, deleteExperience, getExperienceOrThrow, saveGoals, updateExperience } from '@/lib/profile/service'
import { getRuntime } from '@/lib/runtime'

type FieldErrors<V> = Partial<Record<keyof V | 'form', string[]>>

export type ExperienceState = { ok: false; fieldErrors: FieldErrors<ExperienceFormValues>; values: ExperienceFormValues } | undefined

/**
 * Adds an experience, or edits one when the form carries its `experienceId`; then back to the
 * profile. Field errors come back as message keys, with what was typed.
 */
export async function saveExperienceAction(_: ExperienceState, form: FormData): Promise<ExperienceState> {
  const user = await requireRole('youth')
  const values = experienceFormValues(form)
  const rawId = form.get('experienceId')
  const id = rawId ? ExperienceIdSchema.safeParse({ experienceId: rawId }) : undefined
  if (id && !id.success) return { ok: false, fieldErrors: { form: ['invalid'] }, values }
  const input = experienceSchema().safeParse(values)
  if (!input.success) return { ok: false, fieldErrors: z.flattenError(input.error).fieldErrors as FieldErrors<ExperienceFormValues>, values }
  const rt = await getRuntime()
  const experienceId = id?.success ? id.data.experienceId : undefined
  // Another's experience reads as absent, whatever else the form says.
  if (experienceId && !(await owns(rt, user, experienceId))) return { ok: false, fieldErrors: { form: ['notFound'] }, values }
  try {
    if (experienceId) await updateExperience(rt, user, experienceId, input.data)
    else await createExperience(rt, user, input.data)
  } catch (e) {
    // A credential that is not theirs (or went meanwhile): the same answer as an absent one.
    if (e instanceof AppError && e.code === 'NOT_FOUND') return { ok: false, fieldErrors: { credentialIds: ['credentialUnavailable'] }, values }
    if (e instanceof ValidationError) return { ok: false, fieldErrors: { form: e.fieldErrors.map((f) => f.message) }, values }
    throw e
  }
  revalidatePath('/profile')
  redirect('/profile')
}

async function owns(rt: Awaited<ReturnType<typeof getRuntime>>, user: { id: string; role: string }, id: string): Promise<boolean> {
  try {
    await getExperienceOrThrow(rt, user, id)
    return true
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') return false
    throw e
  }
}

export type DeleteExperienceState = { ok: false; error: 'invalid' | 'notFound' } | undefined

/** Deletes one of the young person's experiences (after the form's confirmation); then back to the profile. */
export async function deleteExperienceAction(_: DeleteExperienceState, form: FormData): Promise<DeleteExperienceState> {
  const user = await requireRole('youth')
  const input = ExperienceIdSchema.safeParse(Object.fromEntries(form))
  if (!input.success) return { ok: false, error: 'invalid' }
  try {
    await deleteExperience(await getRuntime(), user, input.data.experienceId)
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') return { ok: false, error: 'notFound' }
    throw e
  }
  revalidatePath('/profile')
  redirect('/profile')
}

export type GoalsState = { ok: false; fieldErrors: FieldErrors<GoalsFormValues>; values: GoalsFormValues } | undefined

/** Saves goals, region, availability and languages; then back to the profile. */
export async function saveGoalsAction(_: GoalsState, form: FormData): Promise<GoalsState> {
  const user = await requireRole('youth')
  const values = goalsFormValues(form)
  const input = GoalsSchema.safeParse(values)
  if (!input.success) return { ok: false, fieldErrors: z.flattenError(input.error).fieldErrors as FieldErrors<GoalsFormValues>, values }
  try {
    await saveGoals(await getRuntime(), user, input.data)
  } catch (e) {
    if (e instanceof ValidationError) return { ok: false, fieldErrors: { goals: e.fieldErrors.map((f) => f.message) }, values }
    throw e
  }
  revalidatePath('/profile')
  redirect('/profile')
}
