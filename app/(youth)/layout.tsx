import type { ReactNode } from 'react'
import { requireRole } from '@/lib/auth/guards'

// Checked here, outside the pages' loading boundaries, so that a visitor gets a real redirect and
// another role a real 403. Every page, action and route handler still calls its own guard.
export default async function YouthLayout({ children }: { children: ReactNode }) {
  await requireRole('youth')
  return children
}
