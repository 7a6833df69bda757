import type { ReactNode } from 'react'

/**
 * The heading block at the top of a page: an optional eyebrow line, the one h1, an optional
 * intro, then the page's actions (children) beside the text. Keeps the `header.page-header > div`
 * structure that globals.css styles and the browser tests find by role.
 */
export function PageHeader({ title, intro, eyebrow, children }: {
  title: ReactNode
  /** Omitted, null or false: no intro paragraph. */
  intro?: ReactNode
  /** A short line above the title, such as the organisation's name (issuer screens). */
  eyebrow?: ReactNode
  children?: ReactNode
}) {
  return (
    <header className="page-header">
      <div>
        {eyebrow != null && eyebrow !== false && <p className="iss-eyebrow">{eyebrow}</p>}
        <h1>{title}</h1>
        {intro != null && intro !== false && <p>{intro}</p>}
      </div>
      {children}
    </header>
  )
}
