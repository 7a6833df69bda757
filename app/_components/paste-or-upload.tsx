'use client'
import type { RefObject } from 'react'
import styles from './paste-or-upload.module.css'

export interface PasteOrUploadProps {
  /** Prefix of the element ids: `<id>-input`, `<id>-file`, and `<id>-error` for the error. */
  id: string
  labels: { input: string; inputHint: string; file: string; fileHint: string; choose: string; none: string }
  defaultValue: string
  /** Whether an error (rendered by the form, with id `<id>-error`) concerns the input. */
  invalid: boolean
  accept: string
  fileName: string | undefined
  inputRef: RefObject<HTMLTextAreaElement | null>
  fileRef: RefObject<HTMLInputElement | null>
  onFileChange: () => void
}

/**
 * The two ways to hand a document to a form: paste it (`name="input"`) or choose a file
 * (`name="file"`). Used by /verify and the wallet's import; the form keeps the state and limits.
 */
export function PasteOrUpload({ id, labels, defaultValue, invalid, accept, fileName, inputRef, fileRef, onFileChange }: PasteOrUploadProps) {
  return (
    <>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-input`}>{labels.input}</label>
        <p id={`${id}-input-hint`} className="field__hint">{labels.inputHint}</p>
        <textarea
          ref={inputRef}
          id={`${id}-input`}
          name="input"
          className={`textarea ${styles.textarea}`}
          defaultValue={defaultValue}
          spellCheck={false}
          autoCapitalize="none"
          autoCorrect="off"
          rows={8}
          aria-invalid={invalid ? true : undefined}
          aria-describedby={invalid ? `${id}-error ${id}-input-hint` : `${id}-input-hint`}
        />
      </div>

      <div className="field">
        <span id={`${id}-file-label`} className="field__label">{labels.file}</span>
        <p id={`${id}-file-hint`} className="field__hint">{labels.fileHint}</p>
        <div className={styles.fileRow}>
          {/* The native control is kept (keyboard, screen readers) but drawn by the label below. */}
          <input
            ref={fileRef}
            id={`${id}-file`}
            name="file"
            type="file"
            className={styles.fileInput}
            accept={accept}
            onChange={onFileChange}
            aria-labelledby={`${id}-file-label`}
            aria-describedby={`${id}-file-hint ${id}-file-name`}
          />
          <label htmlFor={`${id}-file`} className={`button button--secondary ${styles.fileButton}`}>{labels.choose}</label>
          <span id={`${id}-file-name`} className={styles.fileName}>{fileName ?? labels.none}</span>
        </div>
      </div>
    </>
  )
}
