'use client'
import Link from 'next/link'
import { useTranslations } from 'next-intl'
import { useEffect, useRef } from 'react'
import { ShareSheet, type ShareSheetProps } from '../share-sheet'
import styles from '../shares.module.css'

/**
 * The new link, its QR code (SVG on screen, PNG to download) and a printable sheet. The link can
 * be found again later in the list of shares (its token is kept encrypted, decision 024).
 */
export function ShareCreated({ shareId, ...sheet }: ShareSheetProps & { shareId: string }) {
  const t = useTranslations('shares.created')
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [])
  return (
    <section className={styles.created} aria-labelledby="created-title">
      <h2 id="created-title" ref={heading} tabIndex={-1} className={styles.noPrint}>{t('title')}</h2>
      <p className={`alert ${styles.noPrint}`}>{t('kept')}</p>
      <ShareSheet {...sheet} />
      <p className={styles.noPrint}><Link href={`/wallet/shares/${shareId}`}>{t('toShare')}</Link> · <Link href="/wallet/shares">{t('toList')}</Link></p>
    </section>
  )
}
