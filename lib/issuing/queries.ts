import { sql, type ExpressionBuilder, type SqlBool } from 'kysely'
import type { Database } from '@/db/schema'
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
  /** Its status as the organisation set it; 'untracked' when issued before status lists (no entries). */
  status: IssuedStatus
  /** When the key that signed it was withdrawn (retire-key): it no longer verifies and needs issuing again. */
  keyRetiredAt: string | null
}

export interface IssuedStatus {
  state: 'active' | 'suspended' | 'revoked' | 'untracked'
  /** Since when suspended or revoked (ISO), else null. */
  since: string | null
  reason: string | null
}

export interface IssuedPage {
  items: IssuedItemDto[]
  total: number
  page: number
  pageCount: number
  query: string
  /** How many of ALL this organisation's credentials a withdrawn key signed (the banner's figure). */
  needReissue: number
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
    .leftJoin('credential_status', 'credential_status.credential_id', 'credentials.id')
    .select(ISSUED_COLUMNS)
    .select(hasEntries)
    .select(keyRetiredAt)
    .orderBy('credentials.created_at', 'desc').orderBy('credentials.id')
    .limit(ISSUED_PAGE_SIZE).offset((current - 1) * ISSUED_PAGE_SIZE)
    .execute()
  const { m } = await rt.db.selectFrom('credentials').select((eb) => eb.fn.countAll<number | string>().as('m'))
    .where('credentials.issuer_organisation_id', '=', orgId).where(signedWithRetiredKey).executeTakeFirstOrThrow()
  return {
    items: rows.map(toItem),
    total, page: current, pageCount, query: q, needReissue: Number(m),
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
    .leftJoin('credential_status', 'credential_status.credential_id', 'credentials.id')
    .select(ISSUED_COLUMNS)
    .select(hasEntries)
    .select(keyRetiredAt)
    .where('credentials.issuer_organisation_id', '=', orgId).where('credentials.id', '=', id)
    .executeTakeFirst()
  return r && toItem(r)
}

const ISSUED_COLUMNS = [
  'credentials.id', 'credentials.title', 'credentials.template_id', 'credentials.format', 'credentials.created_at',
  'credentials.evidence_photo_type', 'credentials.language', 'users.display_name',
  'credential_status.revoked_at', 'credential_status.revoked_reason', 'credential_status.suspended_at', 'credential_status.suspended_reason',
] as const

/** Whether the credential has status list entries (issued after status lists existed). */
const hasEntries = (eb: ExpressionBuilder<Database, 'credentials'>) =>
  eb.exists(eb.selectFrom('status_entries').select('status_entries.credential_id').whereRef('status_entries.credential_id', '=', 'credentials.id')).as('has_entries')

/** The retired organisation keys, as the verification method ids credentials record (`<did>#key-N`). */
const retiredKeys = (eb: ExpressionBuilder<Database, 'credentials'>) =>
  eb.selectFrom('organisation_keys').where('organisation_keys.retired_at', 'is not', null)
    .where(sql<string>`organisation_keys.did || '#' || organisation_keys.fragment`, '=', eb.ref('credentials.verification_method'))

/** When the key that signed the credential was retired, or null. */
const keyRetiredAt = (eb: ExpressionBuilder<Database, 'credentials'>) =>
  retiredKeys(eb).select('organisation_keys.retired_at').limit(1).as('key_retired_at')

/** Signed with a withdrawn key: the withdrawn keys' method ids are read once (IN a list), not scanned per credential. */
const signedWithRetiredKey = (eb: ExpressionBuilder<Database, 'credentials'>) =>
  eb('credentials.verification_method', 'in', eb.selectFrom('organisation_keys').where('organisation_keys.retired_at', 'is not', null)
    .select(sql<string>`organisation_keys.did || '#' || organisation_keys.fragment`.as('method')))

interface IssuedRow {
  id: string; title: string; template_id: string; format: string; created_at: string; evidence_photo_type: string | null
  language: string | null; display_name: string | null; revoked_at: string | null; revoked_reason: string | null
  suspended_at: string | null; suspended_reason: string | null; has_entries: unknown; key_retired_at: string | null
}

function toItem(r: IssuedRow): IssuedItemDto {
  const status: IssuedStatus = r.revoked_at ? { state: 'revoked', since: r.revoked_at, reason: r.revoked_reason }
    : r.suspended_at ? { state: 'suspended', since: r.suspended_at, reason: r.suspended_reason }
    : { state: Number(r.has_entries) ? 'active' : 'untracked', since: null, reason: null }
  return {
    id: r.id, title: r.title, holderName: r.display_name ?? null, templateId: r.template_id, format: r.format,
    issuedAt: r.created_at, hasPhoto: Boolean(r.evidence_photo_type), language: r.language, status,
    keyRetiredAt: r.key_retired_at ?? null,
  }
}
