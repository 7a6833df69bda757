'use client'
import Link from 'next/link'
import { useTranslations } from 'next-intl'
import { useActionState } from 'react'
import { TextAreaField, TextField } from '../../_components/form-field'
import { savePilotAction } from './actions'
import { usePilotError } from './use-pilot-error'

export interface PilotFormValues { pilotId?: string; name?: string; description?: string; region?: string; startsOn?: string; endsOn?: string }

/** Creates a pilot action, or edits one (`initial.pilotId`). */
export function PilotForm({ initial }: { initial?: PilotFormValues }) {
  const t = useTranslations('pilots.form')
  const errorText = usePilotError()
  const [state, action, pending] = useActionState(savePilotAction, undefined)
  const values = (state?.values ?? initial ?? {}) as Record<string, string | undefined>
  const errors = state?.fieldErrors ?? {}
  const cancel = initial?.pilotId ? `/issuer/pilots/${encodeURIComponent(initial.pilotId)}` : '/issuer/pilots'
  return (
    <form action={action} className="form card" noValidate>
      {errors._form && <p className="alert alert--error" role="alert">{errorText(errors._form)}</p>}
      {initial?.pilotId && <input type="hidden" name="pilotId" value={initial.pilotId} />}
      <TextField name="name" label={t('name')} hint={t('nameHint')} error={errorText(errors.name)} defaultValue={values.name} required maxLength={120} autoComplete="off" />
      <TextAreaField name="description" label={t('description')} hint={t('descriptionHint')} error={errorText(errors.description)} defaultValue={values.description} rows={4} maxLength={2000} />
      <TextField name="region" label={t('region')} error={errorText(errors.region)} defaultValue={values.region ?? ''} maxLength={120} autoComplete="off" />
      <TextField name="startsOn" type="date" label={t('startsOn')} error={errorText(errors.startsOn)} defaultValue={values.startsOn} required />
      <TextField name="endsOn" type="date" label={t('endsOn')} error={errorText(errors.endsOn)} defaultValue={values.endsOn} required />
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={pending}>{pending ? t('saving') : initial?.pilotId ? t('save') : t('create')}</button>
        <Link className="button button--secondary" href={cancel}>{t('cancel')}</Link>
      </div>
    </form>
  )
}
