import { sql, type SqlBool } from 'kysely'
import type { SessionUser } from '@/lib/auth/sessions'
import { staffOrganisationId } from '@/lib/onboarding/access'
import type { Runtime } from '@/lib/runtime'

export interface IssuedItemDto {
  id: string
  title: string
  holderName: string | null
  templateId: string
  format: string
  issuedAt: string
  hasPhoto: boolean
  /** The language the credential was written in (its title stays in it). */
  language: string | null
}

export interface IssuedPage {
  items: IssuedItemDto[]
  total: number
  page: number
  pageCount: number
  query: string
}

export const ISSUED_PAGE_SIZE = 20

/** `%`, `_` and `\` match themselves in a search box. */
const likePattern = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`

/**
 * The credentials the actor's organisation issued, newest first, searched by title or young
 * person's name. @throws AppError FORBIDDEN unless a counsellor or tutor of an organisation.
 */
export async function listIssuedCredentials(
  rt: Pick<Runtime, 'db'>, actor: SessionUser, { query = '', page = 1 }: { query?: string; page?: number } = {},
): Promise<IssuedPage> {
  const orgId = staffOrganisationId(actor)
  const q = query.trim().slice(0, 100)
  let base = rt.db.selectFrom('credentials')
    .leftJoin('users', 'users.id', 'credentials.holder_user_id')
    .where('credentials.issuer_organisation_id', '=', orgId)
  if (q) {
    const pattern = likePattern(q)
    base = base.where((eb) => eb.or([
      sql<SqlBool>`lower(${eb.ref('credentials.title')}) like ${pattern} escape '\\'`,
      sql<SqlBool>`lower(${eb.ref('users.display_name')}) like ${pattern} escape '\\'`,
    ]))
  }
  const { n } = await base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()
  const total = Number(n)
  const pageCount = Math.max(1, Math.ceil(total / ISSUED_PAGE_SIZE))
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pageCount)
  const rows = await base
    .select(['credentials.id', 'credentials.title', 'credentials.template_id', 'credentials.format', 'credentials.created_at', 'credentials.evidence_photo_type', 'credentials.language', 'users.display_name'])
    .orderBy('credentials.created_at', 'desc').orderBy('credentials.id')
    .limit(ISSUED_PAGE_SIZE).offset((current - 1) * ISSUED_PAGE_SIZE)
    .execute()
  return {
    items: rows.map((r) => ({
      id: r.id, title: r.title, holderName: r.display_name ?? null, templateId: r.template_id, format: r.format,
      issuedAt: r.created_at, hasPhoto: Boolean(r.evidence_photo_type), language: r.language,
    })),
    total, page: current, pageCount, query: q,
  }
}

/** Counts for the issuer's home page. */
export async function issuerSummary(rt: Pick<Runtime, 'db'>, actor: SessionUser): Promise<{ issued: number }> {
  const orgId = staffOrganisationId(actor)
  const { n } = await rt.db.selectFrom('credentials').select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('issuer_organisation_id', '=', orgId).executeTakeFirstOrThrow()
  return { issued: Number(n) }
}

/** One credential of the actor's organisation (for the "issued" confirmation), or undefined. */
export async function findIssuedCredential(rt: Pick<Runtime, 'db'>, actor: SessionUser, id: string): Promise<IssuedItemDto | undefined> {
  const orgId = staffOrganisationId(actor)
  if (typeof id !== 'string' || id.length > 100) return undefined
  const r = await rt.db.selectFrom('credentials')
    .leftJoin('users', 'users.id', 'credentials.holder_user_id')
    .select(['credentials.id', 'credentials.title', 'credentials.template_id', 'credentials.format', 'credentials.created_at', 'credentials.evidence_photo_type', 'credentials.language', 'users.display_name'])
    .where('credentials.issuer_organisation_id', '=', orgId).where('credentials.id', '=', id)
    .executeTakeFirst()
  return r && {
    id: r.id, title: r.title, holderName: r.display_name ?? null, templateId: r.template_id, format: r.format,
    issuedAt: r.created_at, hasPhoto: Boolean(r.evidence_photo_type), language: r.language,
  }
}
