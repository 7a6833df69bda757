import type { SessionUser } from '@/lib/auth/sessions'
import { AppError } from '@/lib/errors'
import { staffOrganisationId } from '@/lib/onboarding/access'
import type { Runtime } from '@/lib/runtime'
import * as repo from './repository'
import type { OrganisationStatus } from './service'

/** Where the staff's organisation stands in the registry of trusted issuers (issuer pages' banner). */
export interface OrganisationStandingDto {
  name: string
  status: OrganisationStatus
  registeredAt: string
  approvedAt: string | null
  suspendedAt: string | null
  /** The admin's reason: the organisation's own staff are told why. */
  suspendedReason: string | null
  /** Only an approved organisation signs credentials (lib/issuing refuses the others too). */
  mayIssue: boolean
}

/** @throws AppError FORBIDDEN (not a counsellor or tutor of an organisation), NOT_FOUND. */
export async function staffOrganisationStanding(rt: Pick<Runtime, 'db'>, user: SessionUser): Promise<OrganisationStandingDto> {
  const org = await repo.findOrganisationById(rt.db, staffOrganisationId(user))
  if (!org) throw new AppError('NOT_FOUND', 'No such organisation')
  return {
    name: org.name, status: org.status, registeredAt: org.created_at,
    approvedAt: org.approved_at, suspendedAt: org.suspended_at, suspendedReason: org.suspended_reason,
    mayIssue: org.status === 'approved',
  }
}
