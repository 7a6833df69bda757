'use server'
import { revalidatePath } from 'next/cache'
import { requireRole } from '@/lib/auth/guards'
import { AppError } from '@/lib/errors'
import type { FieldErrors } from '@/lib/onboarding/form-errors'
import { zodFieldErrors } from '@/lib/onboarding/form-errors'
import { getRuntime } from '@/lib/runtime'
import { StatusChangeFormSchema } from '@/lib/status/schemas'
import type { StatusAction } from '@/lib/status/service'
import { changeIssuedCredentialStatus } from '@/lib/status/staff'

export type StatusFormState =
  | { ok: true; action: StatusAction; changed: boolean; at: number }
  | { ok: false; fieldErrors: FieldErrors; values: { action: string; reason: string }; at: number }
  | undefined

/**
 * Revokes, suspends or lifts the suspension of a credential the user's organisation issued, with
 * a required reason. Another organisation's credential gets the same answer as an unknown one.
 */
export async function changeStatusAction(_: StatusFormState, form: FormData): Promise<StatusFormState> {
  const user = await requireRole('counsellor', 'tutor')
  const text = (name: string) => (typeof form.get(name) === 'string' ? (form.get(name) as string) : '')
  const values = { action: text('action'), reason: text('reason').slice(0, 1000) }
  const fail = (fieldErrors: FieldErrors): StatusFormState => ({ ok: false, fieldErrors, values, at: Date.now() })
  const parsed = StatusChangeFormSchema.safeParse({ credentialId: text('credentialId'), action: text('action'), reason: text('reason') })
  if (!parsed.success) return fail(zodFieldErrors(parsed.error))
  try {
    const change = await changeIssuedCredentialStatus(await getRuntime(), user, parsed.data)
    revalidatePath('/issuer/issued')
    return { ok: true, action: change.action, changed: change.changed, at: Date.now() }
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') return fail({ _form: ['notFound'] })
    if (e instanceof AppError && e.code === 'CONFLICT') return fail({ _form: ['conflict'] })
    throw e
  }
}
