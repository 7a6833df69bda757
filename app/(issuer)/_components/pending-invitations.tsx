import { getFormatter, getTranslations } from 'next-intl/server'
import type { InvitationDto } from '@/lib/onboarding/service'

/** Pending invitations, each with a button that withdraws it (the given server action). */
export async function PendingInvitations({ invitations, revoke, showOrganisation = false, headingId }: {
  invitations: InvitationDto[]
  revoke: (form: FormData) => Promise<void>
  showOrganisation?: boolean
  headingId: string
}) {
  const [t, tc, format] = await Promise.all([getTranslations('onboarding.invitations'), getTranslations('common'), getFormatter()])
  if (invitations.length === 0) return <p className="iss-empty">{t('pending.empty')}</p>
  return (
    <ul className="iss-invitations" aria-labelledby={headingId}>
      {invitations.map((inv) => (
        <li key={inv.id} className="iss-invitation">
          <div>
            <p className="iss-invitation__role">
              {tc(`roles.${inv.role}`)}
              {showOrganisation && <> · {inv.organisationName}</>}
            </p>
            <p className="field__hint">
              {inv.email ?? t('pending.noEmail')}
              {' · '}
              {t('pending.until', { date: format.dateTime(new Date(inv.expiresAt), { dateStyle: 'medium' }) })}
              {inv.createdByName && <> · {t('pending.by', { name: inv.createdByName })}</>}
            </p>
          </div>
          <form action={revoke}>
            <input type="hidden" name="invitationId" value={inv.id} />
            <button type="submit" className="button button--secondary button--small">
              {t('pending.revoke')}<span className="visually-hidden"> {t('pending.revokeWhich', { role: tc(`roles.${inv.role}`), email: inv.email ?? '' })}</span>
            </button>
          </form>
        </li>
      ))}
    </ul>
  )
}
