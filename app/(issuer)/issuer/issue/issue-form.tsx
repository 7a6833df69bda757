'use client'
import Link from 'next/link'
import { useLocale, useTranslations } from 'next-intl'
import { useActionState, useEffect, useRef, useState, useTransition, type FormEvent } from 'react'
import { CredentialCard } from '@/app/_components/credential-card'
import { cardVerdict } from '@/lib/verification/card-verdict'
import type { FormValues } from '@/lib/issuing/issue-form'
import { RadioGroup, SelectField } from '../../_components/form-field'
import { useErrorText } from '../../_components/use-error-text'
import { issueAction } from './actions'
import { EvidenceFields, EvidenceLevelField, ValidityAndLanguage } from './shared-fields'
import { SkillBadgeFields } from './skill-badge-fields'
import { WorkExperienceFields } from './work-experience-fields'

const MAX_PHOTO_BYTES = 2 * 1024 * 1024
const TEMPLATES = ['skill-badge', 'work-experience'] as const
/** Where each field's error is announced in the summary (in the order of the form). */
const FIELD_ORDER = ['templateId', 'holderId', 'skill', 'level', 'criteria', 'kind', 'role', 'placeName', 'placeLocality', 'placeCountry',
  'periodStart', 'periodEnd', 'tasks', 'skills', 'evidenceLevel', 'evidenceNarrative', 'evidenceUrl', 'evidencePhoto', 'validUntil', 'language', '_form']

export interface Recipient { id: string; displayName: string; username: string }

/**
 * Issue in two steps: fill in → preview (the card exactly as it will be seen; nothing signed) →
 * sign and issue. The form stays mounted while previewing, so nothing typed (nor the chosen photo)
 * is lost, and "sign" sends exactly what was previewed.
 */
export function IssueForm({ recipients, defaultHolder }: { recipients: Recipient[]; defaultHolder?: string }) {
  const t = useTranslations('issuer')
  const tp = useTranslations('portfolio')
  const locale = useLocale()
  const errorText = useErrorText('issuer')
  const [state, dispatch, pending] = useActionState(issueAction, undefined)
  const [, startTransition] = useTransition()
  const values: FormValues = state?.values ?? {}
  const [template, setTemplate] = useState<string>(typeof values.templateId === 'string' ? values.templateId : 'skill-badge')
  const [editing, setEditing] = useState(false)
  const [photoError, setPhotoError] = useState<string>()
  const [photoUrl, setPhotoUrl] = useState<string>()
  const summary = useRef<HTMLDivElement>(null)
  const preview = useRef<HTMLElement>(null)

  const step = state?.status === 'preview' && !editing ? 'preview' : 'edit'
  const fieldErrors: Record<string, string[]> = { ...(state?.status === 'edit' ? state.fieldErrors : {}), ...(photoError ? { evidencePhoto: [photoError] } : {}) }
  const error = (field: string) => errorText(fieldErrors[field])
  const withErrors = FIELD_ORDER.filter((f) => fieldErrors[f]?.length)

  // A new answer from the server ends editing (React: adjusting state when a prop changes, during render).
  const answer = `${state?.at}|${state?.status}`
  const [seenAnswer, setSeenAnswer] = useState(answer)
  if (answer !== seenAnswer) {
    setSeenAnswer(answer)
    setEditing(false)
  }
  useEffect(() => {
    if (state?.status === 'preview') preview.current?.focus()
    else if (state?.status === 'edit') summary.current?.focus()
  }, [state?.at, state?.status])
  useEffect(() => () => { if (photoUrl) URL.revokeObjectURL(photoUrl) }, [photoUrl])

  function onPhoto(file: File | undefined) {
    setPhotoUrl(file ? URL.createObjectURL(file) : undefined)
    setPhotoError(file && file.size > MAX_PHOTO_BYTES ? 'photoTooLarge' : undefined)
  }

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    if (photoError) return summary.current?.focus()
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null
    const data = new FormData(e.currentTarget, submitter)
    // Dispatched in a transition rather than through <form action>: React would reset the form.
    startTransition(() => dispatch(data))
  }

  const holderName = recipients.find((r) => r.id === values.holderId)?.displayName ?? ''

  return (
    <form className="iss-issue" onSubmit={onSubmit} noValidate encType="multipart/form-data">
      <div hidden={step !== 'edit'} className="form">
        <div ref={summary} tabIndex={-1} className="iss-summary">
          {withErrors.length > 0 && (
            <div className="alert alert--error" role="alert">
              <p><strong>{t('issue.errorSummary')}</strong></p>
              <ul className="iss-summary__list">
                {withErrors.map((f) => (
                  <li key={f}>{f === '_form' ? error(f) : <a href={`#${f}`}>{t('issue.summaryItem', { field: t(`issue.fieldNames.${f}`), error: error(f) ?? '' })}</a>}</li>
                ))}
              </ul>
            </div>
          )}
        </div>

        <RadioGroup name="templateId" legend={t('issue.fields.template')} error={error('templateId')} defaultValue={template} onChange={setTemplate}
          options={TEMPLATES.map((id) => ({ value: id, label: t(`templates.${id}.name`), description: t(`templates.${id}.description`) }))} />

        {recipients.length === 0 ? (
          <div className="alert alert--warning" id="holderId">
            <p>{t('issue.noRecipients')}</p>
            <p><Link href="/issuer/young-people/new">{t('issue.addYoungPerson')}</Link></p>
          </div>
        ) : (
          <SelectField name="holderId" label={t('issue.fields.holder')} hint={t('issue.fields.holderHint')} error={error('holderId')}
            defaultValue={(typeof values.holderId === 'string' ? values.holderId : defaultHolder) ?? ''}>
            <option value="" disabled>{t('issue.fields.holderChoose')}</option>
            {recipients.map((r) => <option key={r.id} value={r.id}>{r.displayName} ({r.username})</option>)}
          </SelectField>
        )}

        <fieldset className="iss-fieldset">
          <legend className="iss-fieldset__legend">{t(`issue.contentLegend.${template === 'work-experience' ? 'work-experience' : 'skill-badge'}`)}</legend>
          {template === 'work-experience'
            ? <WorkExperienceFields key="we" values={values} error={error} />
            : <SkillBadgeFields key="sb" values={values} error={error} />}
        </fieldset>

        <EvidenceLevelField values={values} error={error} />
        <EvidenceFields values={values} error={error} onPhoto={onPhoto} />
        <ValidityAndLanguage values={values} error={error} locale={locale} />

        <details className="iss-details">
          <summary>{t('issue.technical')}</summary>
          <RadioGroup name="format" legend={t('issue.fields.format')} defaultValue={typeof values.format === 'string' ? values.format : 'di'}
            options={[{ value: 'di', label: t('issued.formats.di'), description: t('issue.fields.formatDi') }, { value: 'jwt', label: t('issued.formats.jwt'), description: t('issue.fields.formatJwt') }]} />
        </details>

        <div className="form-actions">
          <button type="submit" name="intent" value="preview" className="button button--primary" disabled={pending || recipients.length === 0}>
            {pending ? t('issue.checking') : t('issue.previewButton')}
          </button>
        </div>
      </div>

      {state?.status === 'preview' && step === 'preview' && (
        <section ref={preview} tabIndex={-1} className="iss-preview" aria-labelledby="preview-title">
          <h2 id="preview-title" className="iss-preview__title">{t('issue.preview.title')}</h2>
          <p className="iss-preview__lead">{t('issue.preview.lead', { name: holderName })}</p>
          <CredentialCard card={state.card} t={tp} locale={locale} variant="full" headingLevel={3} verdict={cardVerdict('preview')}
            photo={photoUrl && state.card.hasPhoto ? { src: photoUrl, alt: t('issue.preview.photoAlt') } : undefined} />
          <p className="alert iss-preview__note">{t('issue.preview.notSigned')}</p>
          <div className="form-actions">
            <button type="submit" name="intent" value="issue" className="button button--primary" disabled={pending}>
              {pending ? t('issue.preview.signing') : t('issue.preview.sign')}
            </button>
            <button type="button" className="button button--secondary" disabled={pending} onClick={() => setEditing(true)}>{t('issue.preview.edit')}</button>
          </div>
        </section>
      )}
    </form>
  )
}
