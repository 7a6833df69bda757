'use client'
import { useTranslations } from 'next-intl'
import { useActionState, useEffect, useRef, useState } from 'react'
import { RadioGroup, TextField } from '@/app/(issuer)/_components/form-field'
import { slugify } from '@/lib/orgs/slug'
import { registerOrganisationAction } from './actions'

const KINDS = ['youth_support', 'training', 'employer'] as const

/** The organisation (name, address slug derived from the name, kind, region) and its first staff member. */
export function RegisterForm() {
  const t = useTranslations('auth.register')
  const tc = useTranslations('common')
  const [state, action, pending] = useActionState(registerOrganisationAction, undefined)
  const values = state?.values ?? {}
  const errors = state?.fieldErrors ?? {}
  const [name, setName] = useState(values.organisationName ?? '')
  const [slug, setSlug] = useState(values.slug ?? '')
  const [slugEdited, setSlugEdited] = useState(Boolean(values.slug))
  const summary = useRef<HTMLParagraphElement>(null)
  useEffect(() => {
    if (state) summary.current?.focus()
  }, [state?.at, state])
  const error = (field: string) => {
    const first = errors[field]?.[0]
    if (!first) return undefined
    const [key = 'invalid'] = first.split(':')
    return t.has(`errors.${key}`) ? t(`errors.${key}`) : t('errors.invalid')
  }
  const shownSlug = slugEdited ? slug : slugify(name)
  return (
    <form action={action} className="form" noValidate>
      {state && (
        <p ref={summary} tabIndex={-1} className="alert alert--error" role="alert">
          {state.error === 'tooManyAttempts' ? tc('limits.tooMany', { minutes: state.retryAfterMinutes ?? 60 }) : state.error === 'busy' ? tc('limits.busy') : tc('form.fixErrors')}
        </p>
      )}
      <fieldset className="iss-fieldset">
        <legend className="iss-fieldset__legend">{t('organisation')}</legend>
        <TextField name="organisationName" label={t('organisationName')} hint={t('organisationNameHint')} error={error('organisationName')}
          value={name} onChange={(e) => setName(e.target.value)} autoComplete="organization" required maxLength={200} />
        <TextField name="slug" label={t('slug')} hint={t('slugHint', { example: shownSlug || 'club-sportif' })} error={error('slug')}
          value={shownSlug} onChange={(e) => { setSlugEdited(true); setSlug(e.target.value) }}
          autoCapitalize="none" spellCheck={false} maxLength={50} />
        <RadioGroup name="kind" legend={t('kind')} hint={t('kindHint')} error={error('kind')} defaultValue={values.kind}
          options={KINDS.map((k) => ({ value: k, label: t(`kinds.${k}.label`), description: t(`kinds.${k}.description`) }))} />
        <TextField name="region" label={t('region')} optional={tc('form.optional')} hint={t('regionHint')} error={error('region')}
          defaultValue={values.region} autoComplete="address-level1" maxLength={100} />
      </fieldset>
      <fieldset className="iss-fieldset">
        <legend className="iss-fieldset__legend">{t('you')}</legend>
        <p className="field__hint">{t('youHint')}</p>
        <TextField name="displayName" label={t('displayName')} error={error('displayName')} defaultValue={values.displayName} autoComplete="name" required maxLength={100} />
        <TextField name="username" label={t('username')} hint={t('usernameHint')} error={error('username')} defaultValue={values.username}
          autoComplete="username" autoCapitalize="none" spellCheck={false} required maxLength={40} />
        <TextField name="email" type="email" label={t('email')} hint={t('emailHint')} error={error('email')} defaultValue={values.email} autoComplete="email" required maxLength={200} />
        <TextField name="password" type="password" label={t('password')} hint={t('passwordHint')} error={error('password')} autoComplete="new-password" required minLength={10} maxLength={200} />
        <TextField name="confirm" type="password" label={t('confirm')} error={error('confirm')} autoComplete="new-password" required maxLength={200} />
      </fieldset>
      <p className="alert">{t('pendingNote')}</p>
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={pending} aria-disabled={pending}>{pending ? t('registering') : t('submit')}</button>
      </div>
    </form>
  )
}
