'use server'
import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { requireRole } from '@/lib/auth/guards'
import { AppError } from '@/lib/errors'
import { getRuntime } from '@/lib/runtime'
import { credentialSegment } from '@/lib/wallet/paths'
import { setCredentialHidden } from '@/lib/wallet/service'

export type HideState = { ok: true; hidden: boolean } | { ok: false; error: 'invalid' | 'notFound' } | undefined

const HideSchema = z.object({ credentialId: z.string().min(1).max(200), hidden: z.enum(['true', 'false']) })

/** Hides a credential from the wallet list and from new shares, or shows it again. Young person, own credentials only. */
export async function setHiddenAction(_: HideState, form: FormData): Promise<HideState> {
  const user = await requireRole('youth')
  const input = HideSchema.safeParse(Object.fromEntries(form))
  if (!input.success) return { ok: false, error: 'invalid' }
  const hidden = input.data.hidden === 'true'
  try {
    await setCredentialHidden(await getRuntime(), user, input.data.credentialId, hidden)
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') return { ok: false, error: 'notFound' }
    throw e
  }
  revalidatePath('/wallet')
  revalidatePath(`/wallet/${credentialSegment(input.data.credentialId)}`)
  return { ok: true, hidden }
}
