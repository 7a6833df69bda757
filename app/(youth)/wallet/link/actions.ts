'use server'
import { revalidatePath } from 'next/cache'
import { requireRole } from '@/lib/auth/guards'
import { AppError } from '@/lib/errors'
import { linkIdentifier, unlinkIdentifier } from '@/lib/identifiers/service'
import type { LinkRefusal } from '@/lib/identifiers/proof'
import { LINK_MAX_BYTES, LinkFormSchema, UnlinkFormSchema } from '@/lib/identifiers/schemas'
import { getRuntime } from '@/lib/runtime'

/** Why a link was refused (message keys under `wallet.link.errors`). */
export type LinkFormError = LinkRefusal | 'invalid' | 'fileType' | 'fileUnreadable' | 'busy'

export type LinkState =
  | { status: 'idle' }
  | { status: 'error'; error: LinkFormError; signer?: string; input: string }
  | { status: 'linked'; did: string }

const FILE_TYPES = /\.(json|jwt|txt)$/i

/**
 * Links another identifier to the young person: the pasted or uploaded presentation must be
 * signed by that identifier and answer one of THEIR challenges (the session says whose; nothing
 * here takes a user id from the form). The service checks everything again.
 */
export async function linkIdentifierAction(_: LinkState, form: FormData): Promise<LinkState> {
  const user = await requireRole('youth')
  const pasted = form.get('input')
  const input = typeof pasted === 'string' && Buffer.byteLength(pasted, 'utf8') <= LINK_MAX_BYTES ? pasted : ''
  const parsed = LinkFormSchema.safeParse({ challengeId: form.get('challengeId'), input })
  if (!parsed.success) return { status: 'error', error: 'invalid', input }
  const text = await textOf(form, typeof pasted === 'string' ? pasted : '')
  if (typeof text !== 'string') return { status: 'error', error: text.error, input }
  let outcome: Awaited<ReturnType<typeof linkIdentifier>>
  try {
    outcome = await linkIdentifier(await getRuntime(), user, { challengeId: parsed.data.challengeId, text })
  } catch (e) {
    // The verification pool is full (decision 018): nothing was linked, the challenge is still good.
    if (e instanceof AppError && e.code === 'BUSY') return { status: 'error', error: 'busy', input }
    throw e
  }
  if (!outcome.ok) return { status: 'error', error: outcome.code, ...(outcome.signer ? { signer: outcome.signer } : {}), input }
  revalidatePath('/wallet', 'layout')
  return { status: 'linked', did: outcome.did }
}

/** The uploaded file's text when one was chosen, else what was pasted; sizes over the limit are left to the service. */
async function textOf(form: FormData, pasted: string): Promise<string | { error: LinkFormError }> {
  const file = form.get('file')
  if (!(file instanceof File) || file.size === 0) return pasted
  if (!FILE_TYPES.test(file.name)) return { error: 'fileType' }
  if (file.size > LINK_MAX_BYTES) return { error: 'LINK_TOO_LARGE' }
  try {
    return await file.text()
  } catch {
    return { error: 'fileUnreadable' }
  }
}

export type UnlinkState = { ok: true } | { ok: false; error: 'invalid' | 'notFound' } | undefined

/** Removes one of the young person's links. Own links only: another's is "not found". */
export async function unlinkIdentifierAction(_: UnlinkState, form: FormData): Promise<UnlinkState> {
  const user = await requireRole('youth')
  const input = UnlinkFormSchema.safeParse({ did: form.get('did') })
  if (!input.success) return { ok: false, error: 'invalid' }
  try {
    await unlinkIdentifier(await getRuntime(), user, input.data.did)
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') return { ok: false, error: 'notFound' }
    throw e
  }
  revalidatePath('/wallet', 'layout')
  return { ok: true }
}
