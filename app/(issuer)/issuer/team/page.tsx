import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { requireRole } from '@/lib/auth/guards'
import { STAFF_INVITABLE_ROLES } from '@/lib/onboarding/schemas'
import { listInvitations, listTeamMembers } from '@/lib/onboarding/service'
import { getRuntime } from '@/lib/runtime'
import { InvitationForm } from '../../_components/invitation-form'
import { PendingInvitations } from '../../_components/pending-invitations'
import { createInvitationAction, revokeInvitationAction } from './actions'
import { PageHeader } from '@/app/_components/page-header'

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('onboarding.team')
  return { title: t('title') }
}

export default async function TeamPage() {
  const user = await requireRole('counsellor', 'tutor')
  const rt = await getRuntime()
  const [t, tc, members, invitations] = await Promise.all([
    getTranslations('onboarding.team'), getTranslations('common'), listTeamMembers(rt, user), listInvitations(rt, user),
  ])
  return (
    <main id="content" className="page">
      <PageHeader eyebrow={user.organisationName} title={t('title')} intro={t('intro')} />
      <div className="iss-columns">
        <section className="card" aria-labelledby="invite-title">
          <h2 id="invite-title" className="iss-card-title">{t('inviteTitle')}</h2>
          <p className="iss-card-intro">{t('inviteIntro')}</p>
          <InvitationForm action={createInvitationAction} roles={[...STAFF_INVITABLE_ROLES]} />
        </section>
        <div className="iss-stack">
          <section className="card" aria-labelledby="pending-title">
            <h2 id="pending-title" className="iss-card-title">{t('pendingTitle')}</h2>
            <PendingInvitations invitations={invitations} revoke={revokeInvitationAction} headingId="pending-title" />
          </section>
          <section className="card" aria-labelledby="members-title">
            <h2 id="members-title" className="iss-card-title">{t('membersTitle')}</h2>
            <ul className="iss-members" aria-labelledby="members-title">
              {members.map((m) => (
                <li key={m.id}>
                  <span className="iss-members__name">{m.displayName}{m.id === user.id && <> ({t('you')})</>}</span>
                  <span className="pill pill--info">{tc(`roles.${m.role}`)}</span>
                </li>
              ))}
            </ul>
          </section>
        </div>
      </div>
    </main>
  )
}
