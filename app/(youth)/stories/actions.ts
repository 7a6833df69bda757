'use server'
import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { z } from 'zod'
import { requireRole } from '@/lib/auth/guards'
import { AppError, ValidationError } from '@/lib/errors'
import { getRuntime } from '@/lib/runtime'
import {
  RequestAttestationSchema, SelfDeclareSchema, StoryDraftSchema, StoryIdSchema, storyFormValues, type StoryFormValues,
} from '@/lib/stories/schemas'
import { acceptProposal, deleteStory, keepMyText, requestAttestation, saveStory, selfDeclare } from '@/lib/stories/service'

type FieldErrors = Partial<Record<keyof StoryFormValues | 'form', string[]>>
export type StoryFormState = { ok: false; fieldErrors: FieldErrors; values: StoryFormValues } | undefined
/** A story action's refusal: a message key (stories.json `errors.*`) and the parts it is about. */
export type StoryActionState = { ok: false; error: string; fields?: string[] } | undefined

const PATHS: Record<string, keyof StoryFormValues> = { '/skillUri': 'skillLabel', '/experienceId': 'experienceId' }

/**
 * Saves a draft (new, or an edit of a draft or a declined story), then shows it. Field errors come
 * back as message keys with everything typed: nothing is lost.
 */
export async function saveStoryAction(_: StoryFormState, form: FormData): Promise<StoryFormState> {
  const user = await requireRole('youth')
  const values = storyFormValues(form)
  const input = StoryDraftSchema.safeParse(values)
  if (!input.success) return { ok: false, fieldErrors: z.flattenError(input.error).fieldErrors as FieldErrors, values }
  const storyId = values.storyId ? StoryIdSchema.safeParse({ storyId: values.storyId }) : undefined
  if (storyId && !storyId.success) return { ok: false, fieldErrors: { form: ['invalid'] }, values }
  let id: string
  try {
    id = await saveStory(await getRuntime(), user, input.data, storyId?.data.storyId)
  } catch (e) {
    if (e instanceof ValidationError) {
      const fieldErrors: FieldErrors = {}
      for (const f of e.fieldErrors) (fieldErrors[PATHS[f.path] ?? 'form'] ??= []).push(f.message)
      return { ok: false, fieldErrors, values }
    }
    if (e instanceof AppError) return { ok: false, fieldErrors: { form: [e.code === 'CONFLICT' ? 'notEditable' : 'notFound'] }, values }
    throw e
  }
  revalidatePath('/stories')
  redirect(`/stories/${id}`)
}

/** A refusal from the service as a message key; anything else is a bug and is thrown. */
function refusal(e: unknown): StoryActionState {
  if (e instanceof ValidationError) return { ok: false, error: e.fieldErrors[0]?.message ?? 'invalid', fields: e.fieldErrors.map((f) => f.path.slice(1)) }
  if (e instanceof AppError) {
    const key = { NOT_FOUND: 'notFound', CONFLICT: 'conflict', FORBIDDEN: 'attesterUnavailable' }[e.code as string]
    if (key) return { ok: false, error: key }
  }
  throw e
}

async function run(storyId: string, then: string, fn: () => Promise<unknown>): Promise<StoryActionState> {
  try {
    await fn()
  } catch (e) {
    return refusal(e)
  }
  revalidatePath('/stories')
  revalidatePath(`/stories/${storyId}`)
  redirect(then)
}

/** Asks one of the counsellors or tutors who know the young person to attest the story. */
export async function requestAttestationAction(_: StoryActionState, form: FormData): Promise<StoryActionState> {
  const user = await requireRole('youth')
  const input = RequestAttestationSchema.safeParse(Object.fromEntries(form))
  if (!input.success) return { ok: false, error: z.flattenError(input.error).fieldErrors.attesterId?.[0] ?? 'invalid' }
  const { storyId, attesterId } = input.data
  return run(storyId, `/stories/${storyId}`, async () => requestAttestation(await getRuntime(), user, storyId, attesterId))
}

/** Keeps the story as self-declared: a credential signed with the young person's own key, in their wallet. */
export async function selfDeclareAction(_: StoryActionState, form: FormData): Promise<StoryActionState> {
  const user = await requireRole('youth')
  const input = SelfDeclareSchema.safeParse(Object.fromEntries(form))
  if (!input.success) return { ok: false, error: z.flattenError(input.error).fieldErrors.level?.[0] ?? 'invalid' }
  const { storyId, level } = input.data
  return run(storyId, `/stories/${storyId}`, async () => selfDeclare(await getRuntime(), user, storyId, { level }))
}

/** Answers a proposal: `choice` 'accept' takes the attester's text, 'keep' keeps their own. */
export async function answerProposalAction(_: StoryActionState, form: FormData): Promise<StoryActionState> {
  const user = await requireRole('youth')
  const input = StoryIdSchema.extend({ choice: z.enum(['accept', 'keep']) }).safeParse(Object.fromEntries(form))
  if (!input.success) return { ok: false, error: 'invalid' }
  const { storyId, choice } = input.data
  return run(storyId, `/stories/${storyId}`, async () => (choice === 'accept' ? acceptProposal : keepMyText)(await getRuntime(), user, storyId))
}

/** Deletes a draft or a declined story (after the form's confirmation). */
export async function deleteStoryAction(_: StoryActionState, form: FormData): Promise<StoryActionState> {
  const user = await requireRole('youth')
  const input = StoryIdSchema.safeParse(Object.fromEntries(form))
  if (!input.success) return { ok: false, error: 'invalid' }
  const { storyId } = input.data
  return run(storyId, '/stories', async () => deleteStory(await getRuntime(), user, storyId))
}
