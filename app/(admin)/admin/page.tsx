import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { InvitationForm } from '@/app/(issuer)/_components/invitation-form'
import { PendingInvitations } from '@/app/(issuer)/_components/pending-invitations'
import { requireRole } from '@/lib/auth/guards'
import { ADMIN_INVITABLE_ROLES } from '@/lib/onboarding/schemas'
import { listInvitations, listOrganisationsOverview } from '@/lib/onboarding/service'
import { getRuntime } from '@/lib/runtime'
import { createAdminInvitationAction, revokeAdminInvitationAction } from './actions'

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin')
  return { title: t('title') }
}

const KINDS = new Set(['youth_support', 'training', 'employer'])

export default async function AdminPage() {
  const user = await requireRole('admin')
  const rt = await getRuntime()
  const [t, orgs, invitations] = await Promise.all([getTranslations('admin'), listOrganisationsOverview(rt, user), listInvitations(rt, user)])
  return (
    <main id="content" className="page">
      <header className="page-header">
        <div>
          <h1>{t('title')}</h1>
          <p>{t('intro')}</p>
        </div>
      </header>

      <section aria-labelledby="orgs-title" className="iss-section">
        <h2 id="orgs-title" className="iss-section-title">{t('organisations.title', { count: orgs.length })}</h2>
        {orgs.length === 0 ? <p className="iss-empty">{t('organisations.empty')}</p> : (
          <ul className="iss-orgs">
            {orgs.map((o) => (
              <li key={o.id} className="card iss-org">
                <h3>{o.name}</h3>
                <p className="field__hint">{t(`kinds.${KINDS.has(o.kind) ? o.kind : 'other'}`)}{o.region ? ` · ${o.region}` : ''}</p>
                <dl className="iss-org__counts">
                  <div><dt>{t('organisations.staff')}</dt><dd>{o.staffCount}</dd></div>
                  <div><dt>{t('organisations.youngPeople')}</dt><dd>{o.youngPeopleCount}</dd></div>
                  <div><dt>{t('organisations.credentials')}</dt><dd>{o.credentialCount}</dd></div>
                </dl>
                <p className="iss-org__did"><span>{t('organisations.did')}</span> <code>{o.did}</code></p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <div className="iss-columns">
        <section className="card" aria-labelledby="admin-invite-title">
          <h2 id="admin-invite-title" className="iss-card-title">{t('invite.title')}</h2>
          <p className="iss-card-intro">{t('invite.intro')}</p>
          <InvitationForm action={createAdminInvitationAction} roles={[...ADMIN_INVITABLE_ROLES]} organisations={orgs.map((o) => ({ id: o.id, name: o.name }))} />
        </section>
        <section className="card" aria-labelledby="admin-pending-title">
          <h2 id="admin-pending-title" className="iss-card-title">{t('pending.title')}</h2>
          <PendingInvitations invitations={invitations} revoke={revokeAdminInvitationAction} showOrganisation headingId="admin-pending-title" />
        </section>
      </div>
    </main>
  )
}
