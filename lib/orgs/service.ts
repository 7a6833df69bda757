import { randomBytes, randomUUID } from 'node:crypto'
import { z } from 'zod'
import type { Db } from '@/db/client'
import type { IssuerLookup } from '@/lib/credentials/verify'
import { prepareOrganisationDidWeb } from './did-web'
import { createDidKey } from '@/lib/dids/signer'
import { AppError, ValidationError } from '@/lib/errors'
import type { Runtime } from '@/lib/runtime'
import { findExternalIssuer } from '@/lib/registry/repository'
import { hashToken } from '@/lib/security/tokens'
import * as repo from './repository'

import { ORGANISATION_KINDS, ORGANISATION_STATUSES, type OrganisationStatus } from '@/db/enums'
export { ORGANISATION_KINDS, ORGANISATION_STATUSES, type OrganisationStatus }

export const CreateOrganisationSchema = z.object({
  slug: z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?$/, 'lowercase letters, digits and dashes, 2 to 50 characters'),
  name: z.string().trim().min(2).max(200),
  kind: z.enum(ORGANISATION_KINDS),
  region: z.string().trim().max(100).optional(),
})


export interface OrganisationDto {
  slug: string
  name: string
  kind: string
  region: string | null
  did: string
  status: OrganisationStatus
  approvedAt: string | null
}

type OrgRow = { slug: string; name: string; kind: string; region: string | null; did: string; status?: OrganisationStatus; approved_at?: string | null }
const toDto = (o: OrgRow): OrganisationDto =>
  ({ slug: o.slug, name: o.name, kind: o.kind, region: o.region, did: o.did, status: o.status ?? 'pending', approvedAt: o.approved_at ?? null })

/** Who acted on the registry: a signed-in admin's user id, or 'cli' for the command line. */
export type Actor = string

/**
 * Creates an organisation, *pending* until an admin approves it, with a first issuer DID
 * (did:key, Ed25519) for its status lists while it waits. `within` runs inside the same
 * transaction (self-registration adds the first staff member there: both or neither).
 * @throws ValidationError, or AppError CONFLICT when the slug is taken.
 */
export async function createOrganisation(
  rt: Runtime, input: z.input<typeof CreateOrganisationSchema>, actor: Actor | null = null,
  within?: (trx: Db, org: { id: string; slug: string; created_at: string }) => Promise<void>,
): Promise<OrganisationDto> {
  const parsed = CreateOrganisationSchema.safeParse(input)
  if (!parsed.success) {
    throw new ValidationError('Invalid organisation', parsed.error.issues.map((i) => ({ path: `/${i.path.join('/')}`, message: i.message })))
  }
  const data = parsed.data
  if (await repo.findOrganisationBySlug(rt.db, data.slug)) throw new AppError('CONFLICT', `An organisation "${data.slug}" already exists`)
  const keys = await createDidKey(rt.agent, `org:${data.slug}`)
  const now = new Date().toISOString()
  const row = { id: randomUUID(), ...data, region: data.region ?? null, did: keys.did, created_at: now, status: 'pending' as const }
  await rt.db.transaction().execute(async (trx) => {
    await repo.insertOrganisation(trx, row)
    await repo.insertOrganisationDid(trx, { did: keys.did, organisation_id: row.id, method: 'key', created_at: now })
    await repo.insertEvent(trx, { id: randomUUID(), organisation_id: row.id, action: 'registered', actor, reason: null, at: now })
    await within?.(trx, row)
  })
  return toDto(row)
}

/** Refuses to sign for an organisation that is not in the registry. @throws AppError FORBIDDEN */
export function assertMayIssue(org: { name: string; status: string }) {
  if (org.status === 'approved') return
  throw new AppError('FORBIDDEN', org.status === 'suspended'
    ? `${org.name} is suspended from the registry of trusted issuers: it cannot issue credentials`
    : `${org.name} is waiting for an administrator's approval: it can issue credentials once approved`)
}

/**
 * Approves a pending organisation (or reinstates a suspended one): it joins the registry of
 * trusted issuers and may issue, under its did:web (created on the first approval; its did:key
 * stays among its DIDs). @throws AppError NOT_FOUND, CONFLICT when already approved.
 */
export async function approveOrganisation(rt: Runtime, slug: string, actor: Actor): Promise<OrganisationDto> {
  const org = await getOrganisationOrThrow(rt, slug)
  if (org.status === 'approved') throw new AppError('CONFLICT', `${org.name} is already approved`)
  const at = new Date().toISOString()
  const firstApproval = org.approved_at === null
  // Its did:web (first approval, or an organisation approved before did:web existed): the key is
  // made before the transaction (the key manager writes through the same connection), the rest
  // is recorded inside it; if the transaction fails, nothing is approved and the key is discarded.
  const didWeb = await prepareOrganisationDidWeb(rt, org)
  try {
    await rt.db.transaction().execute(async (trx) => {
      await repo.updateOrganisation(trx, org.id, {
        status: 'approved',
        ...(firstApproval ? { approved_at: at, approved_by: actor } : {}),
        suspended_at: null, suspended_by: null, suspended_reason: null,
      })
      await repo.insertEvent(trx, { id: randomUUID(), organisation_id: org.id, action: firstApproval ? 'approved' : 'reinstated', actor, reason: null, at })
      await didWeb?.record(trx, at)
    })
  } catch (e) {
    await didWeb?.discard()
    throw e
  }
  return toDto(await getOrganisationOrThrow(rt, slug))
}

export const SuspendSchema = z.object({ reason: z.string().trim().min(3).max(500) })

/**
 * Suspends an approved organisation: it leaves the registry (its credentials show as issued by a
 * suspended issuer) and cannot issue until reinstated. @throws ValidationError, AppError
 * NOT_FOUND, CONFLICT when it is not approved.
 */
export async function suspendOrganisation(rt: Runtime, slug: string, actor: Actor, input: z.input<typeof SuspendSchema>): Promise<OrganisationDto> {
  const parsed = SuspendSchema.safeParse(input)
  if (!parsed.success) throw new ValidationError('A reason is required', parsed.error.issues.map((i) => ({ path: `/${i.path.join('/')}`, message: i.message })))
  const org = await getOrganisationOrThrow(rt, slug)
  if (org.status !== 'approved') throw new AppError('CONFLICT', `${org.name} is not approved, so it cannot be suspended`)
  const at = new Date().toISOString()
  await rt.db.transaction().execute(async (trx) => {
    await repo.updateOrganisation(trx, org.id, { status: 'suspended', suspended_at: at, suspended_by: actor, suspended_reason: parsed.data.reason })
    await repo.insertEvent(trx, { id: randomUUID(), organisation_id: org.id, action: 'suspended', actor, reason: parsed.data.reason, at })
  })
  return toDto(await getOrganisationOrThrow(rt, slug))
}

export async function listOrganisations(rt: Pick<Runtime, 'db'>): Promise<OrganisationDto[]> {
  return (await repo.listOrganisations(rt.db)).map(toDto)
}

/**
 * Every DID an organisation signs or signed under, its current one first (the did:web once
 * approved), then the others newest first (its did:key, kept for its status lists and the
 * credentials it signed). Each is one the VC-API issuer accepts as `issuer` (decision 030).
 */
export async function organisationDids(db: Db, organisationId: string): Promise<string[]> {
  const rows = await repo.listOrganisationDids(db, organisationId)
  const current = rows.filter((r) => r.did === r.current)
  return [...current, ...rows.filter((r) => r.did !== r.current).reverse()].map((r) => r.did)
}

/** Every organisation with its DIDs (`dids`: current first, as `organisationDids` orders them). */
export async function listOrganisationsWithDids(rt: Pick<Runtime, 'db'>): Promise<(OrganisationDto & { dids: string[] })[]> {
  const rows = await repo.listOrganisations(rt.db)
  const byOrg = new Map<string, { did: string }[]>()
  for (const r of await repo.listAllOrganisationDids(rt.db)) byOrg.set(r.organisation_id, [...(byOrg.get(r.organisation_id) ?? []), r])
  return rows.map((o) => {
    const older = (byOrg.get(o.id) ?? []).map((r) => r.did).filter((d) => d !== o.did).reverse()
    return { ...toDto(o), dids: [o.did, ...older] }
  })
}

/** @throws AppError NOT_FOUND */
export async function getOrganisationOrThrow(rt: Pick<Runtime, 'db'>, slug: string) {
  const org = await repo.findOrganisationBySlug(rt.db, slug)
  if (!org) throw new AppError('NOT_FOUND', `No organisation "${slug}"`)
  return org
}

/**
 * Reinstates a suspended organisation: back in the registry, it may issue again (the history keeps
 * the suspension). @throws AppError NOT_FOUND, CONFLICT when it is not suspended.
 */
export async function reinstateOrganisation(rt: Runtime, slug: string, actor: Actor): Promise<OrganisationDto> {
  const org = await getOrganisationOrThrow(rt, slug)
  if (org.status !== 'suspended') throw new AppError('CONFLICT', `${org.name} is not suspended, so it cannot be reinstated`)
  return approveOrganisation(rt, slug, actor)
}

/**
 * The registry of trusted issuers as the `issuer` check and the status check see it
 * (docs/decisions/009): an organisation of this instance found by ANY DID it issued under (with its
 * standing: approved, pending or suspended), else an issuer of an external registry an admin
 * loaded. Our own organisations come first: an external registry cannot vouch for an organisation
 * this platform suspended or has not approved.
 */
export function issuerLookup(rt: Pick<Runtime, 'db'>): IssuerLookup {
  return async (did) => {
    const org = await repo.findOrganisationByAnyDid(rt.db, did)
    if (org) {
      return {
        registry: 'platform', status: org.status, name: org.name, kind: org.kind, region: org.region,
        organisation: org.slug, approvedSince: org.approved_at, suspendedSince: org.suspended_at,
      }
    }
    const external = await findExternalIssuer(rt.db, did)
    return external
      ? { registry: 'external', registryName: external.registry, name: external.name, url: external.url, location: external.location }
      : undefined
  }
}


/** Creates an API token for an organisation; the token is returned once and only its hash is kept. */
export async function createApiToken(rt: Pick<Runtime, 'db'>, { slug, label = 'API token' }: { slug: string; label?: string }): Promise<string> {
  const org = await getOrganisationOrThrow(rt, slug)
  const token = `trm_${randomBytes(32).toString('base64url')}`
  await repo.insertApiToken(rt.db, { id: randomUUID(), organisation_id: org.id, token_hash: hashToken(token), label, created_at: new Date().toISOString() })
  return token
}

/** The organisation a bearer token belongs to. @throws AppError UNAUTHORIZED */
export async function authenticateApiToken(rt: Pick<Runtime, 'db'>, token: string | undefined | null) {
  if (!token || token.length > 200) throw new AppError('UNAUTHORIZED', 'A valid organisation API token is required')
  const org = await repo.findActiveTokenByHash(rt.db, hashToken(token))
  if (!org) throw new AppError('UNAUTHORIZED', 'A valid organisation API token is required')
  await repo.touchApiToken(rt.db, org.token_id, new Date().toISOString())
  return org
}
