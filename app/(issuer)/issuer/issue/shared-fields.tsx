'use client'
import { useTranslations } from 'next-intl'
import { useState } from 'react'
import { RadioGroup, SelectField, TextAreaField, TextField } from '../../_components/form-field'
import type { FormValues } from '@/lib/issuing/issue-form'

type ErrorText = (field: string) => string | undefined
const str = (v: FormValues[string] | undefined) => (typeof v === 'string' ? v : undefined)

/**
 * "How do you know?": the issuer says whether they saw it or checked it against criteria. No
 * default on the issuing form (a required choice); the pilot's bulk form starts on `initial`.
 */
export function EvidenceLevelField({ values, error, initial }: { values: FormValues; error: ErrorText; initial?: 'witnessed' | 'assessed' }) {
  const t = useTranslations('issuer.issue.fields')
  return (
    <RadioGroup name="evidenceLevel" legend={t('evidenceLevel')} hint={t('evidenceLevelHint')} error={error('evidenceLevel')} defaultValue={str(values.evidenceLevel) ?? initial}
      options={[
        { value: 'witnessed', label: t('evidenceLevelWitnessed'), description: t('evidenceLevelWitnessedHint') },
        { value: 'assessed', label: t('evidenceLevelAssessed'), description: t('evidenceLevelAssessedHint') },
      ]} />
  )
}

/** Evidence (text, link, photo), shared by every template. */
export function EvidenceFields({ values, error, onPhoto }: { values: FormValues; error: ErrorText; onPhoto: (file: File | undefined) => void }) {
  const t = useTranslations('issuer.issue.fields')
  const tc = useTranslations('common')
  return (
    <fieldset className="iss-fieldset">
      <legend className="iss-fieldset__legend">{t('evidenceLegend')}</legend>
      <p className="field__hint">{t('evidenceIntro')}</p>
      <TextAreaField name="evidenceNarrative" label={t('evidenceNarrative')} hint={t('evidenceNarrativeHint')} optional={tc('form.optional')}
        error={error('evidenceNarrative')} defaultValue={str(values.evidenceNarrative)} rows={3} maxLength={4000} />
      <TextField name="evidenceUrl" type="url" inputMode="url" label={t('evidenceUrl')} hint={t('evidenceUrlHint')} optional={tc('form.optional')}
        error={error('evidenceUrl')} defaultValue={str(values.evidenceUrl)} maxLength={2000} placeholder="https://" />
      <TextField name="evidencePhoto" type="file" accept="image/jpeg,image/png,image/webp" label={t('evidencePhoto')} hint={t('evidencePhotoHint')}
        optional={tc('form.optional')} error={error('evidencePhoto')} className="input iss-file" onChange={(e) => onPhoto(e.currentTarget.files?.[0])} />
    </fieldset>
  )
}

/** Validity and the language the content is written in. */
export function ValidityAndLanguage({ values, error, locale }: { values: FormValues; error: ErrorText; locale: string }) {
  const t = useTranslations('issuer.issue.fields')
  const languages = useTranslations('shell.language')
  const [validity, setValidity] = useState(str(values.validity) ?? 'none')
  // Read once when the form mounts: a render stays pure, and a form left open past midnight keeps its bound.
  const [tomorrow] = useState(() => new Date(Date.now() + 24 * 3600 * 1000).toISOString().slice(0, 10))
  return (
    <>
      <RadioGroup name="validity" legend={t('validity')} hint={t('validityHint')} defaultValue={validity} onChange={setValidity}
        options={[{ value: 'none', label: t('validityNone') }, { value: 'until', label: t('validityUntil') }]} />
      {validity === 'until' && (
        <TextField name="validUntil" type="date" label={t('validUntil')} error={error('validUntil')} defaultValue={str(values.validUntil)} min={tomorrow} />
      )}
      <SelectField name="language" label={t('language')} hint={t('languageHint')} error={error('language')} defaultValue={str(values.language) ?? locale}>
        <option value="fr" lang="fr">{languages('fr')}</option>
        <option value="en" lang="en">{languages('en')}</option>
      </SelectField>
    </>
  )
}
