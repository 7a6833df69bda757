import type { ReactNode } from 'react'

/** The card of the not-found, forbidden and error pages: title, text, actions, and an optional footnote. */
export function StatusCard({ title, text, actions, footnote }: { title: string; text: string; actions: ReactNode; footnote?: ReactNode }) {
  return (
    <main id="content" className="page status-page" tabIndex={-1}>
      <div className="status-page__card">
        <h1>{title}</h1>
        <p>{text}</p>
        <div className="actions">{actions}</div>
        {footnote}
      </div>
    </main>
  )
}
