import type { ReactNode } from 'react'
import './_components/issuer.css'

// Every page and action of this group calls its own guard: a layout does not protect an action.
export default function IssuerLayout({ children }: { children: ReactNode }) {
  return children
}
