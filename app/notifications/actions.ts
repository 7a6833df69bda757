'use server'
import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { requireUser } from '@/lib/auth/guards'
import { markAllRead } from '@/lib/notifications/service'
import { getRuntime } from '@/lib/runtime'

/** Marks every notification of the signed-in person read (only theirs: the service filters by their id). */
export async function markAllReadAction(): Promise<void> {
  const user = await requireUser()
  await markAllRead(await getRuntime(), user)
  // The header's counter is in the root layout.
  revalidatePath('/', 'layout')
  redirect('/notifications')
}
