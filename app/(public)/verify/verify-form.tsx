'use client'
import { useTranslations } from 'next-intl'
import { useActionState, useEffect, useRef, useState } from 'react'
import { PasteOrUpload } from '@/app/_components/paste-or-upload'
import { verifyAction, type VerifyState } from './actions'
import { QrScanner } from './qr-scanner'
import type { VerifyInputError } from './schema'
import { VerifyResult } from './verify-result'
import styles from './verify.module.css'

const MAX_BYTES = 1024 * 1024
const SHARE_PATH = /^\/p\/[A-Za-z0-9_-]{16,}\/?$/

type Notice = { kind: 'opening' | 'read' } | { kind: 'foreign'; url: string }

/** Paste, upload or scan; the verification itself runs on the server (verifyAction). */
export function VerifyForm() {
  const t = useTranslations('verify')
  const [state, formAction, pending] = useActionState<VerifyState, FormData>(verifyAction, { status: 'idle' })
  const [clientError, setClientError] = useState<VerifyInputError>()
  const [notice, setNotice] = useState<Notice>()
  const [fileName, setFileName] = useState<string>()
  const scannedRef = useRef(false)
  const formRef = useRef<HTMLFormElement>(null)
  const inputRef = useRef<HTMLTextAreaElement>(null)
  const fileRef = useRef<HTMLInputElement>(null)
  // A file chosen before the page finished loading (no change event yet): show its name too.
  useEffect(() => {
    setFileName(fileRef.current?.files?.[0]?.name)
  }, [])

  // A new answer: the form was reset to the server's echo, no file is selected any more.
  const [seenState, setSeenState] = useState(state)
  if (state !== seenState) {
    setSeenState(state)
    setClientError(undefined)
    setFileName(undefined)
  }
  useEffect(() => {
    if (state.status === 'idle') return
    if (state.status === 'done') {
      const title = document.getElementById('verify-result-title')
      title?.focus()
      title?.scrollIntoView({ block: 'start' })
    } else {
      inputRef.current?.focus()
    }
  }, [state])

  const error = clientError ?? (state.status === 'error' ? state.error : undefined)
  const values = state.status === 'idle' ? { input: '', challenge: '', domain: '' } : state

  function onScan(text: string) {
    const value = text.trim()
    let url: URL | undefined
    try {
      url = /^https?:\/\//i.test(value) ? new URL(value) : undefined
    } catch {
      url = undefined
    }
    if (url) {
      // Our own share link: open it (a full load, so the share page's no-referrer policy applies).
      if (url.origin === window.location.origin && SHARE_PATH.test(url.pathname)) {
        setNotice({ kind: 'opening' })
        window.location.assign(url.href)
      } else {
        setNotice({ kind: 'foreign', url: value })
      }
      return
    }
    setNotice({ kind: 'read' })
    if (inputRef.current) inputRef.current.value = value
    if (fileRef.current) fileRef.current.value = ''
    setFileName(undefined)
    scannedRef.current = true
    formRef.current?.requestSubmit()
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    const file = fileRef.current?.files?.[0]
    const size = file ? file.size : new Blob([inputRef.current?.value ?? '']).size
    if (size > MAX_BYTES) {
      event.preventDefault()
      setClientError('tooLarge')
      inputRef.current?.focus()
      return
    }
    setClientError(undefined)
    if (!scannedRef.current) setNotice(undefined)
    scannedRef.current = false
  }

  function onFileChange() {
    const file = fileRef.current?.files?.[0]
    if (file && file.size > MAX_BYTES) {
      setClientError('tooLarge')
      fileRef.current!.value = ''
      setFileName(undefined)
    } else {
      setClientError(undefined)
      setFileName(file?.name)
    }
  }

  const advancedOpen = Boolean(values.challenge || values.domain)
  return (
    <div className={styles.main}>
      <QrScanner onResult={onScan} />
      {notice && (
        <p className={notice.kind === 'foreign' ? 'alert alert--warning' : 'alert'} role="status">
          {notice.kind === 'foreign' ? t('scan.foreign', { url: notice.url }) : t(`scan.${notice.kind}`)}
        </p>
      )}

      {/* After an action React resets the form to its default values: the server's echo of the input. */}
      <form ref={formRef} action={formAction} onSubmit={onSubmit} className={`form ${styles.form}`} noValidate aria-busy={pending}>
        {error && <p id="verify-error" className="alert alert--error" role="alert">{t(`errors.${error}`, { minutes: (state.status === 'error' && state.retryAfterMinutes) || 10 })}</p>}

        <PasteOrUpload
          id="verify"
          labels={{ input: t('form.input.label'), inputHint: t('form.input.hint'), file: t('form.file.label'), fileHint: t('form.file.hint'), choose: t('form.file.choose'), none: t('form.file.none') }}
          defaultValue={values.input}
          invalid={Boolean(error)}
          accept=".json,.jwt,.txt,application/json,text/plain"
          fileName={fileName}
          inputRef={inputRef}
          fileRef={fileRef}
          onFileChange={onFileChange}
        />

        <details className={styles.advanced} open={advancedOpen}>
          <summary>{t('form.advanced.summary')}</summary>
          <p id="verify-advanced-hint" className="field__hint">{t('form.advanced.hint')}</p>
          <div className="field">
            <label className="field__label" htmlFor="verify-challenge">{t('form.advanced.challenge')}</label>
            <input id="verify-challenge" name="challenge" className="input" maxLength={500} defaultValue={values.challenge} autoCapitalize="none" autoCorrect="off" spellCheck={false} aria-describedby="verify-advanced-hint" />
          </div>
          <div className="field">
            <label className="field__label" htmlFor="verify-domain">{t('form.advanced.domain')}</label>
            <input id="verify-domain" name="domain" className="input" maxLength={500} defaultValue={values.domain} inputMode="url" autoCapitalize="none" autoCorrect="off" spellCheck={false} aria-describedby="verify-advanced-hint" />
          </div>
        </details>

        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={pending}>
            {pending ? t('form.pending') : t('form.submit')}
          </button>
        </div>
      </form>

      <div className={styles.results}>
        {state.status === 'done' && !pending && <VerifyResult state={state} />}
      </div>
    </div>
  )
}
