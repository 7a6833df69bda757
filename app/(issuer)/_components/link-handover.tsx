'use client'
import { useFormatter, useTranslations } from 'next-intl'
import { useEffect, useId, useRef, useState, type ReactNode } from 'react'

/**
 * A one-time link handed over in person: its QR code (it carries only the URL), the link with a
 * copy button, when it stops working, and a print layout (`printSheet` is what the printed page
 * says to the person it is for). The link is shown once: it is not stored in readable form.
 */
export function LinkHandover({ title, lead, url, qrSvg, expiresAt, printSheet, children, headingLevel = 2 }: {
  title: string
  lead: ReactNode
  url: string
  qrSvg: string
  expiresAt: string
  printSheet?: ReactNode
  children?: ReactNode
  headingLevel?: 2 | 3
}) {
  const t = useTranslations('onboarding.handover')
  const format = useFormatter()
  const [copied, setCopied] = useState(false)
  const id = useId()
  const input = useRef<HTMLInputElement>(null)
  const section = useRef<HTMLElement>(null)
  // Move focus to the new link so that keyboard and screen-reader users land on it.
  useEffect(() => section.current?.focus(), [url])
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  const until = format.dateTime(new Date(expiresAt), { dateStyle: 'long', timeStyle: 'short' })

  async function copy() {
    try {
      await navigator.clipboard.writeText(url)
    } catch {
      // No clipboard permission (or http on another host): select the text for a manual copy.
      input.current?.select()
      document.execCommand?.('copy')
    }
    setCopied(true)
    window.setTimeout(() => setCopied(false), 4000)
  }

  return (
    <section className="card iss-handover" aria-labelledby={`${id}-title`} tabIndex={-1} ref={section}>
      <Heading id={`${id}-title`} className="iss-handover__title">{title}</Heading>
      <div className="iss-handover__lead">{lead}</div>
      <div className="iss-handover__body">
        <figure className="iss-handover__qr">
          <div role="img" aria-label={t('qrLabel')} dangerouslySetInnerHTML={{ __html: qrSvg }} />
          <figcaption>{t('qrCaption')}</figcaption>
        </figure>
        <div className="iss-handover__link">
          <label className="field__label" htmlFor={`${id}-url`}>{t('linkLabel')}</label>
          <div className="iss-handover__copy">
            <input id={`${id}-url`} ref={input} className="input" readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
            <button type="button" className="button button--secondary button--small iss-no-print" onClick={copy}>
              {copied ? t('copied') : t('copy')}
            </button>
          </div>
          <p className="iss-visually-hidden-live" role="status" aria-live="polite">{copied ? t('copiedAnnouncement') : ''}</p>
          <p className="iss-handover__expiry">{t('expires', { date: until })}</p>
          <p className="alert alert--warning iss-no-print">{t('shownOnce')}</p>
          <div className="form-actions iss-no-print">
            <button type="button" className="button button--primary" onClick={() => window.print()}>{t('print')}</button>
            {children}
          </div>
        </div>
      </div>
      {printSheet && <div className="iss-print-only">{printSheet}</div>}
    </section>
  )
}
