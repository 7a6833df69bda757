import type { ReactNode } from 'react'
import { requireRole } from '@/lib/auth/guards'
import '@/app/(issuer)/_components/issuer.css'

// Checked here, outside the pages' loading boundaries, so that a visitor gets a real redirect and
// another role a real 403. Every page and action still calls its own guard: a layout does not protect an action.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requireRole('admin')
  return children
}
