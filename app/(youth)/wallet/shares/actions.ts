'use server'
import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { requireRole } from '@/lib/auth/guards'
import { AppError, ValidationError } from '@/lib/errors'
import { shareQr } from '@/lib/portfolio/qr'
import { CreateShareSchema, ShareIdSchema, shareFormValues } from '@/lib/portfolio/schemas'
import { createShare, revokeShare } from '@/lib/portfolio/service'
import { getRuntime } from '@/lib/runtime'

type Values = ReturnType<typeof shareFormValues>

export type CreateShareState =
  | { ok: false; fieldErrors: Partial<Record<keyof Values, string[]>>; values: Values }
  | { ok: true; shareId: string; url: string; expiresAt: string; qrSvg: string; qrPng: string }
  | undefined

/**
 * Creates a share of the young person's own credentials, and returns its link and QR code (which
 * the young person can open again later from the list: decision 024).
 */
export async function createShareAction(_: CreateShareState, form: FormData): Promise<CreateShareState> {
  const user = await requireRole('youth')
  const values = shareFormValues(form)
  const input = CreateShareSchema.safeParse(values)
  if (!input.success) return { ok: false, fieldErrors: z.flattenError(input.error).fieldErrors, values }
  let created
  try {
    created = await createShare(await getRuntime(), user, input.data)
  } catch (e) {
    // A credential that is not theirs, or was hidden meanwhile: the same answer, nothing revealed.
    if ((e instanceof AppError && e.code === 'NOT_FOUND') || e instanceof ValidationError) {
      return { ok: false, fieldErrors: { credentialIds: ['unavailable'] }, values }
    }
    throw e
  }
  const qr = await shareQr(created.url)
  revalidatePath('/wallet/shares')
  return { ok: true, shareId: created.id, url: created.url, expiresAt: created.expiresAt, qrSvg: qr.svg, qrPng: qr.pngDataUrl }
}

export type RevokeState = { ok: true } | { ok: false; error: 'invalid' | 'notFound' } | undefined

/** Revokes one of the young person's own shares: the link stops working at once. */
export async function revokeShareAction(_: RevokeState, form: FormData): Promise<RevokeState> {
  const user = await requireRole('youth')
  const input = ShareIdSchema.safeParse(Object.fromEntries(form))
  if (!input.success) return { ok: false, error: 'invalid' }
  try {
    await revokeShare(await getRuntime(), user, input.data.shareId)
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') return { ok: false, error: 'notFound' }
    throw e
  }
  revalidatePath('/wallet/shares')
  revalidatePath(`/wallet/shares/${input.data.shareId}`)
  return { ok: true }
}
