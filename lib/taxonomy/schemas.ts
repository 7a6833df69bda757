import { z } from 'zod'
import { DEFAULT_LOCALE } from '@/lib/i18n/config'
import { CONCEPT_KINDS, SEARCH_LIMIT_DEFAULT, SEARCH_LIMIT_MAX } from './types'

/** GET /api/taxonomy/search query parameters. */
export const TaxonomySearchSchema = z.object({
  q: z.string().trim().min(1).max(100),
  lang: z.string().regex(/^[a-z]{2,3}$/).default(DEFAULT_LOCALE),
  kinds: z
    .string()
    .max(200)
    .transform((s) => [...new Set(s.split(',').map((k) => k.trim()).filter(Boolean))])
    .pipe(z.array(z.enum(CONCEPT_KINDS)).min(1))
    .optional(),
  limit: z.coerce.number().int().min(1).max(SEARCH_LIMIT_MAX).default(SEARCH_LIMIT_DEFAULT),
})

export type TaxonomySearchQuery = z.infer<typeof TaxonomySearchSchema>
