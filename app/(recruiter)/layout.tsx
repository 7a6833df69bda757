import type { ReactNode } from 'react'
import { requireRole } from '@/lib/auth/guards'

// Checked here, outside the pages' loading boundaries, so that a visitor gets a real redirect and
// another role a real 403. Every page and action still calls its own guard.
export default async function RecruiterLayout({ children }: { children: ReactNode }) {
  await requireRole('recruiter')
  return children
}
