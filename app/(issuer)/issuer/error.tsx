'use client'
import { useTranslations } from 'next-intl'
import Link from 'next/link'
import { useEffect } from 'react'

// Next passes what was thrown: an Error (with a digest) from Server Components, anything from the client.
export default function IssuerError({ error, retry }: { error: unknown; retry: () => void }) {
  const t = useTranslations('issuer.error')
  useEffect(() => console.error(error), [error])
  const digest = error instanceof Error && 'digest' in error && typeof error.digest === 'string' ? error.digest : undefined
  return (
    <main id="content" className="page page--narrow">
      <div className="card iss-status">
        <h1>{t('title')}</h1>
        <p>{t('text')}</p>
        <div className="actions">
          <button type="button" className="button button--primary" onClick={() => retry()}>{t('retry')}</button>
          <Link className="button button--secondary" href="/issuer">{t('home')}</Link>
        </div>
        {digest && <p className="field__hint">{t('reference')} <code>{digest}</code></p>}
      </div>
    </main>
  )
}
