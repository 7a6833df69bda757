import { AppError } from '@/lib/errors'
import type { Runtime } from '@/lib/runtime'
import { registryActorId, type RegistryActor } from './actor'
import * as repo from './repository'
import { approveOrganisation, getOrganisationOrThrow, reinstateOrganisation, suspendOrganisation, type OrganisationDto, type OrganisationStatus } from './service'

// The admin's registry screen: every organisation with its standing, who decided and when, and
// its history. Each function checks the actor again (a signed-in admin, or the command line).

/** Who acted, as people read it: a user's display name, the command line, or the migration that approved existing organisations. */
export type ActorDto = { kind: 'user'; name: string } | { kind: 'cli' } | { kind: 'migration' } | { kind: 'unknown' }

export interface OrganisationEventDto {
  id: string
  action: 'registered' | 'approved' | 'suspended' | 'reinstated' | 'key_rotated' | string
  at: string
  actor: ActorDto | null
  reason: string | null
}

export interface RegistryOrganisationDto {
  id: string
  slug: string
  name: string
  kind: string
  region: string | null
  status: OrganisationStatus
  createdAt: string
  /** The DID it signs with now, then every other DID it issued under. */
  did: string
  otherDids: string[]
  approvedAt: string | null
  approvedBy: ActorDto | null
  suspendedAt: string | null
  suspendedBy: ActorDto | null
  suspendedReason: string | null
  staffCount: number
  youngPeopleCount: number
  credentialCount: number
  /** Newest first. */
  events: OrganisationEventDto[]
}

/** Pending organisations first (oldest first: the longest waiting), then approved, then suspended (by name). */
const ORDER: Record<string, number> = { pending: 0, approved: 1, suspended: 2 }

/** The registry of trusted issuers with its history. @throws AppError FORBIDDEN (not the admin). */
export async function listRegistryOrganisations(rt: Pick<Runtime, 'db'>, by: RegistryActor): Promise<RegistryOrganisationDto[]> {
  registryActorId(by)
  const [orgs, events, dids] = await Promise.all([repo.listOrganisationsWithCounts(rt.db), repo.listAllEvents(rt.db), repo.listAllOrganisationDids(rt.db)])
  const userIds = [...new Set([...orgs.flatMap((o) => [o.approved_by, o.suspended_by]), ...events.map((e) => e.actor)])]
    .filter((id): id is string => typeof id === 'string' && id !== 'cli' && id !== 'migration')
  const names = new Map((await repo.findUserNames(rt.db, userIds)).map((u) => [u.id, u.display_name]))
  const actor = (id: string | null): ActorDto | null => {
    if (!id) return null
    if (id === 'cli' || id === 'migration') return { kind: id }
    const name = names.get(id)
    return name ? { kind: 'user', name } : { kind: 'unknown' }
  }
  return orgs
    .map((o) => ({
      id: o.id, slug: o.slug, name: o.name, kind: o.kind, region: o.region, status: o.status, createdAt: o.created_at,
      did: o.did, otherDids: dids.filter((d) => d.organisation_id === o.id && d.did !== o.did).map((d) => d.did),
      approvedAt: o.approved_at, approvedBy: actor(o.approved_by),
      suspendedAt: o.suspended_at, suspendedBy: actor(o.suspended_by), suspendedReason: o.suspended_reason,
      staffCount: Number(o.staff_count ?? 0), youngPeopleCount: Number(o.youth_count ?? 0), credentialCount: Number(o.credential_count ?? 0),
      events: events.filter((e) => e.organisation_id === o.id).map((e) => ({ id: e.id, action: e.action, at: e.at, actor: actor(e.actor), reason: e.reason })),
    }))
    .sort((a, b) => (ORDER[a.status] ?? 3) - (ORDER[b.status] ?? 3) || (a.status === 'pending' ? a.createdAt.localeCompare(b.createdAt) : a.name.localeCompare(b.name, 'fr')))
}

/**
 * Approves a pending organisation. @throws AppError FORBIDDEN (not the admin), NOT_FOUND,
 * CONFLICT (not pending: a suspended one is reinstated, not approved).
 */
export async function approveAs(rt: Runtime, by: RegistryActor, slug: string): Promise<OrganisationDto> {
  const actor = registryActorId(by)
  const org = await getOrganisationOrThrow(rt, slug)
  if (org.status !== 'pending') throw new AppError('CONFLICT', `${org.name} is ${org.status}, not waiting for approval`)
  return approveOrganisation(rt, slug, actor)
}

/** @throws AppError FORBIDDEN, NOT_FOUND, CONFLICT (not approved); ValidationError (reason). */
export async function suspendAs(rt: Runtime, by: RegistryActor, slug: string, reason: string): Promise<OrganisationDto> {
  return suspendOrganisation(rt, slug, registryActorId(by), { reason })
}

/** @throws AppError FORBIDDEN, NOT_FOUND, CONFLICT (not suspended). */
export async function reinstateAs(rt: Runtime, by: RegistryActor, slug: string): Promise<OrganisationDto> {
  return reinstateOrganisation(rt, slug, registryActorId(by))
}
