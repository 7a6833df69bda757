'use server'
import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { requireRole } from '@/lib/auth/guards'
import { AppError } from '@/lib/errors'
import { acceptOffer, refuseOffer } from '@/lib/offers/service'
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

export type OfferState = { ok: true; decision: 'accepted' | 'refused' } | { ok: false; error: 'invalid' | 'offerGone' } | undefined

const OfferSchema = z.object({ offerId: z.string().min(1).max(100), decision: z.enum(['accept', 'refuse']) })

/** Accepts or refuses a credential an organisation offered. Young person, own offers only. */
export async function decideOfferAction(_: OfferState, form: FormData): Promise<OfferState> {
  const user = await requireRole('youth')
  const input = OfferSchema.safeParse(Object.fromEntries(form))
  if (!input.success) return { ok: false, error: 'invalid' }
  const rt = await getRuntime()
  try {
    if (input.data.decision === 'accept') await acceptOffer(rt, user, input.data.offerId)
    else await refuseOffer(rt, user, input.data.offerId)
  } catch (e) {
    if (e instanceof AppError && (e.code === 'NOT_FOUND' || e.code === 'CONFLICT')) return { ok: false, error: 'offerGone' }
    throw e
  }
  revalidatePath('/wallet')
  return { ok: true, decision: input.data.decision === 'accept' ? 'accepted' : 'refused' }
}
