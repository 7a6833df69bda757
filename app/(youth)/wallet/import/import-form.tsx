'use client'
import { useTranslations } from 'next-intl'
import { useActionState, useEffect, useRef, useState } from 'react'
import { importAction, type ImportFormError, type ImportState } from './actions'
import { ImportReport } from './import-report'
import styles from './import.module.css'

/** Paste or upload credentials received elsewhere; the server verifies each one and reports. */
export function ImportForm({ maxBytes, maxCredentials }: { maxBytes: number; maxCredentials: number }) {
  const t = useTranslations('wallet.import')
  const [state, formAction, pending] = useActionState<ImportState, FormData>(importAction, { status: 'idle' })
  const [clientError, setClientError] = useState<ImportFormError>()
  const [fileName, setFileName] = useState<string>()
  const inputRef = useRef<HTMLTextAreaElement>(null)
  const fileRef = useRef<HTMLInputElement>(null)

  useEffect(() => {
    if (state.status === 'idle') return
    setClientError(undefined)
    // React reset the form to the server's echo: no file is selected any more.
    setFileName(undefined)
    if (state.status === 'done') {
      const title = document.getElementById('import-report-title')
      title?.focus()
      title?.scrollIntoView({ block: 'start' })
    } else {
      inputRef.current?.focus()
    }
  }, [state])

  const error = clientError ?? (state.status === 'error' ? state.error : undefined)
  const count = state.status === 'error' ? state.count : undefined

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    const file = fileRef.current?.files?.[0]
    const size = file ? file.size : new Blob([inputRef.current?.value ?? '']).size
    if (size > maxBytes) {
      event.preventDefault()
      setClientError('tooLarge')
      inputRef.current?.focus()
      return
    }
    setClientError(undefined)
  }

  function onFileChange() {
    const file = fileRef.current?.files?.[0]
    if (file && file.size > maxBytes) {
      setClientError('tooLarge')
      fileRef.current!.value = ''
      setFileName(undefined)
    } else {
      setClientError(undefined)
      setFileName(file?.name)
    }
  }

  return (
    <div className={styles.main}>
      {/* After an action React resets the form to its default values: the server's echo of the input. */}
      <form action={formAction} onSubmit={onSubmit} className={`form ${styles.form}`} noValidate aria-busy={pending}>
        {error && (
          <p id="import-error" className="alert alert--error" role="alert">
            {t(`errors.${error}`, { max: maxCredentials, count: count ?? 0 })}
          </p>
        )}
        <div className="field">
          <label className="field__label" htmlFor="import-input">{t('form.input.label')}</label>
          <p id="import-input-hint" className="field__hint">{t('form.input.hint', { max: maxCredentials })}</p>
          <textarea
            ref={inputRef}
            id="import-input"
            name="input"
            className={`textarea ${styles.textarea}`}
            defaultValue={state.status === 'idle' ? '' : state.input}
            spellCheck={false}
            autoCapitalize="none"
            autoCorrect="off"
            rows={8}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'import-error import-input-hint' : 'import-input-hint'}
          />
        </div>

        <div className="field">
          <span id="import-file-label" className="field__label">{t('form.file.label')}</span>
          <p id="import-file-hint" className="field__hint">{t('form.file.hint')}</p>
          <div className={styles.fileRow}>
            {/* The native control is kept (keyboard, screen readers) but drawn by the label below. */}
            <input
              ref={fileRef}
              id="import-file"
              name="file"
              type="file"
              className={styles.fileInput}
              accept=".json,.jwt,.txt,application/json,application/jwt,text/plain"
              onChange={onFileChange}
              aria-labelledby="import-file-label"
              aria-describedby="import-file-hint import-file-name"
            />
            <label htmlFor="import-file" className={`button button--secondary ${styles.fileButton}`}>{t('form.file.choose')}</label>
            <span id="import-file-name" className={styles.fileName}>{fileName ?? t('form.file.none')}</span>
          </div>
        </div>

        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={pending}>
            {pending ? t('form.pending') : t('form.submit')}
          </button>
        </div>
      </form>

      {state.status === 'done' && !pending && <ImportReport items={state.items} fileName={state.fileName} />}
    </div>
  )
}
