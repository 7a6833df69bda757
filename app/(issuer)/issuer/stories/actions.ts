'use server'
import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { z } from 'zod'
import { requireRole } from '@/lib/auth/guards'
import { AppError, ValidationError } from '@/lib/errors'
import { getRuntime } from '@/lib/runtime'
import { AttestSchema, DeclineSchema, ProposalSchema } from '@/lib/stories/schemas'
import { attestStory, declineStory, proposeEdits } from '@/lib/stories/service'

/** An attester's action refused: message keys per field (stories.json `errors.*`) and what they typed. */
export type AttesterActionState = { ok: false; fieldErrors: Record<string, string[] | undefined>; values: Record<string, string> } | undefined

const valuesOf = (form: FormData) => Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === 'string')) as Record<string, string>

async function run(values: Record<string, string>, fn: () => Promise<unknown>, done: string): Promise<AttesterActionState> {
  try {
    await fn()
  } catch (e) {
    if (e instanceof ValidationError) return { ok: false, fieldErrors: { form: e.fieldErrors.map((f) => f.message) }, values }
    if (e instanceof AppError && ['NOT_FOUND', 'CONFLICT', 'FORBIDDEN'].includes(e.code)) {
      return { ok: false, fieldErrors: { form: [{ NOT_FOUND: 'notFound', CONFLICT: 'alreadyAnswered', FORBIDDEN: 'mayNotIssue' }[e.code as 'NOT_FOUND']] }, values }
    }
    throw e
  }
  revalidatePath('/issuer/stories')
  redirect(`/issuer/stories?done=${done}`)
}

/** Proposes edits to the young person (the three texts and/or the skill label, with a note). */
export async function proposeEditsAction(_: AttesterActionState, form: FormData): Promise<AttesterActionState> {
  const user = await requireRole('counsellor', 'tutor')
  const values = valuesOf(form)
  const input = ProposalSchema.safeParse(values)
  if (!input.success) return { ok: false, fieldErrors: z.flattenError(input.error).fieldErrors, values }
  const { storyId, ...proposal } = input.data
  return run(values, async () => proposeEdits(await getRuntime(), user, storyId, proposal), 'proposed')
}

/** Declines the request with a message the young person reads. */
export async function declineStoryAction(_: AttesterActionState, form: FormData): Promise<AttesterActionState> {
  const user = await requireRole('counsellor', 'tutor')
  const values = valuesOf(form)
  const input = DeclineSchema.safeParse(values)
  if (!input.success) return { ok: false, fieldErrors: z.flattenError(input.error).fieldErrors, values }
  const { storyId, message } = input.data
  return run(values, async () => declineStory(await getRuntime(), user, storyId, { message }), 'declined')
}

/** Issues the story as a skill badge of the attester's organisation, witnessed or assessed. */
export async function attestStoryAction(_: AttesterActionState, form: FormData): Promise<AttesterActionState> {
  const user = await requireRole('counsellor', 'tutor')
  const values = valuesOf(form)
  const input = AttestSchema.safeParse(values)
  if (!input.success) return { ok: false, fieldErrors: z.flattenError(input.error).fieldErrors, values }
  const { storyId, ...attest } = input.data
  return run(values, async () => attestStory(await getRuntime(), user, storyId, attest), 'issued')
}
