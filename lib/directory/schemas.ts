import { z } from 'zod'
import { AVAILABILITIES } from '@/lib/profile/schemas'

// Input of the recruiters' directory: the search (GET query parameters, so a search is a link
// that can be shared and the back button works) and a contact request. Errors are message keys
// of the `directory` namespace.

/** The minimum evidence level of a search: any, witnessed or assessed, assessed. */
export const EVIDENCE_FILTERS = ['any', 'witnessed', 'assessed'] as const
export type EvidenceFilter = (typeof EVIDENCE_FILTERS)[number]

export const PAGE_SIZE = 20
export const MAX_PAGE = 500
export const REGION_FILTER_MAX = 80
export const MESSAGE_MIN = 20
export const MESSAGE_MAX = 1000

/** A handle: two groups of four from an alphabet without look-alikes (no 0/O, 1/I/L). */
export const HANDLE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
export const HANDLE_PATTERN = /^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v)
const text = (max: number) => z.preprocess(first, z.string().trim().max(max).optional().catch(undefined))

/**
 * The search. Lenient on purpose: a hand-edited link with a bad value loses that filter, it does
 * not break the page. The skill is a taxonomy URI (chosen in the combobox); its label only
 * refills the combobox.
 */
export const DirectorySearchSchema = z.object({
  skill: z.preprocess(first, z.string().trim().max(300).regex(/^(https?:\/\/|urn:)\S+$/).optional().catch(undefined)),
  skillLabel: text(200),
  evidence: z.preprocess(first, z.enum(EVIDENCE_FILTERS).catch('any').default('any')),
  region: text(REGION_FILTER_MAX),
  availability: z.preprocess(first, z.enum(AVAILABILITIES).optional().catch(undefined)),
  page: z.preprocess(first, z.coerce.number().int().min(1).max(MAX_PAGE).catch(1).default(1)),
})
export type DirectorySearch = z.output<typeof DirectorySearchSchema>

/** Reads search parameters (a page's `searchParams`, or a URLSearchParams). */
export function parseSearch(params: Record<string, string | string[] | undefined> | URLSearchParams): DirectorySearch {
  const raw = params instanceof URLSearchParams ? Object.fromEntries(params) : params
  const parsed = DirectorySearchSchema.parse(raw)
  return { ...parsed, skill: parsed.skill || undefined, region: parsed.region || undefined, skillLabel: parsed.skill ? parsed.skillLabel : undefined }
}

/** The search as query parameters (empty ones left out), for links to pages and profiles. */
export function searchQuery(search: Partial<DirectorySearch>, page?: number): string {
  const params = new URLSearchParams()
  if (search.skill) params.set('skill', search.skill)
  if (search.skill && search.skillLabel) params.set('skillLabel', search.skillLabel)
  if (search.evidence && search.evidence !== 'any') params.set('evidence', search.evidence)
  if (search.region) params.set('region', search.region)
  if (search.availability) params.set('availability', search.availability)
  const p = page ?? search.page
  if (p && p > 1) params.set('page', String(p))
  const q = params.toString()
  return q ? `?${q}` : ''
}

export const HandleSchema = z.string().trim().toUpperCase().regex(HANDLE_PATTERN, 'notFound')

export const ContactRequestSchema = z.object({
  handle: HandleSchema,
  message: z.string().trim().min(MESSAGE_MIN, 'messageTooShort').max(MESSAGE_MAX, 'messageTooLong'),
})
export type ContactRequestInput = z.infer<typeof ContactRequestSchema>
