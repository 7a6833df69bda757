'use client'
import { useTranslations } from 'next-intl'
import { useActionState } from 'react'
import { EvidenceLevelField } from '../../../issue/shared-fields'
import { SkillBadgeFields } from '../../../issue/skill-badge-fields'
import { previewSelectionAction } from '../../actions'
import { usePilotError } from '../../use-pilot-error'
import styles from '../../pilots.module.css'

/** Step 1 for chosen participants: who, and the badge described once. */
export function SelectionForm({ pilotId, participants }: { pilotId: string; participants: { id: string; displayName: string; username: string }[] }) {
  const t = useTranslations('pilots.bulk')
  const errorText = usePilotError()
  const [state, action, pending] = useActionState(previewSelectionAction, undefined)
  const values = state?.values ?? {}
  const errors = state?.fieldErrors ?? {}
  const chosen = new Set(Array.isArray(values.userId) ? values.userId : [])
  return (
    <form action={action} className="form" noValidate>
      {errors._form && <p className="alert alert--error" role="alert">{errorText(errors._form)}</p>}
      <input type="hidden" name="pilotId" value={pilotId} />
      <fieldset className="field" aria-describedby={errors.userId ? 'participants-error' : undefined}>
        <legend className="field__label">{t('participants')}</legend>
        <div className={styles.checks}>
          {participants.map((p) => (
            <label key={p.id} className={styles.check}>
              <input type="checkbox" name="userId" value={p.id} defaultChecked={chosen.has(p.id)} />
              <span>{p.displayName} <span className={styles.code}>@{p.username}</span></span>
            </label>
          ))}
        </div>
        {errors.userId && <p className="field__error" id="participants-error">{errorText(errors.userId)}</p>}
      </fieldset>
      <SkillBadgeFields values={values} error={(field) => errorText(errors[field])} />
      <EvidenceLevelField values={values} error={(field) => errorText(errors[field])} initial="witnessed" />
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={pending}>{pending ? t('checking') : t('checkSelection')}</button>
      </div>
    </form>
  )
}
