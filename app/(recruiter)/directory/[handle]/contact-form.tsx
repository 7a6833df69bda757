'use client'
import Link from 'next/link'
import { useFormatter, useTranslations } from 'next-intl'
import { useActionState } from 'react'
import { MESSAGE_MAX } from '@/lib/directory/schemas'
import styles from '../directory.module.css'
import type { ContactRequestDto } from '@/lib/directory/service'
import { sendContactRequestAction, type ContactRequestState } from './actions'

/**
 * The contact request: a short message, sent in the recruiter's organisation's name — or, when one
 * was sent already, what became of it (one request per young person, ever).
 */
export function ContactForm({ handle, organisation, existing }: { handle: string; organisation: string; existing: ContactRequestDto | null }) {
  const t = useTranslations('directory.profile')
  const format = useFormatter()
  const [state, action, pending] = useActionState<ContactRequestState, FormData>(sendContactRequestAction, undefined)
  if (state?.ok) {
    return (
      <>
        <p className="alert alert--success" role="status">{t('sent')}</p>
        <p><Link className="button button--primary" href="/contacts">{t('toContacts')}</Link></p>
      </>
    )
  }
  if (existing) {
    return (
      <>
        <p className="alert">{t('existing', { date: format.dateTime(new Date(existing.createdAt), { dateStyle: 'long' }), status: t(`status.${existing.status}`) })}</p>
        <p><Link href="/contacts">{t('toContacts')}</Link></p>
      </>
    )
  }
  const messageError = state?.fieldErrors.message?.[0]
  const formError = state?.fieldErrors.form?.[0]
  return (
    <form action={action} className="form" noValidate>
      <p>{t('requestIntro')}</p>
      {formError && (
        <div className="alert alert--error" role="alert">
          <p>{t(`errors.${formError}` as 'errors.notFound')}</p>
          {state?.existing && <p><Link href="/contacts">{t('toContacts')}</Link></p>}
        </div>
      )}
      <input type="hidden" name="handle" value={handle} />
      <p className={styles.sentAs}>{t('sentAs')} <strong>{organisation}</strong></p>
      <div className="field">
        <label className="field__label" htmlFor="message">{t('message')}</label>
        <textarea id="message" name="message" className="textarea" rows={6} required minLength={20} maxLength={MESSAGE_MAX}
          defaultValue={state?.values.message ?? ''} aria-invalid={messageError ? true : undefined}
          aria-describedby={`message-hint${messageError ? ' message-error' : ''}`} />
        <p className="field__hint" id="message-hint">{t('messageHint')}</p>
        {messageError && <p className="field__error" id="message-error">{t(`errors.${messageError}` as 'errors.messageTooShort')}</p>}
      </div>
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={pending}>{t('send')}</button>
      </div>
    </form>
  )
}
