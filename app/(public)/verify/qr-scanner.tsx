'use client'
import { useTranslations } from 'next-intl'
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react'
import styles from './verify.module.css'

type Phase = 'idle' | 'starting' | 'scanning'
type CameraError = 'denied' | 'unavailable' | 'failed'

const SCAN_EVERY_MS = 200
const MAX_FRAME_WIDTH = 640

/**
 * Reads a QR code with the device camera (getUserMedia), decoding frames with jsQR. Renders
 * nothing where the browser has no camera API or the page is not a secure context.
 */
export function QrScanner({ onResult }: { onResult: (text: string) => void }) {
  const t = useTranslations('verify.scan')
  // The camera is a browser fact: false while rendering on the server and hydrating, read after.
  const supported = useSyncExternalStore(noChange, cameraAvailable, () => false)
  const [phase, setPhase] = useState<Phase>('idle')
  const [error, setError] = useState<CameraError>()
  const videoRef = useRef<HTMLVideoElement>(null)
  const streamRef = useRef<MediaStream | null>(null)
  const timerRef = useRef<number | undefined>(undefined)

  const stop = useCallback(() => {
    window.clearTimeout(timerRef.current)
    streamRef.current?.getTracks().forEach((track) => track.stop())
    streamRef.current = null
    if (videoRef.current) videoRef.current.srcObject = null
    setPhase('idle')
  }, [])

  useEffect(() => stop, [stop])

  async function start() {
    setError(undefined)
    setPhase('starting')
    try {
      const [stream, { default: jsQR }] = await Promise.all([
        navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: 'environment' } }, audio: false }),
        import('jsqr'),
      ])
      streamRef.current = stream
      const video = videoRef.current!
      video.srcObject = stream
      await video.play()
      setPhase('scanning')
      const canvas = document.createElement('canvas')
      const context = canvas.getContext('2d', { willReadFrequently: true })!
      const tick = () => {
        if (!streamRef.current) return
        if (video.readyState >= video.HAVE_ENOUGH_DATA && video.videoWidth > 0) {
          const scale = Math.min(1, MAX_FRAME_WIDTH / video.videoWidth)
          canvas.width = Math.round(video.videoWidth * scale)
          canvas.height = Math.round(video.videoHeight * scale)
          context.drawImage(video, 0, 0, canvas.width, canvas.height)
          const frame = context.getImageData(0, 0, canvas.width, canvas.height)
          const code = jsQR(frame.data, frame.width, frame.height, { inversionAttempts: 'attemptBoth' })
          if (code?.data) {
            stop()
            onResult(code.data)
            return
          }
        }
        timerRef.current = window.setTimeout(tick, SCAN_EVERY_MS)
      }
      tick()
    } catch (e) {
      stop()
      const name = (e as { name?: string })?.name
      setError(name === 'NotAllowedError' || name === 'SecurityError' ? 'denied'
        : name === 'NotFoundError' || name === 'OverconstrainedError' ? 'unavailable' : 'failed')
    }
  }

  if (!supported) return null
  const active = phase !== 'idle'
  return (
    <section className={styles.scan} aria-labelledby="scan-title">
      <h2 id="scan-title" className={styles.sectionTitle}>{t('title')}</h2>
      {error && <p className="alert alert--warning" role="alert">{t(`errors.${error}`)}</p>}
      <div className={styles.camera} hidden={!active}>
        <video ref={videoRef} className={styles.video} playsInline muted aria-label={t('videoLabel')} />
        <p className={styles.cameraHint} role="status">{phase === 'starting' ? t('starting') : t('scanning')}</p>
      </div>
      <div className="actions">
        {active
          ? <button type="button" className="button button--secondary" onClick={stop}>{t('stop')}</button>
          : <button type="button" className="button button--primary" onClick={start}>
              <CameraIcon />
              {t('start')}
            </button>}
      </div>
    </section>
  )
}

function CameraIcon() {
  return (
    <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <path d="M4 8h3l2-3h6l2 3h3v11H4z" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
      <circle cx="12" cy="13" r="3.5" fill="none" stroke="currentColor" strokeWidth="2" />
    </svg>
  )
}

function cameraAvailable(): boolean {
  return window.isSecureContext && typeof navigator.mediaDevices?.getUserMedia === 'function'
}

/** Whether a camera API exists does not change while the page is open. */
function noChange(): () => void {
  return () => {}
}
