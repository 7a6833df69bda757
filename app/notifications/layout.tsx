import type { ReactNode } from 'react'
import { requireUser } from '@/lib/auth/guards'

// Every signed-in role has notifications. Checked here so that a visitor gets a real redirect to
// sign-in; the page, the action and the route handler still call their own guard, and the
// service filters every query by the reader's id.
export default async function NotificationsLayout({ children }: { children: ReactNode }) {
  await requireUser()
  return children
}
