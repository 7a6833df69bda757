'use server'
import { cookies } from 'next/headers'
import { revalidatePath } from 'next/cache'
import { notFound, redirect } from 'next/navigation'
import { z } from 'zod'
import { requireRole } from '@/lib/auth/guards'
import { issueNextChunk, previewCsvBatch, previewSelectionBatch, retryFailedRows, type BulkProgressDto } from '@/lib/bulk/service'
import { MAX_FILE_BYTES, type CsvFileError } from '@/lib/bulk/csv'
import { chooseRepeats } from '@/lib/bulk/repeats'
import { repeatChoiceFromForm } from '@/lib/bulk/schemas'
import { AppError, ValidationError } from '@/lib/errors'
import { isLocale, LOCALE_COOKIE } from '@/lib/i18n/config'
import { claimErrorsToFields, formValues, type FormValues } from '@/lib/issuing/issue-form'
import type { FieldErrors } from '@/lib/onboarding/form-errors'
import { PilotFormSchema } from '@/lib/pilots/schemas'
import { addPilotMembers, addPilotPartner, createPilot, removePilotMember, removePilotPartner, updatePilot } from '@/lib/pilots/service'
import { getRuntime } from '@/lib/runtime'
import { requestLogger } from '@/lib/log'

// Pilot actions and bulk issuing. Counsellors only (decision 012): every action checks the role
// here, and the services check the organisation, its approval, and ownership again.

export type PilotFormState = { fieldErrors: FieldErrors; values: FormValues; at: number } | undefined

const uiLocale = async () => {
  const c = (await cookies()).get(LOCALE_COOKIE)?.value
  return isLocale(c) ? c : 'fr'
}

/** Refusals the services raise become Next's answers: another organisation's pilot is a 404. */
function rethrow(e: unknown): never {
  if (e instanceof AppError && e.code === 'NOT_FOUND') notFound()
  throw e
}

/** Creates a pilot (no `pilotId`) or saves its edits, then shows it. */
export async function savePilotAction(_: PilotFormState, form: FormData): Promise<PilotFormState> {
  const user = await requireRole('counsellor')
  const values = formValues(form)
  const parsed = PilotFormSchema.safeParse(values)
  if (!parsed.success) return { fieldErrors: z.flattenError(parsed.error).fieldErrors as FieldErrors, values, at: Date.now() }
  const rt = await getRuntime()
  const pilotId = typeof values.pilotId === 'string' && values.pilotId ? values.pilotId : undefined
  let id: string
  try {
    if (pilotId) {
      await updatePilot(rt, user, pilotId, parsed.data)
      id = pilotId
    } else {
      id = (await createPilot(rt, user, parsed.data)).id
    }
  } catch (e) {
    if (e instanceof AppError && e.code === 'FORBIDDEN') return { fieldErrors: { _form: ['organisationNotApproved'] }, values, at: Date.now() }
    rethrow(e)
  }
  revalidatePath('/issuer/pilots')
  redirect(`/issuer/pilots/${encodeURIComponent(id)}`)
}

const str = (form: FormData, key: string) => {
  const v = form.get(key)
  return typeof v === 'string' ? v : ''
}

/** Plain form posts on the pilot's page (members, partners); the page shows the result. */
export async function changeMembershipAction(form: FormData): Promise<void> {
  const user = await requireRole('counsellor')
  const rt = await getRuntime()
  const pilotId = str(form, 'pilotId')
  const intent = str(form, 'intent')
  try {
    if (intent === 'addMembers') await addPilotMembers(rt, user, pilotId, form.getAll('userId').filter((v): v is string => typeof v === 'string').slice(0, 1000))
    else if (intent === 'removeMember') await removePilotMember(rt, user, pilotId, str(form, 'userId'))
    else if (intent === 'addPartner') await addPilotPartner(rt, user, pilotId, str(form, 'organisationId'))
    else if (intent === 'removePartner') await removePilotPartner(rt, user, pilotId, str(form, 'organisationId'))
    else throw new AppError('BAD_REQUEST', 'Unknown intent')
  } catch (e) {
    rethrow(e)
  }
  revalidatePath(`/issuer/pilots/${pilotId}`)
  redirect(`/issuer/pilots/${encodeURIComponent(pilotId)}?saved=${intent}`)
}

export type BulkUploadState = { error?: CsvFileError | { key: 'fileMissing' } | { key: 'organisationNotApproved' }; at: number } | undefined

/** Step 1 from a CSV file: checks every row and shows the preview. Nothing is signed. */
export async function previewCsvAction(_: BulkUploadState, form: FormData): Promise<BulkUploadState> {
  const user = await requireRole('counsellor')
  const pilotId = str(form, 'pilotId')
  const file = form.get('file')
  if (!(file instanceof File) || file.size === 0) return { error: { key: 'fileMissing' }, at: Date.now() }
  if (file.size > MAX_FILE_BYTES) return { error: { key: 'fileTooLarge' }, at: Date.now() }
  // The bytes as uploaded: lib/bulk finds their encoding (never decoded here, where a wrong guess would be silent).
  const bytes = new Uint8Array(await file.arrayBuffer())
  let batchId: string
  try {
    const result = await previewCsvBatch(await getRuntime(), user, { pilotId, fileName: file.name, bytes, uiLocale: await uiLocale() })
    if (!result.ok) return { error: result.error, at: Date.now() }
    batchId = result.batchId
  } catch (e) {
    if (e instanceof AppError && e.code === 'FORBIDDEN') return { error: { key: 'organisationNotApproved' }, at: Date.now() }
    rethrow(e)
  }
  redirect(`/issuer/pilots/${encodeURIComponent(pilotId)}/bulk/${encodeURIComponent(batchId)}`)
}

export type SelectionState = { fieldErrors: FieldErrors; values: FormValues; at: number } | undefined

/** Step 1 for chosen participants: the same badge for each; then the preview. */
export async function previewSelectionAction(_: SelectionState, form: FormData): Promise<SelectionState> {
  const user = await requireRole('counsellor')
  const values = formValues(form)
  const pilotId = str(form, 'pilotId')
  const userIds = form.getAll('userId').filter((v): v is string => typeof v === 'string').slice(0, 1001)
  const edit = (fieldErrors: FieldErrors): SelectionState => ({ fieldErrors, values: { ...values, userId: userIds }, at: Date.now() })
  let batchId: string
  try {
    batchId = (await previewSelectionBatch(await getRuntime(), user, { pilotId, userIds, values, uiLocale: await uiLocale() })).batchId
  } catch (e) {
    if (e instanceof ValidationError) return edit(e.fieldErrors.some((f) => f.path === '/userIds') ? { userId: ['required'] } : claimErrorsToFields(e.fieldErrors))
    if (e instanceof AppError && e.code === 'FORBIDDEN') return edit({ _form: ['organisationNotApproved'] })
    if (e instanceof AppError && e.code === 'BAD_REQUEST') return edit({ userId: ['tooManyItems:1000'] })
    rethrow(e)
  }
  redirect(`/issuer/pilots/${encodeURIComponent(pilotId)}/bulk/${encodeURIComponent(batchId)}`)
}

export type ChunkResult = { ok: true; progress: BulkProgressDto } | { ok: false; error: 'forbidden' | 'notFound' | 'failed' }

/**
 * Step 2: issues the next chunk (at most ~8 s of signing) and returns the progress; the page
 * calls it again until the batch is done. Safe to repeat: a row is never issued twice.
 */
export async function issueChunkAction(batchId: string): Promise<ChunkResult> {
  const user = await requireRole('counsellor')
  try {
    return { ok: true, progress: await issueNextChunk(await getRuntime(), user, batchId) }
  } catch (e) {
    if (e instanceof AppError && e.code === 'FORBIDDEN') return { ok: false, error: 'forbidden' }
    if (e instanceof AppError && e.code === 'NOT_FOUND') return { ok: false, error: 'notFound' }
    const log = await requestLogger()
    log.error({ err: e, batchId }, 'bulk chunk failed')
    return { ok: false, error: 'failed' }
  }
}

/** The rows repeating a badge: skipped (the default) or issued again on purpose, for the batch or row by row. */
export async function chooseRepeatsAction(form: FormData): Promise<void> {
  const user = await requireRole('counsellor')
  const pilotId = str(form, 'pilotId')
  const batchId = str(form, 'batchId')
  const choice = repeatChoiceFromForm(form)
  if (!choice) throw new AppError('BAD_REQUEST', 'Unknown choice')
  try {
    await chooseRepeats(await getRuntime(), user, batchId, choice)
  } catch (e) {
    rethrow(e)
  }
  redirect(`/issuer/pilots/${encodeURIComponent(pilotId)}/bulk/${encodeURIComponent(batchId)}?chosen=1`)
}

/** Puts the rows that failed at issue time back in line. */
export async function retryFailedAction(form: FormData): Promise<void> {
  const user = await requireRole('counsellor')
  const pilotId = str(form, 'pilotId')
  const batchId = str(form, 'batchId')
  try {
    await retryFailedRows(await getRuntime(), user, batchId)
  } catch (e) {
    rethrow(e)
  }
  redirect(`/issuer/pilots/${encodeURIComponent(pilotId)}/bulk/${encodeURIComponent(batchId)}?resume=1`)
}
