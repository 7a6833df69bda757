import { getFormatter, getTranslations } from 'next-intl/server'
import type { ActorDto, RegistryOrganisationDto } from '@/lib/orgs/admin'
import styles from '../admin.module.css'
import { OrganisationDecision } from './organisation-decision'

const KINDS = new Set(['youth_support', 'training', 'employer'])
const ACTIONS = new Set(['registered', 'approved', 'suspended', 'reinstated', 'key_rotated'])
const PILL = { pending: 'pill--unchecked', approved: 'pill--passed', suspended: 'pill--failed' } as const

/** One organisation of the registry: its standing, who decided and when, its decision buttons and its history. */
export async function OrganisationEntry({ org }: { org: RegistryOrganisationDto }) {
  const [t, format] = await Promise.all([getTranslations('admin'), getFormatter()])
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'long', timeStyle: 'short' })
  const who = (actor: ActorDto | null) => (actor ? (actor.kind === 'user' ? actor.name : t(`registry.actor.${actor.kind}`)) : t('registry.actor.none'))
  const headingId = `org-${org.slug}-title`
  return (
    <article className={`card ${styles.org}`} id={`org-${org.slug}`} aria-labelledby={headingId} data-org-status={org.status}>
      <div className={styles.orgHead}>
        <h4 id={headingId}>{org.name}</h4>
        <span className={`pill ${PILL[org.status]}`}>{t(`registry.status.${org.status}`)}</span>
      </div>
      <p className="field__hint">{t(`kinds.${KINDS.has(org.kind) ? org.kind : 'other'}`)}{' · '}{org.region ?? t('registry.noRegion')}</p>
      <dl className={styles.facts}>
        <div><dt>{t('registry.registeredOn')}</dt><dd>{when(org.createdAt)}</dd></div>
        {org.approvedAt && (
          <div><dt>{t('registry.approvedSince')}</dt><dd>{t('registry.byWhom', { date: when(org.approvedAt), who: who(org.approvedBy) })}</dd></div>
        )}
        {org.status === 'suspended' && org.suspendedAt && (
          <>
            <div><dt>{t('registry.suspendedSince')}</dt><dd>{t('registry.byWhom', { date: when(org.suspendedAt), who: who(org.suspendedBy) })}</dd></div>
            <div className={styles.wide}><dt>{t('registry.reason')}</dt><dd>{org.suspendedReason}</dd></div>
          </>
        )}
      </dl>
      <dl className="iss-org__counts">
        <div><dt>{t('organisations.staff')}</dt><dd>{org.staffCount}</dd></div>
        <div><dt>{t('organisations.youngPeople')}</dt><dd>{org.youngPeopleCount}</dd></div>
        <div><dt>{t('organisations.credentials')}</dt><dd>{org.credentialCount}</dd></div>
      </dl>
      <p className="iss-org__did"><span>{t('organisations.did')}</span> <code>{org.did}</code></p>
      {org.otherDids.length > 0 && (
        <p className="iss-org__did"><span>{t('registry.otherDids')}</span> {org.otherDids.map((d) => <code key={d}>{d}</code>)}</p>
      )}
      <OrganisationDecision slug={org.slug} name={org.name} status={org.status} />
      <details className={`disclosure ${styles.history}`}>
        <summary>{t('registry.history', { count: org.events.length })}<span className="visually-hidden"> : {org.name}</span></summary>
        <ol className={styles.events}>
          {org.events.map((e) => (
            <li key={e.id}>
              <time dateTime={e.at}>{when(e.at)}</time>
              <span>{t(`registry.events.${ACTIONS.has(e.action) ? e.action : 'other'}`, { who: who(e.actor) })}</span>
              {e.reason && <span className={styles.muted}>{t('registry.reasonGiven', { reason: e.reason })}</span>}
            </li>
          ))}
        </ol>
      </details>
    </article>
  )
}
