import { z } from 'zod'
import { getRuntime } from '@/lib/runtime'
import { TaxonomySearchSchema } from '@/lib/taxonomy/schemas'
import { searchConcepts } from '@/lib/taxonomy/service'

export const dynamic = 'force-dynamic'

/**
 * GET /api/taxonomy/search?q=&lang=&kinds=skill,key_competence&limit= → { results }.
 * Public on purpose: ESCO and the key competences are public reference data, and no user data
 * is read. Answers may be cached briefly (they change only when an operator imports).
 */
export async function GET(request: Request) {
  const params = Object.fromEntries(new URL(request.url).searchParams)
  const parsed = TaxonomySearchSchema.safeParse(params)
  if (!parsed.success) {
    return Response.json({ error: 'INVALID_QUERY', fieldErrors: z.flattenError(parsed.error).fieldErrors }, { status: 400 })
  }
  const results = await searchConcepts(await getRuntime(), parsed.data)
  return Response.json({ results }, { headers: { 'Cache-Control': 'public, max-age=60, stale-while-revalidate=300' } })
}
