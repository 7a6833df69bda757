'use client'
import Link from 'next/link'
import { useFormatter, useTranslations } from 'next-intl'
import { useEffect, useRef, useState } from 'react'
import styles from '../shares.module.css'

/**
 * The new link, its QR code (SVG on screen, PNG to download) and a printable sheet. Shown once:
 * only the link's hash is kept, so this screen cannot be found again.
 */
export function ShareCreated({ url, expiresAt, qrSvg, qrPng }: { url: string; expiresAt: string; qrSvg: string; qrPng: string }) {
  const t = useTranslations('shares.created')
  const format = useFormatter()
  const [copied, setCopied] = useState(false)
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [])
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url)
      setCopied(true)
    } catch {
      setCopied(false)
    }
  }
  return (
    <section className={styles.created} aria-labelledby="created-title">
      <h2 id="created-title" ref={heading} tabIndex={-1} className={styles.noPrint}>{t('title')}</h2>
      <p className={`alert alert--warning ${styles.noPrint}`}>{t('once')}</p>

      <div className={styles.printSheet}>
        <div className={styles.qr} role="img" aria-label={t('qrAlt')} dangerouslySetInnerHTML={{ __html: qrSvg }} />
        <p className={styles.printOnly}>{t('printHint')}</p>
        <p className={styles.linkLabel} id="share-url-label">{t('linkLabel')}</p>
        <p className={styles.url} id="share-url" aria-labelledby="share-url-label">{url}</p>
        <p className={styles.expiry}>{t('expires', { date: format.dateTime(new Date(expiresAt), { dateStyle: 'long' }) })}</p>
      </div>

      <div className={`actions ${styles.noPrint}`}>
        <button type="button" className="button button--primary" onClick={copy}>{t('copy')}</button>
        <a className="button button--secondary" href={qrPng} download="tremplin-qr.png">{t('downloadPng')}</a>
        <button type="button" className="button button--secondary" onClick={() => window.print()}>{t('print')}</button>
        <a className="button button--secondary" href={url} target="_blank" rel="noreferrer">{t('preview')}</a>
      </div>
      <p className={styles.noPrint} role="status" aria-live="polite">{copied ? t('copied') : ''}</p>
      <p className={styles.noPrint}><Link href="/wallet/shares">{t('toList')}</Link></p>
    </section>
  )
}
