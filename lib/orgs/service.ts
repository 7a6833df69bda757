import { randomBytes, randomUUID } from 'node:crypto'
import { z } from 'zod'
import type { IssuerLookup } from '@/lib/credentials/verify'
import { createDidKey } from '@/lib/dids/signer'
import { AppError, ValidationError } from '@/lib/errors'
import type { Runtime } from '@/lib/runtime'
import { hashToken } from '@/lib/security/tokens'
import * as repo from './repository'

export const ORGANISATION_KINDS = ['youth_support', 'training', 'employer'] as const

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
}

const toDto = (o: { slug: string; name: string; kind: string; region: string | null; did: string }): OrganisationDto =>
  ({ slug: o.slug, name: o.name, kind: o.kind, region: o.region, did: o.did })

/**
 * Creates an organisation with its own issuer DID (did:key, Ed25519; did:web comes with the
 * lifecycle issue). @throws ValidationError, or AppError CONFLICT when the slug is taken.
 */
export async function createOrganisation(rt: Runtime, input: z.input<typeof CreateOrganisationSchema>): Promise<OrganisationDto> {
  const parsed = CreateOrganisationSchema.safeParse(input)
  if (!parsed.success) {
    throw new ValidationError('Invalid organisation', parsed.error.issues.map((i) => ({ path: `/${i.path.join('/')}`, message: i.message })))
  }
  const data = parsed.data
  if (await repo.findOrganisationBySlug(rt.db, data.slug)) throw new AppError('CONFLICT', `An organisation "${data.slug}" already exists`)
  const keys = await createDidKey(rt.agent, `org:${data.slug}`)
  const row = { id: randomUUID(), ...data, region: data.region ?? null, did: keys.did, created_at: new Date().toISOString() }
  await repo.insertOrganisation(rt.db, row)
  return toDto(row)
}

export async function listOrganisations(rt: Pick<Runtime, 'db'>): Promise<OrganisationDto[]> {
  return (await repo.listOrganisations(rt.db)).map(toDto)
}

/** @throws AppError NOT_FOUND */
export async function getOrganisationOrThrow(rt: Pick<Runtime, 'db'>, slug: string) {
  const org = await repo.findOrganisationBySlug(rt.db, slug)
  if (!org) throw new AppError('NOT_FOUND', `No organisation "${slug}"`)
  return org
}

/** The issuer check's view of this instance: its organisations, by DID. */
export function issuerLookup(rt: Pick<Runtime, 'db'>): IssuerLookup {
  return async (did) => {
    const org = await repo.findOrganisationByDid(rt.db, did)
    return org ? { name: org.name, kind: org.kind, region: org.region } : undefined
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
