'use server'
import { revalidatePath } from 'next/cache'
import { notFound, redirect } from 'next/navigation'
import { requireRole } from '@/lib/auth/guards'
import { BlockSchema, DecideSchema, ReportSchema, SendMessageSchema } from '@/lib/contacts/schemas'
import { blockRecruiter, decideRequest, reportRecruiter, sendMessage } from '@/lib/contacts/service'
import { AppError, ValidationError } from '@/lib/errors'
import { keepValues, validationFieldErrors, zodFieldErrors, type FieldErrors } from '@/lib/onboarding/form-errors'
import { getRuntime } from '@/lib/runtime'

/** What a contacts form gets back: field errors as message keys (contacts.json `errors.*`) and the text typed. */
export type ContactActionState = { ok: boolean; fieldErrors: FieldErrors; values: Record<string, string>; at: number } | undefined

const failed = (fieldErrors: FieldErrors, values: Record<string, string> = {}): ContactActionState => ({ ok: false, fieldErrors, values, at: Date.now() })

/** A service refusal as the form shows it; NOT_FOUND is a 404 (another person's contact looks like none). */
function refusal(e: unknown, values: Record<string, string> = {}): ContactActionState {
  if (e instanceof ValidationError) return failed(validationFieldErrors(e), values)
  if (e instanceof AppError && e.code === 'NOT_FOUND') notFound()
  if (e instanceof AppError && e.code === 'CONFLICT') return failed({ _form: ['alreadyDecided'] }, values)
  if (e instanceof AppError && e.code === 'FORBIDDEN') return failed({ _form: ['closed'] }, values)
  throw e
}

/** The young person accepts (then opens the conversation) or declines a request. */
export async function decideAction(_: ContactActionState, form: FormData): Promise<ContactActionState> {
  const user = await requireRole('youth')
  const input = DecideSchema.safeParse(keepValues(form, ['contactId', 'decision']))
  if (!input.success) return failed(zodFieldErrors(input.error))
  let status
  try {
    status = await decideRequest(await getRuntime(), user, input.data)
  } catch (e) {
    return refusal(e)
  }
  revalidatePath('/contacts')
  if (status === 'accepted') redirect(`/contacts/${encodeURIComponent(input.data.contactId)}`)
  return { ok: true, fieldErrors: {}, values: {}, at: Date.now() }
}

/** The young person blocks the recruiter of one of their requests. */
export async function blockAction(_: ContactActionState, form: FormData): Promise<ContactActionState> {
  const user = await requireRole('youth')
  const input = BlockSchema.safeParse(keepValues(form, ['contactId']))
  if (!input.success) return failed(zodFieldErrors(input.error))
  try {
    await blockRecruiter(await getRuntime(), user, input.data)
  } catch (e) {
    return refusal(e)
  }
  revalidatePath('/contacts')
  return { ok: true, fieldErrors: {}, values: {}, at: Date.now() }
}

/** The young person reports the recruiter (reason + details), blocking them too if they ticked it. */
export async function reportAction(_: ContactActionState, form: FormData): Promise<ContactActionState> {
  const user = await requireRole('youth')
  const values = { ...keepValues(form, ['contactId', 'reason', 'block']), details: String(form.get('details') ?? '').slice(0, 4000) }
  const input = ReportSchema.safeParse(values)
  if (!input.success) return failed(zodFieldErrors(input.error), values)
  try {
    await reportRecruiter(await getRuntime(), user, input.data)
  } catch (e) {
    return refusal(e, values)
  }
  revalidatePath('/contacts')
  return { ok: true, fieldErrors: {}, values: {}, at: Date.now() }
}

/** Either party of an accepted contact sends a plain-text message. */
export async function sendMessageAction(_: ContactActionState, form: FormData): Promise<ContactActionState> {
  const user = await requireRole('youth', 'recruiter')
  const values = { contactId: String(form.get('contactId') ?? '').slice(0, 200), body: String(form.get('body') ?? '').slice(0, 4000) }
  const input = SendMessageSchema.safeParse(values)
  if (!input.success) return failed(zodFieldErrors(input.error), values)
  try {
    await sendMessage(await getRuntime(), user, input.data)
  } catch (e) {
    return refusal(e, values)
  }
  revalidatePath(`/contacts/${input.data.contactId}`)
  return { ok: true, fieldErrors: {}, values: {}, at: Date.now() }
}
