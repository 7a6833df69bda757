'use server'
import { redirect } from 'next/navigation'
import { clearSessionCookie } from '@/lib/auth/cookies'
import { requireRole } from '@/lib/auth/guards'
import { ValidationError } from '@/lib/errors'
import { DeleteAccountSchema } from '@/lib/privacy/schemas'
import { deleteAccount } from '@/lib/privacy/service'
import { getRuntime } from '@/lib/runtime'

export type DeleteAccountState = {
  ok: false
  fieldErrors: { username?: string[]; password?: string[]; form?: string[] }
  values: { username: string }
} | undefined

/** Deletes the young person's own account after they typed their username and password; signs them out. */
export async function deleteAccountAction(_: DeleteAccountState, form: FormData): Promise<DeleteAccountState> {
  const user = await requireRole('youth')
  const raw = { username: String(form.get('username') ?? '').slice(0, 200), password: String(form.get('password') ?? '') }
  const values = { username: raw.username }
  const input = DeleteAccountSchema.safeParse(raw)
  if (!input.success) {
    const flat = input.error.flatten().fieldErrors
    return { ok: false, fieldErrors: { username: flat.username, password: flat.password }, values }
  }
  try {
    await deleteAccount(await getRuntime(), user, input.data)
  } catch (e) {
    if (e instanceof ValidationError) {
      const fieldErrors: NonNullable<DeleteAccountState>['fieldErrors'] = {}
      for (const f of e.fieldErrors) (fieldErrors[f.path as 'username' | 'password' | 'form'] ??= []).push(f.message)
      return { ok: false, fieldErrors, values }
    }
    throw e
  }
  await clearSessionCookie()
  redirect('/account-deleted')
}
