'use client'
import { useLocale, useTranslations } from 'next-intl'
import type { FormValues } from '@/lib/issuing/issue-form'
import { SelectField, TextAreaField, TextField } from '../../_components/form-field'
import { ConceptCombobox, type Concept } from './concept-combobox'
import { parseConceptValue } from './skill-badge-fields'

type ErrorText = (field: string) => string | undefined
const KINDS = ['internship', 'work_trial', 'job', 'volunteering'] as const
const str = (v: FormValues[string] | undefined) => (typeof v === 'string' ? v : undefined)

/** An employer's attestation: kind, role, place, period, tasks and the skills shown. */
export function WorkExperienceFields({ values, error }: { values: FormValues; error: ErrorText }) {
  const t = useTranslations('issuer')
  const tc = useTranslations('common')
  const locale = useLocale()
  const skills = (Array.isArray(values.skills) ? values.skills : []).map(parseConceptValue).filter((c): c is Concept => Boolean(c))
  return (
    <>
      <SelectField name="kind" label={t('issue.fields.kind')} error={error('kind')} defaultValue={str(values.kind) ?? ''}>
        <option value="" disabled>{t('issue.fields.kindChoose')}</option>
        {KINDS.map((k) => <option key={k} value={k}>{t(`kinds.${k}`)}</option>)}
      </SelectField>
      <TextField name="role" label={t('issue.fields.role')} hint={t('issue.fields.roleHint')} error={error('role')} defaultValue={str(values.role)} maxLength={200} />
      <div className="iss-grid-2">
        <TextField name="placeName" label={t('issue.fields.placeName')} error={error('placeName')} defaultValue={str(values.placeName)} maxLength={200} />
        <TextField name="placeLocality" label={t('issue.fields.placeLocality')} error={error('placeLocality')} defaultValue={str(values.placeLocality)} maxLength={200} />
      </div>
      <TextField name="placeCountry" label={t('issue.fields.placeCountry')} hint={t('issue.fields.placeCountryHint')} optional={tc('form.optional')}
        error={error('placeCountry')} defaultValue={str(values.placeCountry) ?? 'FR'} maxLength={2} className="input iss-input-short" autoCapitalize="characters" />
      <div className="iss-grid-2">
        <TextField name="periodStart" type="date" label={t('issue.fields.periodStart')} error={error('periodStart')} defaultValue={str(values.periodStart)} />
        <TextField name="periodEnd" type="date" label={t('issue.fields.periodEnd')} hint={t('issue.fields.periodEndHint')} optional={tc('form.optional')}
          error={error('periodEnd')} defaultValue={str(values.periodEnd)} />
      </div>
      <TextAreaField name="tasks" label={t('issue.fields.tasks')} hint={t('issue.fields.tasksHint')} error={error('tasks')}
        defaultValue={str(values.tasks)} rows={5} maxLength={10000} />
      <ConceptCombobox mode="multi" id="skills" listName="skills" lang={locale} label={t('issue.fields.skills')} hint={t('issue.fields.skillsHint')}
        error={error('skills')} defaultConcepts={skills} />
    </>
  )
}
