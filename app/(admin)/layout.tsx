import type { ReactNode } from 'react'
import '@/app/(issuer)/_components/issuer.css'

// The page and each action call their own guard: a layout does not protect an action.
export default function AdminLayout({ children }: { children: ReactNode }) {
  return children
}
