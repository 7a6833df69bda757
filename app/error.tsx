'use client'

import Link from 'next/link'
import { useTranslations } from 'next-intl'
import { useEffect } from 'react'
import { DISK_FULL_DIGEST } from '@/lib/errors'
import { StatusCard } from './_components/status-card'

// Next passes what was thrown: an Error (with a digest) from Server Components, anything from the client.
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const t = useTranslations('landing.status.error')
  const ts = useTranslations('landing.status')
  useEffect(() => {
    console.error(error)
  }, [error])
  const digest = error instanceof Error && 'digest' in error && typeof error.digest === 'string' ? error.digest : undefined
  // A full disk is said as such (the digest is the one db/disk-full.ts gives it), not as a mystery.
  const diskFull = digest === DISK_FULL_DIGEST

  return (
    <StatusCard
      title={diskFull ? ts('diskFull.title') : t('title')}
      text={diskFull ? ts('diskFull.text') : t('text')}
      actions={<>
        <button type="button" className="button button--primary" onClick={() => retry()}>{t('retry')}</button>
        <Link className="button button--secondary" href="/">{t('home')}</Link>
      </>}
      footnote={digest ? <p className="status-page__code">{t('reference')} <code>{digest}</code></p> : null}
    />
  )
}
