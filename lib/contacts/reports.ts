import { AppError } from '@/lib/errors'
import type { Runtime } from '@/lib/runtime'
import * as repo from './repository'
import type { ReportReason, ResolveReportInput } from './schemas'

// The admins' side of reports: every report about a recruiter, with the conversation it came from
// so that the admin can judge, and its resolution. Admins only.

interface Actor { id: string; role: string }

function assertAdmin(user: Actor) {
  if (user.role !== 'admin') throw new AppError('FORBIDDEN', 'Only an admin handles reports')
}

export interface ReportDto {
  id: string
  reason: ReportReason
  details: string
  createdAt: string
  recruiterName: string
  organisationName: string | null
  /** Null once the reporter deleted their account. */
  reporterName: string | null
  resolvedAt: string | null
  resolverName: string | null
  resolutionNote: string | null
  /** The contact the report is about: the request's message and the thread, oldest first. */
  context: { requestMessage: string; requestedAt: string; messages: { id: string; from: 'youth' | 'recruiter'; body: string; createdAt: string }[] } | null
}

/** Open reports first (oldest first), then resolved ones (most recently resolved first). */
export async function listReportsForAdmin(rt: Pick<Runtime, 'db'>, user: Actor): Promise<{ open: ReportDto[]; resolved: ReportDto[] }> {
  assertAdmin(user)
  const rows = await repo.listReports(rt.db)
  const messages = await repo.listMessagesOf(rt.db, [...new Set(rows.flatMap((r) => (r.contact_id ? [r.contact_id] : [])))])
  const dtos = rows.map((r): ReportDto => ({
    id: r.id, reason: r.reason, details: r.details, createdAt: r.created_at,
    recruiterName: r.recruiter_name, organisationName: r.organisation_name, reporterName: r.reporter_name,
    resolvedAt: r.resolved_at, resolverName: r.resolver_name, resolutionNote: r.resolution_note,
    context: r.contact_id && r.request_message !== null && r.request_at !== null ? {
      requestMessage: r.request_message, requestedAt: r.request_at,
      messages: messages.filter((m) => m.contact_id === r.contact_id)
        .map((m) => ({ id: m.id, from: m.sender_user_id === r.recruiter_user_id ? 'recruiter' as const : 'youth' as const, body: m.body, createdAt: m.created_at })),
    } : null,
  }))
  return {
    open: dtos.filter((d) => !d.resolvedAt),
    resolved: dtos.filter((d) => d.resolvedAt).sort((a, b) => b.resolvedAt!.localeCompare(a.resolvedAt!)),
  }
}

/** Resolves an open report with a note. @throws AppError FORBIDDEN, NOT_FOUND, CONFLICT (already resolved). */
export async function resolveReport(rt: Pick<Runtime, 'db'>, user: Actor, input: ResolveReportInput, now = new Date()): Promise<void> {
  assertAdmin(user)
  const report = await repo.findReport(rt.db, input.reportId)
  if (!report) throw new AppError('NOT_FOUND', 'Report not found')
  if (report.resolved_at) throw new AppError('CONFLICT', 'This report is already resolved')
  const r = await repo.resolveReport(rt.db, report.id, user.id, input.note, now.toISOString())
  if (Number(r.numUpdatedRows) !== 1) throw new AppError('CONFLICT', 'This report is already resolved')
}
