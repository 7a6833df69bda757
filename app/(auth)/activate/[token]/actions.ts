'use server'
import { redirect } from 'next/navigation'
import { setSessionCookie } from '@/lib/auth/cookies'
import { createSession } from '@/lib/auth/sessions'
import { AppError } from '@/lib/errors'
import { zodFieldErrors, type FieldErrors } from '@/lib/onboarding/form-errors'
import { ActivateSchema } from '@/lib/onboarding/schemas'
import { activateAccount } from '@/lib/onboarding/service'
import { getRuntime } from '@/lib/runtime'
import { enforceLimits, RateLimitError, waitMinutes } from '@/lib/security/limits'
import { requestAddressKey } from '@/lib/security/request-address'

export type ActivateState = { ok: false; fieldErrors?: FieldErrors; error?: 'linkInvalid' | 'tooManyAttempts' | 'busy'; retryAfterMinutes?: number } | undefined

/** Public: the young person chooses a password with their one-time link, and is signed in. */
export async function activateAction(_: ActivateState, form: FormData): Promise<ActivateState> {
  const input = ActivateSchema.safeParse({ token: form.get('token') ?? '', password: form.get('password') ?? '', confirm: form.get('confirm') ?? '' })
  if (!input.success) return { ok: false, fieldErrors: zodFieldErrors(input.error) }
  const rt = await getRuntime()
  let userId: string
  try {
    // Per client address, before the link is looked up or a password hashed (guessing links).
    await enforceLimits(rt, [['link', await requestAddressKey(rt)]])
    userId = await activateAccount(rt, input.data)
  } catch (e) {
    if (e instanceof RateLimitError) return { ok: false, error: 'tooManyAttempts', retryAfterMinutes: waitMinutes(e.retryAfterSeconds) }
    if (e instanceof AppError && e.code === 'BUSY') return { ok: false, error: 'busy' }
    if (e instanceof AppError && e.code === 'NOT_FOUND') return { ok: false, error: 'linkInvalid' }
    throw e
  }
  const session = await createSession(rt, userId)
  await setSessionCookie(session.token, session.expiresAt)
  redirect('/wallet')
}
