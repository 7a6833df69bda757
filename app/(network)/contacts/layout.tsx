import type { ReactNode } from 'react'
import { requireRole } from '@/lib/auth/guards'

// One /contacts for both sides of a contact: the young person and the recruiter. Checked here so
// that a visitor gets a real redirect and another role a real 403; every page and action still
// calls its own guard, and the service checks that the reader is a party of the contact.
export default async function ContactsLayout({ children }: { children: ReactNode }) {
  await requireRole('youth', 'recruiter')
  return children
}
