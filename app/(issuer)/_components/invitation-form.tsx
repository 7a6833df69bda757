'use client'
import { useTranslations } from 'next-intl'
import { useActionState, useState } from 'react'
import type { InvitationState } from '../issuer/team/actions'
import { RadioGroup, SelectField, TextField } from './form-field'
import { LinkHandover } from './link-handover'
import { useErrorText } from './use-error-text'

type Action = (state: InvitationState, form: FormData) => Promise<InvitationState>

/**
 * Creates an invitation (staff: tutor or recruiter into their organisation; admin: also counsellor,
 * into any organisation) and shows its link once.
 */
export function InvitationForm(props: { action: Action; roles: string[]; organisations?: { id: string; name: string }[] }) {
  const [round, setRound] = useState(0)
  return <InvitationFormRound key={round} {...props} onAnother={() => setRound((r) => r + 1)} />
}

function InvitationFormRound({ action, roles, organisations, onAnother }: { action: Action; roles: string[]; organisations?: { id: string; name: string }[]; onAnother: () => void }) {
  const t = useTranslations('onboarding.invitations')
  const tc = useTranslations('common')
  const errorText = useErrorText('onboarding')
  const [state, formAction, pending] = useActionState(action, undefined)

  if (state?.ok) {
    const h = state.handover
    return (
      <LinkHandover
        headingLevel={3}
        title={t('handover.title', { role: tc(`roles.${h.role}`), organisation: h.organisationName })}
        lead={<p>{h.email ? t('handover.leadEmail', { email: h.email }) : t('handover.lead')}</p>}
        url={h.url}
        qrSvg={h.qrSvg}
        expiresAt={h.expiresAt}
        printSheet={<p>{t('handover.sheet', { organisation: h.organisationName, role: tc(`roles.${h.role}`) })}</p>}
      >
        <button type="button" className="button button--secondary" onClick={onAnother}>{t('another')}</button>
      </LinkHandover>
    )
  }
  const errors = state?.fieldErrors ?? {}
  const values = state?.values ?? {}
  return (
    <form action={formAction} className="form" noValidate>
      {Object.keys(errors).length > 0 && <p className="alert alert--error" role="alert">{tc('form.fixErrors')}</p>}
      {organisations && (
        <SelectField name="organisationId" label={t('organisation')} error={errorText(errors.organisationId)} defaultValue={values.organisationId ?? ''}>
          <option value="" disabled>{t('chooseOrganisation')}</option>
          {organisations.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
        </SelectField>
      )}
      <RadioGroup name="role" legend={t('role')} error={errorText(errors.role)} defaultValue={values.role}
        options={roles.map((r) => ({ value: r, label: tc(`roles.${r}`), description: t(`roleDescriptions.${r}`) }))} />
      <TextField name="email" type="email" label={t('email')} hint={t('emailHint')} optional={tc('form.optional')}
        error={errorText(errors.email)} defaultValue={values.email} autoComplete="off" maxLength={200} />
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={pending}>{pending ? t('creating') : t('submit')}</button>
      </div>
    </form>
  )
}
