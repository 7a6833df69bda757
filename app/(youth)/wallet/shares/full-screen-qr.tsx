'use client'
import { useTranslations } from 'next-intl'
import { useEffect, useRef, useState } from 'react'
import styles from './shares.module.css'

type WakeLock = { release: () => Promise<void> }
type WithWakeLock = Navigator & { wakeLock?: { request: (type: 'screen') => Promise<WakeLock> } }

/**
 * "Show full screen": the QR code as large as the phone allows, on white, with one sentence for
 * the young person and the link and end date under it, in a modal dialog over everything else
 * (the page's header and tab bar included). The screen is kept on while it is open, where the
 * browser allows it.
 */
export function FullScreenQr({ url, expires, qrSvg }: { url: string; expires: string; qrSvg: string }) {
  const t = useTranslations('shares.fullScreen')
  const dialog = useRef<HTMLDialogElement>(null)
  const [open, setOpen] = useState(false)
  useEffect(() => {
    if (!open) return
    let lock: WakeLock | undefined
    let closed = false
    const release = (l: WakeLock) => void l.release().catch(() => undefined)
    ;(navigator as WithWakeLock).wakeLock?.request('screen').then((l) => (closed ? release(l) : (lock = l)), () => undefined)
    return () => {
      closed = true
      if (lock) release(lock)
    }
  }, [open])
  const show = () => {
    dialog.current?.showModal()
    setOpen(true)
  }
  return (
    <>
      <button type="button" className="button button--primary" onClick={show}>{t('open')}</button>
      <dialog ref={dialog} className={styles.fullScreen} aria-labelledby="full-screen-title" onClose={() => setOpen(false)}>
        <div className={styles.fullScreenBody}>
          <h2 id="full-screen-title" className={styles.fullScreenTitle}>{t('title')}</h2>
          <div className={styles.fullScreenQr} role="img" aria-label={t('qrAlt')} dangerouslySetInnerHTML={{ __html: qrSvg }} />
          <p className={styles.url}>{url}</p>
          <p className={styles.expiry}>{expires}</p>
          <form method="dialog">
            <button type="submit" className="button button--secondary" autoFocus>{t('close')}</button>
          </form>
        </div>
      </dialog>
    </>
  )
}
