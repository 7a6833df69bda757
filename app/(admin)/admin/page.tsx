import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { InvitationForm } from '@/app/(issuer)/_components/invitation-form'
import { PendingInvitations } from '@/app/(issuer)/_components/pending-invitations'
import { requireRole } from '@/lib/auth/guards'
import { ADMIN_INVITABLE_ROLES } from '@/lib/onboarding/schemas'
import { listInvitations } from '@/lib/onboarding/service'
import { listRegistryOrganisations, type RegistryOrganisationDto } from '@/lib/orgs/admin'
import { ORGANISATION_STATUSES } from '@/lib/orgs/service'
import { listRegistries, type RegistryDto } from '@/lib/registry/service'
import { getRuntime } from '@/lib/runtime'
import { createAdminInvitationAction, revokeAdminInvitationAction } from './actions'
import { OrganisationEntry } from './_components/organisation-entry'
import { RegistryList } from './_components/registry-list'
import { RegistryUpload } from './_components/registry-upload'
import styles from './admin.module.css'
import { PageHeader } from '@/app/_components/page-header'

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin')
  return { title: t('title') }
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>

export default async function AdminPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireRole('admin')
  const rt = await getRuntime()
  const [t, orgs, registries, invitations, sp] = await Promise.all([
    getTranslations('admin'), listRegistryOrganisations(rt, user), listRegistries(rt, user), listInvitations(rt, user), searchParams,
  ])
  const notice = noticeOf(sp, orgs, registries)
  return (
    <main id="content" className="page">
      <PageHeader title={t('title')} intro={t('intro')} />
      {notice && <p role="status" className={`alert alert--success ${styles.notice}`}>{t(`notices.${notice.key}`, notice.values)}</p>}

      <section aria-labelledby="registry-title" className="iss-section">
        <h2 id="registry-title" className="iss-section-title">{t('registry.title')}</h2>
        <p className={styles.intro}>{t('registry.intro')}</p>
        {ORGANISATION_STATUSES.map((status) => {
          const group = orgs.filter((o) => o.status === status)
          return (
            <section key={status} aria-labelledby={`group-${status}`} className={styles.group} data-group={status}>
              <h3 id={`group-${status}`} className={styles.groupTitle}>{t(`registry.groups.${status}`, { count: group.length })}</h3>
              {group.length === 0 ? <p className="iss-empty">{t(`registry.empty.${status}`)}</p> : (
                <ul className={styles.orgs}>
                  {group.map((o) => <li key={o.slug}><OrganisationEntry org={o} /></li>)}
                </ul>
              )}
            </section>
          )
        })}
      </section>

      <section aria-labelledby="registries-title" id="registries" className="iss-section">
        <h2 id="registries-title" className="iss-section-title">{t('registries.title')}</h2>
        <p className={styles.intro}>{t('registries.intro')}</p>
        <div className="iss-columns">
          <div className="card"><RegistryUpload /></div>
          <div className="card"><RegistryList registries={registries} /></div>
        </div>
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

const ORG_NOTICES = ['approved', 'suspended', 'reinstated'] as const
const REGISTRY_NOTICES = ['loaded', 'replaced', 'removed'] as const

/** What the last action did, from the address it came back to (`?approved=<slug>`, `?loaded=<registry>`…). */
function noticeOf(sp: Record<string, string | string[] | undefined>, orgs: RegistryOrganisationDto[], registries: RegistryDto[]): { key: string; values: Record<string, string | number> } | undefined {
  for (const key of ORG_NOTICES) {
    const org = typeof sp[key] === 'string' ? orgs.find((o) => o.slug === sp[key]) : undefined
    if (org) return { key, values: { name: org.name } }
  }
  for (const key of REGISTRY_NOTICES) {
    const name = sp[key]
    if (typeof name !== 'string' || name.length > 100) continue
    const registry = registries.find((r) => r.name === name)
    if (key === 'removed' ? !registry : registry) return { key, values: { name, count: registry?.entries ?? 0 } }
  }
  return undefined
}
