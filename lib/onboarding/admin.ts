import type { SessionUser } from '@/lib/auth/sessions'
import type { Runtime } from '@/lib/runtime'
import { assertAdmin } from './access'

export interface OrganisationOverviewDto {
  id: string
  name: string
  kind: string
  region: string | null
  did: string
  staffCount: number
  youngPeopleCount: number
  credentialCount: number
}

/** Every organisation with its counts: staff accounts, young people onboarded, credentials issued. */
export async function listOrganisationsOverview(rt: Pick<Runtime, 'db'>, actor: SessionUser): Promise<OrganisationOverviewDto[]> {
  assertAdmin(actor)
  const rows = await rt.db.selectFrom('organisations')
    .select((eb) => [
      'organisations.id', 'organisations.name', 'organisations.kind', 'organisations.region', 'organisations.did',
      eb.selectFrom('users').select((u) => u.fn.countAll<number | string>().as('n'))
        .whereRef('users.organisation_id', '=', 'organisations.id').where('users.role', '!=', 'youth').as('staff'),
      eb.selectFrom('users').select((u) => u.fn.countAll<number | string>().as('n'))
        .whereRef('users.organisation_id', '=', 'organisations.id').where('users.role', '=', 'youth').as('youth'),
      eb.selectFrom('credentials').select((c) => c.fn.countAll<number | string>().as('n'))
        .whereRef('credentials.issuer_organisation_id', '=', 'organisations.id').as('credentials'),
    ])
    .orderBy('organisations.name')
    .execute()
  return rows.map((r) => ({
    id: r.id, name: r.name, kind: r.kind, region: r.region, did: r.did,
    staffCount: Number(r.staff ?? 0), youngPeopleCount: Number(r.youth ?? 0), credentialCount: Number(r.credentials ?? 0),
  }))
}
