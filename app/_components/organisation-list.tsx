import type { OrganisationDto } from '@/lib/orgs/service'

interface OrganisationListCopy {
  listLabel: string
  empty: string
  kinds: Record<string, string>
  unknownKind: string
  noRegion: string
  didLabel: string
}

/** The organisations of this instance, with the DID each one signs with. */
export function OrganisationList({ orgs, copy }: { orgs: OrganisationDto[]; copy: OrganisationListCopy }) {
  if (orgs.length === 0) return <p className="empty">{copy.empty}</p>
  return (
    <ul className="orgs" aria-label={copy.listLabel}>
      {orgs.map((org) => (
        <li key={org.slug} className="card org">
          <h3>{org.name}</h3>
          <p className="org__facts">
            <span>{copy.kinds[org.kind] ?? copy.unknownKind}</span>
            <span aria-hidden="true"> · </span>
            <span>{org.region ?? copy.noRegion}</span>
          </p>
          <p className="org__did">
            <span className="org__did-label">{copy.didLabel}</span>
            <code>{org.did}</code>
          </p>
        </li>
      ))}
    </ul>
  )
}
