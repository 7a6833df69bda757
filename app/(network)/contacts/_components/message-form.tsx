'use client'
import { useTranslations } from 'next-intl'
import { useActionState, useEffect, useRef } from 'react'
import { MESSAGE_MAX } from '@/lib/contacts/schemas'
import { sendMessageAction, type ContactActionState } from '../actions'

/** Writes one plain-text message; the box empties once it is sent and keeps the text after an error. */
export function MessageForm({ contactId }: { contactId: string }) {
  const t = useTranslations('contacts.thread')
  const te = useTranslations('contacts.errors')
  const [state, action, pending] = useActionState<ContactActionState, FormData>(sendMessageAction, undefined)
  const ref = useRef<HTMLTextAreaElement>(null)
  const error = state?.fieldErrors.body?.[0] ?? state?.fieldErrors.form?.[0] ?? state?.fieldErrors._form?.[0]
  useEffect(() => {
    if (state) ref.current?.focus()
  }, [state])
  return (
    <form action={action} className="form" noValidate>
      <input type="hidden" name="contactId" value={contactId} />
      <div className="field">
        <label className="field__label" htmlFor="message-body">{t('write')}</label>
        <p id="message-body-hint" className="field__hint">{t('writeHint', { max: MESSAGE_MAX })}</p>
        {error && <p id="message-body-error" className="field__error" role="alert">{te(error, { max: MESSAGE_MAX })}</p>}
        <textarea
          ref={ref} key={state?.at} id="message-body" name="body" className="textarea" rows={4} maxLength={MESSAGE_MAX} required
          defaultValue={state?.ok ? '' : state?.values.body ?? ''}
          aria-invalid={error ? true : undefined}
          aria-describedby={`message-body-hint${error ? ' message-body-error' : ''}`}
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={pending}>{pending ? t('sending') : t('send')}</button>
      </div>
    </form>
  )
}
