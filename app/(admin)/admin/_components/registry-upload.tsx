'use client'
import { useTranslations } from 'next-intl'
import { useActionState, useEffect, useRef } from 'react'
import { loadRegistryAction, type RegistryUploadState } from '../registry-actions'
import styles from '../admin.module.css'

/** Upload a DCC issuer-registry JSON file, with an optional name; every problem of a refused file is listed. */
export function RegistryUpload() {
  const t = useTranslations('admin.registries')
  const [state, action, pending] = useActionState<RegistryUploadState, FormData>(loadRegistryAction, undefined)
  const summary = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (state?.errors.length) summary.current?.focus()
  }, [state?.at, state?.errors.length])
  const errorText = (message: string) => {
    const [key = 'invalid', n] = message.split(':')
    return t.has(`errors.${key}`) ? t(`errors.${key}`, { n: n ?? '' }) : t('errors.invalid')
  }
  const nameError = state?.errors.find((e) => e.path === '/name')
  const fileErrors = state?.errors.filter((e) => e.path !== '/name') ?? []
  return (
    <form action={action} className={`form ${styles.upload}`} encType="multipart/form-data" noValidate>
      {fileErrors.length > 0 && (
        <div ref={summary} tabIndex={-1} role="alert" className="alert alert--error">
          <p className={styles.errorTitle}>{t('errors.title')}</p>
          <ul className={styles.errorList}>
            {fileErrors.map((e, i) => (
              <li key={i}>{e.path && e.path !== '/file' ? <><code>{e.path}</code>{' — '}</> : null}{errorText(e.message)}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="field">
        <label htmlFor="registry-file" className="field__label">{t('file')}</label>
        <p id="registry-file-hint" className="field__hint">{t('fileHint')}</p>
        <input id="registry-file" name="file" type="file" accept=".json,application/json" className="input" required
          aria-describedby="registry-file-hint" aria-invalid={fileErrors.length ? true : undefined} />
      </div>
      <div className="field">
        <label htmlFor="registry-name" className="field__label">{t('name')}</label>
        <p id="registry-name-hint" className="field__hint">{t('nameHint')}</p>
        <input id="registry-name" name="name" type="text" className="input" maxLength={100} defaultValue={state?.name ?? ''}
          aria-describedby={`registry-name-hint${nameError ? ' registry-name-error' : ''}`} aria-invalid={nameError ? true : undefined} />
        {nameError && <p id="registry-name-error" className="field__error">{errorText(nameError.message)}</p>}
      </div>
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={pending} aria-disabled={pending}>{pending ? t('loading') : t('load')}</button>
      </div>
    </form>
  )
}
