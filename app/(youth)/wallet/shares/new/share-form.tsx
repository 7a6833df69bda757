'use client'
import Link from 'next/link'
import { useLocale, useTranslations } from 'next-intl'
import { useActionState, useState } from 'react'
import { createShareAction, type CreateShareState } from '../actions'
import styles from '../shares.module.css'
import { ShareCreated } from './share-created'

export interface ShareChoice {
  id: string
  title: string
  level: string | null
  issuer: string | null
  language: string
  expired: boolean
  /** Added from elsewhere by the young person. */
  imported: boolean
  /** Issued to another identifier than the young person's: the recruiter will see it said. */
  otherIdentifier: boolean
}

interface Props {
  choices: ShareChoice[]
  limits: { about: number; label: number }
  expiryChoices: number[]
  defaultExpiry: number
  /** Profile sections the young person may add (their own words, shown apart from the credentials). */
  sections: readonly string[]
  /** What the form starts with: another share's choices, when making a new link like it. */
  initial?: { label: string; about: string; credentialIds: string[]; sections: string[]; expiresInDays?: string }
}

/** Pick credentials, say a few words, name the link, choose how long it lasts. */
export function ShareForm({ choices, limits, expiryChoices, defaultExpiry, sections, initial }: Props) {
  const t = useTranslations('shares')
  const tp = useTranslations('profile.share')
  const locale = useLocale()
  const [state, action, pending] = useActionState<CreateShareState, FormData>(createShareAction, undefined)
  const values = state && !state.ok ? state.values : initial
  const errors = state && !state.ok ? state.fieldErrors : {}
  // The counter follows what is typed; after a refused submission React resets the form to the
  // returned values, and the counter follows them again.
  const [typed, setTyped] = useState<string | null>(null)
  const [seenState, setSeenState] = useState(state)
  if (state !== seenState) {
    setSeenState(state)
    setTyped(null)
  }

  if (state?.ok) return <ShareCreated shareId={state.shareId} url={state.url} expiresAt={state.expiresAt} qrSvg={state.qrSvg} qrPng={state.qrPng} />

  const picked = new Set(values?.credentialIds ?? [])
  const pickedSections = new Set(values?.sections ?? [])
  const error = (field: keyof typeof errors, id: string) => {
    const key = errors[field]?.[0]
    return key ? <p id={id} className="field__error">{t.has(`form.errors.${key}`) ? t(`form.errors.${key}`) : t('form.errors.invalid')}</p> : null
  }
  const aboutValue = typed ?? values?.about ?? ''
  return (
    <form action={action} className="form" noValidate>
      {Object.keys(errors).length > 0 && <p role="alert" className="alert alert--error">{t('form.fixErrors')}</p>}

      <fieldset className="field" aria-describedby={errors.credentialIds ? 'credentials-error' : 'credentials-hint'}>
        <legend className="field__label">{t('form.credentials.label')}</legend>
        <p id="credentials-hint" className="field__hint">{t('form.credentials.hint')}</p>
        {error('credentialIds', 'credentials-error')}
        <ul className={styles.choices}>
          {choices.map((c) => (
            <li key={c.id}>
              <label className={styles.choice}>
                <input type="checkbox" name="credentialIds" value={c.id} defaultChecked={picked.has(c.id)} />
                <span>
                  <strong lang={c.language !== locale && c.language !== 'und' ? c.language : undefined}>{c.title}</strong>
                  <span className={styles.choiceMeta}>
                    {[c.level, c.issuer].filter(Boolean).join(' · ')}
                    {c.expired && <> · {t('form.credentials.expired')}</>}
                    {c.imported && <> · {t('form.credentials.imported')}</>}
                    {c.otherIdentifier && <> · {t('form.credentials.otherIdentifier')}</>}
                  </span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>

      <fieldset className="field" aria-describedby="sections-hint">
        <legend className="field__label">{tp('legend')} <span className={styles.optional}>({t('form.optional')})</span></legend>
        <p id="sections-hint" className="field__hint">{tp('hint')}</p>
        {sections.map((s) => (
          <label key={s} className="choice">
            <input type="checkbox" name="sections" value={s} defaultChecked={pickedSections.has(s)} />
            {tp(`sections.${s}`)}
          </label>
        ))}
        <p className="field__hint"><Link href="/profile">{tp('editProfile')}</Link></p>
      </fieldset>

      <div className="field">
        <label className="field__label" htmlFor="about">{t('form.about.label')} <span className={styles.optional}>({t('form.optional')})</span></label>
        <p id="about-hint" className="field__hint">{t('form.about.hint')}</p>
        <textarea
          id="about" name="about" className="textarea" maxLength={limits.about} rows={5}
          defaultValue={values?.about} onChange={(e) => setTyped(e.target.value)}
          aria-describedby={`about-hint about-count${errors.about ? ' about-error' : ''}`} aria-invalid={errors.about ? true : undefined}
        />
        <p id="about-count" className="field__hint" aria-live="polite">{t('form.about.count', { count: aboutValue.length, max: limits.about })}</p>
        {error('about', 'about-error')}
      </div>

      <div className="field">
        <label className="field__label" htmlFor="label">{t('form.label.label')}</label>
        <p id="label-hint" className="field__hint">{t('form.label.hint')}</p>
        <input
          id="label" name="label" className="input" maxLength={limits.label} required autoComplete="off"
          defaultValue={values?.label} aria-describedby={`label-hint${errors.label ? ' label-error' : ''}`} aria-invalid={errors.label ? true : undefined}
        />
        {error('label', 'label-error')}
      </div>

      <fieldset className="field" aria-describedby={errors.expiresInDays ? 'expiry-error' : undefined}>
        <legend className="field__label">{t('form.expiry.label')}</legend>
        {expiryChoices.map((d) => (
          <label key={d} className="choice">
            <input type="radio" name="expiresInDays" value={d} defaultChecked={String(d) === (values?.expiresInDays ?? String(defaultExpiry))} />
            {t('form.expiry.days', { count: d })}
          </label>
        ))}
        {error('expiresInDays', 'expiry-error')}
      </fieldset>

      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={pending} aria-disabled={pending}>
          {pending ? t('form.creating') : t('form.submit')}
        </button>
      </div>
    </form>
  )
}
