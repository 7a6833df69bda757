import type { ReactNode } from 'react'
import { requireUser } from '@/lib/auth/guards'

// Every signed-in role has an account (its password). Checked here so that a visitor gets a real
// redirect to sign-in; the page and the action still call their own guard.
export default async function AccountLayout({ children }: { children: ReactNode }) {
  await requireUser()
  return children
}
