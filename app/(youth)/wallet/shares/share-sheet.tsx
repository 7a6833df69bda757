'use client'
import { useFormatter, useTranslations } from 'next-intl'
import { useState } from 'react'
import { FullScreenQr } from './full-screen-qr'
import styles from './shares.module.css'

export interface ShareSheetProps {
  url: string
  expiresAt: string
  /** The QR code as an <svg> element (server-made, lib/portfolio/qr.ts) and as a PNG data: URL. */
  qrSvg: string
  qrPng: string
}

/**
 * A share's QR code, link and end date (printable), with what to do with them: show it full
 * screen at the interview, copy the link, download or print the code, see what the recruiter sees.
 * Used right after creating a share and whenever it is opened again from the list.
 */
export function ShareSheet({ url, expiresAt, qrSvg, qrPng }: ShareSheetProps) {
  const t = useTranslations('shares.created')
  const format = useFormatter()
  const [copied, setCopied] = useState(false)
  const expires = t('expires', { date: format.dateTime(new Date(expiresAt), { dateStyle: 'long' }) })
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url)
      setCopied(true)
    } catch {
      setCopied(false)
    }
  }
  return (
    <>
      <div className={styles.printSheet}>
        <div className={styles.qr} role="img" aria-label={t('qrAlt')} dangerouslySetInnerHTML={{ __html: qrSvg }} />
        <p className={styles.printOnly}>{t('printHint')}</p>
        <p className={styles.linkLabel} id="share-url-label">{t('linkLabel')}</p>
        <p className={styles.url} id="share-url" aria-labelledby="share-url-label">{url}</p>
        <p className={styles.expiry}>{expires}</p>
      </div>

      <div className={`actions ${styles.noPrint}`}>
        <FullScreenQr url={url} expires={expires} qrSvg={qrSvg} />
        <button type="button" className="button button--secondary" onClick={copy}>{t('copy')}</button>
        <a className="button button--secondary" href={qrPng} download="tremplin-qr.png">{t('downloadPng')}</a>
        <button type="button" className="button button--secondary" onClick={() => window.print()}>{t('print')}</button>
        <a className="button button--secondary" href={url} target="_blank" rel="noreferrer">{t('preview')}</a>
      </div>
      <p className={styles.noPrint} role="status" aria-live="polite">{copied ? t('copied') : ''}</p>
    </>
  )
}
