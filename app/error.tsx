'use client'

import Link from 'next/link'
import { useEffect } from 'react'
import { StatusCard } from './_components/status-card'

const copy = {
  title: 'Oups, quelque chose s’est mal passé',
  text: 'Ce n’est pas de ta faute. Réessaie dans un instant.',
  retry: 'Réessayer',
  home: 'Revenir à l’accueil',
  reference: 'Si le problème revient, signale-le avec cette référence :',
}

// Next passes what was thrown: an Error (with a digest) from Server Components, anything from the client.
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error)
  }, [error])
  const digest = error instanceof Error && 'digest' in error && typeof error.digest === 'string' ? error.digest : undefined

  return (
    <StatusCard
      title={copy.title}
      text={copy.text}
      actions={<>
        <button type="button" className="button button--primary" onClick={() => retry()}>{copy.retry}</button>
        <Link className="button button--secondary" href="/">{copy.home}</Link>
      </>}
      footnote={digest ? <p className="status-page__code">{copy.reference} <code>{digest}</code></p> : null}
    />
  )
}
