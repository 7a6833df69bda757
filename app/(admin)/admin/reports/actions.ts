'use server'
import { revalidatePath } from 'next/cache'
import { notFound } from 'next/navigation'
import { requireRole } from '@/lib/auth/guards'
import { resolveReport } from '@/lib/contacts/reports'
import { ResolveReportSchema } from '@/lib/contacts/schemas'
import { AppError } from '@/lib/errors'
import { zodFieldErrors, type FieldErrors } from '@/lib/onboarding/form-errors'
import { getRuntime } from '@/lib/runtime'

export type ResolveState = { ok: boolean; fieldErrors: FieldErrors; note: string; at: number } | undefined

/** The admin resolves an open report with a note. */
export async function resolveReportAction(_: ResolveState, form: FormData): Promise<ResolveState> {
  const user = await requireRole('admin')
  const raw = { reportId: String(form.get('reportId') ?? '').slice(0, 200), note: String(form.get('note') ?? '').slice(0, 2000) }
  const input = ResolveReportSchema.safeParse(raw)
  if (!input.success) return { ok: false, fieldErrors: zodFieldErrors(input.error), note: raw.note, at: Date.now() }
  try {
    await resolveReport(await getRuntime(), user, input.data)
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') notFound()
    if (e instanceof AppError && e.code === 'CONFLICT') return { ok: false, fieldErrors: { _form: ['alreadyResolved'] }, note: raw.note, at: Date.now() }
    throw e
  }
  revalidatePath('/admin/reports')
  return { ok: true, fieldErrors: {}, note: '', at: Date.now() }
}
