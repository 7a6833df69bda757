import { getTranslations } from 'next-intl/server'
import type { OrganisationDto } from '@/lib/orgs/service'

const KINDS = new Set(['youth_support', 'training', 'employer'])

/** The organisations of this instance, with the DID each one signs with. */
export async function OrganisationList({ orgs }: { orgs: OrganisationDto[] }) {
  const t = await getTranslations('landing.instance')
  if (orgs.length === 0) return <p className="empty">{t('empty')}</p>
  return (
    <ul className="orgs" aria-label={t('listLabel')}>
      {orgs.map((org) => (
        <li key={org.slug} className="card org">
          <h3>{org.name}</h3>
          <p className="org__facts">
            <span>{t(`kinds.${KINDS.has(org.kind) ? org.kind : 'other'}`)}</span>
            <span aria-hidden="true">{' · '}</span>
            <span>{org.region ?? t('noRegion')}</span>
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
