import type { ReactNode } from 'react'
import { BrandLink } from './brand-link'

/** The card of the not-found and error pages: brand, title, text, actions, and an optional footnote. */
export function StatusCard({ title, text, actions, footnote }: { title: string; text: string; actions: ReactNode; footnote?: ReactNode }) {
  return (
    <main id="content" className="status-page">
      <div className="status-page__card">
        <BrandLink name="Tremplin" />
        <h1>{title}</h1>
        <p>{text}</p>
        <div className="actions">{actions}</div>
        {footnote}
      </div>
    </main>
  )
}
