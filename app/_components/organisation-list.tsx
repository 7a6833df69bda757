import { getTranslations } from 'next-intl/server'
import type { OrganisationDto } from '@/lib/orgs/service'

const KINDS = new Set(['youth_support', 'training', 'employer'])

/** The approved organisations of this instance, with the DID each one signs with (developer page). */
export async function OrganisationList({ orgs }: { orgs: OrganisationDto[] }) {
  const [t, tk] = await Promise.all([getTranslations('developers.organisations'), getTranslations('landing.instance')])
  if (orgs.length === 0) return <p className="empty">{tk('empty')}</p>
  return (
    <ul className="orgs" aria-label={t('listLabel')}>
      {orgs.map((org) => (
        <li key={org.slug} className="card org">
          <h3>{org.name}</h3>
          <p className="org__facts">
            <span>{tk(`kinds.${KINDS.has(org.kind) ? org.kind : 'other'}`)}</span>
            <span aria-hidden="true">{' · '}</span>
            <span>{org.region ?? tk('noRegion')}</span>
          </p>
          <p className="org__did">
            <span className="org__did-label">{t('didLabel')}</span>
            <code>{org.did}</code>
          </p>
        </li>
      ))}
    </ul>
  )
}
