import { randomUUID } from 'node:crypto'
import type { SessionUser } from '@/lib/auth/sessions'
import { AppError } from '@/lib/errors'
import type { Runtime } from '@/lib/runtime'
import * as repo from './repository'
import type { PilotInput } from './schemas'

// Pilot actions: a group of an organisation's young people, with its counsellors and tutors and
// partner employers, over a period, in a region. Only counsellors of an APPROVED organisation
// manage them (decision 012); another organisation's pilot is NOT_FOUND, never FORBIDDEN, so its
// existence is not told.

export interface PilotSummaryDto {
  id: string
  name: string
  description: string
  region: string | null
  startsOn: string
  endsOn: string
  youthCount: number
}

export interface PilotMemberDto { id: string; displayName: string; username: string; role: string; hasWallet: boolean }
export interface PilotDetailDto extends PilotSummaryDto {
  members: PilotMemberDto[]
  partners: { id: string; name: string }[]
}

/**
 * The counsellor's organisation, approved.
 * @throws AppError FORBIDDEN (not a counsellor of an organisation; organisation not approved).
 */
export async function pilotOrganisation(rt: Pick<Runtime, 'db'>, actor: SessionUser) {
  if (actor.role !== 'counsellor' || !actor.organisationId) throw new AppError('FORBIDDEN', 'Only a counsellor of an organisation manages pilot actions')
  const org = await repo.findOrganisation(rt.db, actor.organisationId)
  if (!org || org.status !== 'approved') throw new AppError('FORBIDDEN', 'Only an approved organisation runs pilot actions')
  return org
}

/** @throws AppError FORBIDDEN, NOT_FOUND (unknown, or another organisation's). */
export async function pilotOrThrow(rt: Pick<Runtime, 'db'>, actor: SessionUser, pilotId: string) {
  const org = await pilotOrganisation(rt, actor)
  const pilot = typeof pilotId === 'string' && pilotId.length <= 100 ? await repo.findPilotOf(rt.db, org.id, pilotId) : undefined
  if (!pilot) throw new AppError('NOT_FOUND', 'No such pilot action')
  return { org, pilot }
}

export async function listPilots(rt: Pick<Runtime, 'db'>, actor: SessionUser): Promise<PilotSummaryDto[]> {
  const org = await pilotOrganisation(rt, actor)
  const rows = await repo.listPilotsOf(rt.db, org.id)
  return rows.map((r) => ({ id: r.id, name: r.name, description: r.description, region: r.region, startsOn: r.starts_on, endsOn: r.ends_on, youthCount: Number(r.youth_count ?? 0) }))
}

export async function getPilot(rt: Pick<Runtime, 'db'>, actor: SessionUser, pilotId: string): Promise<PilotDetailDto> {
  const { pilot } = await pilotOrThrow(rt, actor, pilotId)
  const [members, partners] = await Promise.all([repo.listMembers(rt.db, pilot.id), repo.listPartners(rt.db, pilot.id)])
  return {
    id: pilot.id, name: pilot.name, description: pilot.description, region: pilot.region, startsOn: pilot.starts_on, endsOn: pilot.ends_on,
    youthCount: members.filter((m) => m.role === 'youth').length,
    members: members.map((m) => ({ id: m.id, displayName: m.display_name, username: m.username, role: m.role, hasWallet: Boolean(m.did) })),
    partners: partners.map((p) => ({ id: p.id, name: p.name })),
  }
}

/** Who may still be added: the organisation's people not yet members, approved employers not yet partners. */
export async function listPilotCandidates(rt: Pick<Runtime, 'db'>, actor: SessionUser, pilotId: string) {
  const { org, pilot } = await pilotOrThrow(rt, actor, pilotId)
  const [people, employers, members, partners] = await Promise.all([
    repo.listCandidates(rt.db, org.id), repo.listEmployerOrganisations(rt.db, org.id), repo.listMembers(rt.db, pilot.id), repo.listPartners(rt.db, pilot.id),
  ])
  const taken = new Set(members.map((m) => m.id))
  const partnered = new Set(partners.map((p) => p.id))
  return {
    people: people.filter((p) => !taken.has(p.id)).map((p) => ({ id: p.id, displayName: p.display_name, username: p.username, role: p.role })),
    employers: employers.filter((e) => !partnered.has(e.id)).map((e) => ({ id: e.id, name: e.name })),
  }
}

export async function createPilot(rt: Pick<Runtime, 'db'>, actor: SessionUser, input: PilotInput, now = new Date()): Promise<{ id: string }> {
  const org = await pilotOrganisation(rt, actor)
  const id = randomUUID()
  const at = now.toISOString()
  await rt.db.transaction().execute(async (trx) => {
    await repo.insertPilot(trx, {
      id, organisation_id: org.id, name: input.name, description: input.description, region: input.region,
      starts_on: input.startsOn, ends_on: input.endsOn, created_by: actor.id, created_at: at,
    })
    // The counsellor who creates it takes part in it.
    await repo.addMembers(trx, id, [{ userId: actor.id, role: 'counsellor' }], at)
  })
  return { id }
}

export async function updatePilot(rt: Pick<Runtime, 'db'>, actor: SessionUser, pilotId: string, input: PilotInput): Promise<void> {
  const { pilot } = await pilotOrThrow(rt, actor, pilotId)
  await repo.updatePilot(rt.db, pilot.id, {
    name: input.name, description: input.description, region: input.region, starts_on: input.startsOn, ends_on: input.endsOn,
  })
}

/**
 * Adds people of the organisation (young people, counsellors, tutors) as members; anyone else is NOT_FOUND.
 * @returns how many were added (already-members are left as they are).
 */
export async function addPilotMembers(rt: Pick<Runtime, 'db'>, actor: SessionUser, pilotId: string, userIds: string[], now = new Date()): Promise<number> {
  const { org, pilot } = await pilotOrThrow(rt, actor, pilotId)
  if (userIds.length > 1000) throw new AppError('BAD_REQUEST', 'At most 1,000 people at once')
  const ids = [...new Set(userIds)]
  if (!ids.length) return 0
  const people = await repo.findCandidates(rt.db, org.id, ids)
  if (people.length !== ids.length) throw new AppError('NOT_FOUND', 'Someone is not a young person or staff member of this organisation')
  const before = (await repo.listMembers(rt.db, pilot.id)).length
  await repo.addMembers(rt.db, pilot.id, people.map((p) => ({ userId: p.id, role: p.role })), now.toISOString())
  return (await repo.listMembers(rt.db, pilot.id)).length - before
}

export async function removePilotMember(rt: Pick<Runtime, 'db'>, actor: SessionUser, pilotId: string, userId: string): Promise<void> {
  const { pilot } = await pilotOrThrow(rt, actor, pilotId)
  await repo.removeMember(rt.db, pilot.id, userId)
}

/** Adds an approved employer organisation as a partner. @throws AppError NOT_FOUND (not an approved employer). */
export async function addPilotPartner(rt: Pick<Runtime, 'db'>, actor: SessionUser, pilotId: string, organisationId: string, now = new Date()): Promise<void> {
  const { org, pilot } = await pilotOrThrow(rt, actor, pilotId)
  const employer = (await repo.listEmployerOrganisations(rt.db, org.id)).find((e) => e.id === organisationId)
  if (!employer) throw new AppError('NOT_FOUND', 'No such approved employer')
  await repo.addPartner(rt.db, pilot.id, employer.id, now.toISOString())
}

export async function removePilotPartner(rt: Pick<Runtime, 'db'>, actor: SessionUser, pilotId: string, organisationId: string): Promise<void> {
  const { pilot } = await pilotOrThrow(rt, actor, pilotId)
  await repo.removePartner(rt.db, pilot.id, organisationId)
}
