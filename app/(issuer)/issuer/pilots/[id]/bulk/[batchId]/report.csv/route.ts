import { getTranslations } from 'next-intl/server'
import { requireRole } from '@/lib/auth/guards'
import { batchReportCsv } from '@/lib/bulk/service'
import { AppError, httpStatus } from '@/lib/errors'
import { getRuntime } from '@/lib/runtime'

export const dynamic = 'force-dynamic'

/** Step 3's report as CSV: one line per row, issued with its credential's link, or why not. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string; batchId: string }> }) {
  const user = await requireRole('counsellor')
  const { batchId } = await params
  const te = await getTranslations('pilots.errors')
  try {
    const csv = await batchReportCsv(await getRuntime(), user, batchId, (e) => {
      const [key = 'invalid', n] = e.key.split(':')
      return `${e.column}: ${te.has(key) ? te(key, { n: Number(n ?? 0) }) : te('invalid')}`
    })
    return new Response(`\uFEFF${csv}`, {
      headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="report-${batchId.slice(0, 8)}.csv"`, 'cache-control': 'no-store' },
    })
  } catch (e) {
    if (e instanceof AppError) return new Response(e.code, { status: httpStatus(e.code) })
    throw e
  }
}
