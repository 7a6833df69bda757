'use client'
import { useTranslations } from 'next-intl'
import { useActionState, useEffect, useRef } from 'react'
import { NOTE_MAX } from '@/lib/contacts/schemas'
import { resolveReportAction, type ResolveState } from './actions'

/** A required note, then "Mark as resolved". */
export function ResolveForm({ reportId }: { reportId: string }) {
  const t = useTranslations('admin.reports.resolve')
  const [state, action, pending] = useActionState<ResolveState, FormData>(resolveReportAction, undefined)
  const ref = useRef<HTMLTextAreaElement>(null)
  const id = `resolve-${reportId}`
  const error = state?.fieldErrors.note?.[0] ?? state?.fieldErrors._form?.[0]
  useEffect(() => {
    if (state && !state.ok) ref.current?.focus()
  }, [state])
  return (
    <form action={action} className="form" noValidate>
      <input type="hidden" name="reportId" value={reportId} />
      <div className="field">
        <label className="field__label" htmlFor={`${id}-note`}>{t('note')}</label>
        <p id={`${id}-hint`} className="field__hint">{t('noteHint', { max: NOTE_MAX })}</p>
        {error && <p id={`${id}-error`} className="field__error" role="alert">{t(`errors.${error}`, { max: NOTE_MAX })}</p>}
        <textarea
          ref={ref} id={`${id}-note`} name="note" className="textarea" rows={3} maxLength={NOTE_MAX} required
          defaultValue={state?.note ?? ''} key={state?.at}
          aria-invalid={error ? true : undefined} aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={pending}>{t('action')}</button>
      </div>
    </form>
  )
}
