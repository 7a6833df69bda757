'use client'

import Link from 'next/link'
import { useTranslations } from 'next-intl'
import { useEffect } from 'react'
import { StatusCard } from './_components/status-card'

// Next passes what was thrown: an Error (with a digest) from Server Components, anything from the client.
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const t = useTranslations('landing.status.error')
  useEffect(() => {
    console.error(error)
  }, [error])
  const digest = error instanceof Error && 'digest' in error && typeof error.digest === 'string' ? error.digest : undefined

  return (
    <StatusCard
      title={t('title')}
      text={t('text')}
      actions={<>
        <button type="button" className="button button--primary" onClick={() => retry()}>{t('retry')}</button>
        <Link className="button button--secondary" href="/">{t('home')}</Link>
      </>}
      footnote={digest ? <p className="status-page__code">{t('reference')} <code>{digest}</code></p> : null}
    />
  )
}
