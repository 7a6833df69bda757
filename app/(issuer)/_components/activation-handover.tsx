'use client'
import Link from 'next/link'
import { useFormatter, useTranslations } from 'next-intl'
import type { ActivationHandover as Handover } from '../issuer/young-people/actions'
import { LinkHandover } from './link-handover'

/** A young person's activation link, with a printed sheet addressed to them (tutoiement). */
export function ActivationHandover({ handover, isNew, children }: { handover: Handover; isNew: boolean; children?: React.ReactNode }) {
  const t = useTranslations('onboarding.handover')
  const format = useFormatter()
  const firstName = handover.displayName.split(/\s+/)[0] ?? handover.displayName
  const until = format.dateTime(new Date(handover.expiresAt), { dateStyle: 'long' })
  return (
    <LinkHandover
      title={isNew ? t('activationTitle', { name: handover.displayName }) : t('activationRenewedTitle', { name: handover.displayName })}
      lead={<>
        <p>{t('activationLead', { name: firstName })}</p>
        <p className="iss-handover__username">{t('usernameIs')} <strong>{handover.username}</strong></p>
      </>}
      url={handover.url}
      qrSvg={handover.qrSvg}
      expiresAt={handover.expiresAt}
      printSheet={<>
        <p className="iss-print-sheet__hello">{t('sheet.hello', { name: firstName })}</p>
        <p>{t('sheet.scan')}</p>
        <p>{t('sheet.username')} <strong>{handover.username}</strong></p>
        <p>{t('sheet.once', { date: until })}</p>
      </>}
    >
      <Link className="button button--secondary" href={`/issuer/issue?holder=${encodeURIComponent(handover.userId)}`}>{t('issueTo', { name: firstName })}</Link>
      {children}
    </LinkHandover>
  )
}
