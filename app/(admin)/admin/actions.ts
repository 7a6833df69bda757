'use server'
import { revalidatePath } from 'next/cache'
import { notFound } from 'next/navigation'
import type { InvitationState } from '@/app/(issuer)/issuer/team/actions'
import { requireRole } from '@/lib/auth/guards'
import { AppError } from '@/lib/errors'
import { keepValues, zodFieldErrors } from '@/lib/onboarding/form-errors'
import { AdminInvitationSchema } from '@/lib/onboarding/schemas'
import { createInvitation, qrCodeSvg, revokeInvitation } from '@/lib/onboarding/service'
import { getRuntime } from '@/lib/runtime'

/** The admin invites a counsellor, tutor or recruiter into any organisation. */
export async function createAdminInvitationAction(_: InvitationState, form: FormData): Promise<InvitationState> {
  const user = await requireRole('admin')
  const values = keepValues(form, ['organisationId', 'role', 'email'])
  const input = AdminInvitationSchema.safeParse(values)
  if (!input.success) return { ok: false, fieldErrors: zodFieldErrors(input.error), values }
  try {
    const link = await createInvitation(await getRuntime(), user, input.data)
    revalidatePath('/admin')
    return { ok: true, handover: { ...link, email: input.data.email ?? null, qrSvg: await qrCodeSvg(link.url) } }
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') return { ok: false, fieldErrors: { organisationId: ['unknownOrganisation'] }, values }
    throw e
  }
}

/** The admin withdraws any pending invitation. */
export async function revokeAdminInvitationAction(form: FormData): Promise<void> {
  const user = await requireRole('admin')
  try {
    await revokeInvitation(await getRuntime(), user, String(form.get('invitationId') ?? ''))
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') notFound()
    throw e
  }
  revalidatePath('/admin')
}
