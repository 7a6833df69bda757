import type { SessionUser } from '@/lib/auth/sessions'
import type { Runtime } from '@/lib/runtime'
import { staffOrganisationId } from './access'

export interface TeamMemberDto {
  id: string
  displayName: string
  role: string
}

/** The professionals of the actor's organisation (not its young people). @throws AppError FORBIDDEN */
export async function listTeamMembers(rt: Pick<Runtime, 'db'>, actor: SessionUser): Promise<TeamMemberDto[]> {
  const orgId = staffOrganisationId(actor)
  const rows = await rt.db.selectFrom('users').select(['id', 'display_name', 'role'])
    .where('organisation_id', '=', orgId).where('role', '!=', 'youth')
    .orderBy('display_name').execute()
  return rows.map((r) => ({ id: r.id, displayName: r.display_name, role: r.role }))
}
