'use client'
import { useTranslations } from 'next-intl'
import { useActionState } from 'react'
import { previewCsvAction } from '../../actions'

/** Step 1 from a file: upload, then the preview page. */
export function UploadForm({ pilotId }: { pilotId: string }) {
  const t = useTranslations('pilots.bulk')
  const te = useTranslations('pilots.errors')
  const [state, action, pending] = useActionState(previewCsvAction, undefined)
  const error = state?.error
  const message = error ? te(error.key, { rows: 'rows' in error ? error.rows : 0, columns: 'columns' in error ? error.columns : '', line: 'line' in error ? error.line : 0 }) : undefined
  return (
    <form action={action} className="form" noValidate>
      <input type="hidden" name="pilotId" value={pilotId} />
      <div className="field">
        <label className="field__label" htmlFor="bulk-file">{t('file')}</label>
        <p className="field__hint" id="bulk-file-hint">{t('fileHint')}</p>
        <input id="bulk-file" name="file" type="file" accept=".csv,text/csv" className="input" required
          aria-invalid={message ? true : undefined} aria-describedby={message ? 'bulk-file-hint bulk-file-error' : 'bulk-file-hint'} />
        {message && <p className="field__error" id="bulk-file-error" role="alert">{message}</p>}
      </div>
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={pending}>{pending ? t('checking') : t('check')}</button>
      </div>
    </form>
  )
}
