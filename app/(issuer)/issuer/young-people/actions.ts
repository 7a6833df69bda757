'use server'
import { revalidatePath } from 'next/cache'
import { notFound } from 'next/navigation'
import { requireRole } from '@/lib/auth/guards'
import { AppError, ValidationError } from '@/lib/errors'
import { keepValues, validationFieldErrors, zodFieldErrors, type FieldErrors } from '@/lib/onboarding/form-errors'
import { CreateYoungPersonSchema } from '@/lib/onboarding/schemas'
import { createYoungPerson, qrCodeSvg, regenerateActivationLink, type CreatedYoungPerson } from '@/lib/onboarding/service'
import { getRuntime } from '@/lib/runtime'

/** The activation link, shown once to the counsellor who created it. */
export interface ActivationHandover {
  userId: string
  displayName: string
  username: string
  url: string
  expiresAt: string
  qrSvg: string
}

export type HandoverState =
  | { ok: true; handover: ActivationHandover }
  | { ok: false; fieldErrors?: FieldErrors; error?: string; values?: Record<string, string> }
  | undefined

async function toHandover({ user, link }: CreatedYoungPerson): Promise<ActivationHandover> {
  return { userId: user.id, displayName: user.displayName, username: user.username, url: link.url, expiresAt: link.expiresAt, qrSvg: await qrCodeSvg(link.url) }
}

/** A counsellor or tutor creates a young person's wallet and gets their activation link. */
export async function createYoungPersonAction(_: HandoverState, form: FormData): Promise<HandoverState> {
  const user = await requireRole('counsellor', 'tutor')
  const values = keepValues(form, ['displayName', 'username', 'email'])
  const input = CreateYoungPersonSchema.safeParse(values)
  if (!input.success) return { ok: false, fieldErrors: zodFieldErrors(input.error), values }
  try {
    const created = await createYoungPerson(await getRuntime(), user, input.data)
    revalidatePath('/issuer/young-people')
    return { ok: true, handover: await toHandover(created) }
  } catch (e) {
    if (e instanceof ValidationError) return { ok: false, fieldErrors: validationFieldErrors(e), values }
    throw e
  }
}

/** A new activation link for a young person of the organisation who has not activated yet. */
export async function regenerateActivationLinkAction(_: HandoverState, form: FormData): Promise<HandoverState> {
  const user = await requireRole('counsellor', 'tutor')
  try {
    const created = await regenerateActivationLink(await getRuntime(), user, String(form.get('userId') ?? ''))
    revalidatePath('/issuer/young-people')
    return { ok: true, handover: await toHandover(created) }
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') notFound()
    if (e instanceof AppError && e.code === 'CONFLICT') return { ok: false, error: 'alreadyActive' }
    throw e
  }
}
