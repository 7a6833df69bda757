'use server'
import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { requireRole } from '@/lib/auth/guards'
import { ContactRequestSchema } from '@/lib/directory/schemas'
import { sendContactRequest, type ContactRequestDto } from '@/lib/directory/service'
import { AppError } from '@/lib/errors'
import { getRuntime } from '@/lib/runtime'

export type ContactRequestState =
  | { ok: true }
  | { ok: false; fieldErrors: { message?: string[]; form?: string[] }; values: { message: string }; existing?: ContactRequestDto }
  | undefined

/**
 * Sends a contact request to the young person behind a handle. Errors come back as message keys
 * of the `directory` namespace, with what was typed. Nothing returned names the young person.
 */
export async function sendContactRequestAction(_: ContactRequestState, form: FormData): Promise<ContactRequestState> {
  const user = await requireRole('recruiter')
  const values = { message: String(form.get('message') ?? '').slice(0, 5000) }
  const input = ContactRequestSchema.safeParse({ handle: String(form.get('handle') ?? ''), message: values.message })
  if (!input.success) {
    const errors = z.flattenError(input.error).fieldErrors
    return { ok: false, fieldErrors: { message: errors.message, form: errors.handle ? ['notFound'] : undefined }, values }
  }
  try {
    await sendContactRequest(await getRuntime(), user, input.data)
  } catch (e) {
    if (!(e instanceof AppError)) throw e
    const details = e.details as { reason?: string; request?: ContactRequestDto } | undefined
    if (e.code === 'NOT_FOUND') return { ok: false, fieldErrors: { form: ['notFound'] }, values }
    if (e.code === 'FORBIDDEN') return { ok: false, fieldErrors: { form: ['organisationNotApproved'] }, values }
    if (e.code === 'CONFLICT' && details?.reason === 'rateLimited') return { ok: false, fieldErrors: { form: ['rateLimited'] }, values }
    if (e.code === 'CONFLICT') return { ok: false, fieldErrors: { form: ['alreadySent'] }, values, existing: details?.request ?? undefined }
    throw e
  }
  revalidatePath(`/directory/${input.data.handle}`)
  revalidatePath('/contacts')
  return { ok: true }
}
