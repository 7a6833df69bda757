import { requireRole } from '@/lib/auth/guards'
import { bulkCsvTemplate } from '@/lib/bulk/csv'

export const dynamic = 'force-dynamic'

/** The bulk-issuing CSV template: the header and two example rows. Counsellors only. */
export async function GET() {
  await requireRole('counsellor')
  return new Response(bulkCsvTemplate(), {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="tremplin-badges-template.csv"', 'cache-control': 'no-store' },
  })
}
