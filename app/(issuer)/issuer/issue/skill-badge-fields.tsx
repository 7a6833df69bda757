'use client'
import { useLocale, useTranslations } from 'next-intl'
import { LEVELS } from '@/lib/credentials/templates/skill-badge'
import type { FormValues } from '@/lib/issuing/issue-form'
import { RadioGroup, TextAreaField } from '../../_components/form-field'
import { ConceptCombobox, type Concept } from './concept-combobox'

type ErrorText = (field: string) => string | undefined

export function parseConceptValue(v: FormValues[string] | undefined): Concept | undefined {
  if (typeof v !== 'string' || !v) return undefined
  try {
    return JSON.parse(v) as Concept
  } catch {
    return undefined
  }
}

/** The skill (ESCO, EU key competence, or free text), its level, and what was observed. */
export function SkillBadgeFields({ values, error }: { values: FormValues; error: ErrorText }) {
  const t = useTranslations('issuer')
  const locale = useLocale()
  return (
    <>
      <ConceptCombobox mode="single" id="skill" name="skill" conceptName="skillConcept" lang={locale}
        label={t('issue.fields.skill')} hint={t('issue.fields.skillHint')} error={error('skill')}
        defaultText={typeof values.skill === 'string' ? values.skill : ''} defaultConcept={parseConceptValue(values.skillConcept)} />
      <RadioGroup name="level" legend={t('issue.fields.level')} hint={t('issue.fields.levelHint')} error={error('level')}
        defaultValue={typeof values.level === 'string' ? values.level : undefined}
        options={LEVELS.map((l) => ({ value: l, label: t(`levels.${l}.label`), description: t(`levels.${l}.description`) }))} />
      <TextAreaField name="criteria" label={t('issue.fields.criteria')} hint={t('issue.fields.criteriaHint')} error={error('criteria')}
        defaultValue={typeof values.criteria === 'string' ? values.criteria : undefined} rows={5} maxLength={4000} />
    </>
  )
}
