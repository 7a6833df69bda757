'use client'
import { useTranslations } from 'next-intl'
import { useActionState, useEffect, useRef, useState } from 'react'
import { PasteOrUpload } from '@/app/_components/paste-or-upload'
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

  // A new answer: React reset the form to the server's echo, so no file is selected any more.
  const [seenState, setSeenState] = useState(state)
  if (state !== seenState) {
    setSeenState(state)
    setClientError(undefined)
    setFileName(undefined)
  }
  useEffect(() => {
    if (state.status === 'idle') return
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
        <PasteOrUpload
          id="import"
          labels={{ input: t('form.input.label'), inputHint: t('form.input.hint', { max: maxCredentials }), file: t('form.file.label'), fileHint: t('form.file.hint'), choose: t('form.file.choose'), none: t('form.file.none') }}
          defaultValue={state.status === 'idle' ? '' : state.input}
          invalid={Boolean(error)}
          accept=".json,.jwt,.txt,application/json,application/jwt,text/plain"
          fileName={fileName}
          inputRef={inputRef}
          fileRef={fileRef}
          onFileChange={onFileChange}
        />

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
