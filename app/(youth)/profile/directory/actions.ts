'use server'
import { revalidatePath } from 'next/cache'
import { requireRole } from '@/lib/auth/guards'
import { optIn, optOut } from '@/lib/directory/service'
import { getRuntime } from '@/lib/runtime'

export type DirectoryConsentState = { ok: true; optedIn: boolean } | undefined

/** Puts the young person in the recruiters' directory under a new random handle (logged). */
export async function optInAction(_: DirectoryConsentState, _form: FormData): Promise<DirectoryConsentState> {
  const user = await requireRole('youth')
  await optIn(await getRuntime(), user)
  revalidatePath('/profile/directory')
  revalidatePath('/profile')
  return { ok: true, optedIn: true }
}

/** Takes the young person out of the directory at once (logged). */
export async function optOutAction(_: DirectoryConsentState, _form: FormData): Promise<DirectoryConsentState> {
  const user = await requireRole('youth')
  await optOut(await getRuntime(), user)
  revalidatePath('/profile/directory')
  revalidatePath('/profile')
  return { ok: true, optedIn: false }
}
