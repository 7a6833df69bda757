'use server'
import { revalidatePath } from 'next/cache'
import { notFound } from 'next/navigation'
import { requireRole } from '@/lib/auth/guards'
import { AppError } from '@/lib/errors'
import { keepValues, zodFieldErrors, type FieldErrors } from '@/lib/onboarding/form-errors'
import { InvitationSchema } from '@/lib/onboarding/schemas'
import { createInvitation, qrCodeSvg, revokeInvitation } from '@/lib/onboarding/service'
import { getRuntime } from '@/lib/runtime'

/** An invitation link, shown once to the person who created it. */
export interface InvitationHandover {
  organisationName: string
  role: string
  email: string | null
  url: string
  expiresAt: string
  qrSvg: string
}

export type InvitationState =
  | { ok: true; handover: InvitationHandover }
  | { ok: false; fieldErrors: FieldErrors; values: Record<string, string> }
  | undefined

/** A counsellor or tutor invites a tutor or recruiter into their own organisation. */
export async function createInvitationAction(_: InvitationState, form: FormData): Promise<InvitationState> {
  const user = await requireRole('counsellor', 'tutor')
  const values = keepValues(form, ['role', 'email'])
  const input = InvitationSchema.safeParse(values)
  if (!input.success) return { ok: false, fieldErrors: zodFieldErrors(input.error), values }
  const link = await createInvitation(await getRuntime(), user, input.data)
  revalidatePath('/issuer/team')
  return { ok: true, handover: { ...link, email: input.data.email ?? null, qrSvg: await qrCodeSvg(link.url) } }
}

/** Withdraws a pending invitation of the actor's organisation. */
export async function revokeInvitationAction(form: FormData): Promise<void> {
  const user = await requireRole('counsellor', 'tutor')
  try {
    await revokeInvitation(await getRuntime(), user, String(form.get('invitationId') ?? ''))
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') notFound()
    throw e
  }
  revalidatePath('/issuer/team')
}
