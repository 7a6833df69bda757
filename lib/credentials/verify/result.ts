/** The verification result: one shape for the UI, the CLI and the VC-API (see DESIGN.md). */

export type CheckId = 'input' | 'proof' | 'holder' | 'challenge' | 'validity' | 'schema' | 'status' | 'issuer'
export type CheckStatus = 'passed' | 'failed' | 'unchecked'

export interface Check {
  id: CheckId
  status: CheckStatus
  /** Stable, machine-readable; the UI turns it into words in the reader's language. */
  code: string
  /** Plain English, for the CLI, the API and logs. */
  message: string
  /** Extra facts for display (issuer name, dates, …); never secrets. */
  details?: Record<string, unknown>
}

export interface VerificationResult {
  /** True when no check failed and the signature itself was checked. `unchecked` never counts as passed. */
  verified: boolean
  kind: 'credential' | 'presentation' | 'unknown'
  format?: 'di' | 'jwt'
  checks: Check[]
  /** Per embedded credential, for presentations. */
  credentials?: VerificationResult[]
  /** The credential's `id`, or the presentation's, when it has one. */
  id?: string
}

export const passed = (id: CheckId, code: string, message: string, details?: Check['details']): Check =>
  ({ id, status: 'passed', code, message, ...(details ? { details } : {}) })
export const failed = (id: CheckId, code: string, message: string, details?: Check['details']): Check =>
  ({ id, status: 'failed', code, message, ...(details ? { details } : {}) })
export const unchecked = (id: CheckId, code: string, message: string, details?: Check['details']): Check =>
  ({ id, status: 'unchecked', code, message, ...(details ? { details } : {}) })

export function isVerified(checks: Check[], nested: VerificationResult[] = []): boolean {
  const proof = checks.find((c) => c.id === 'proof')
  return proof?.status === 'passed' && checks.every((c) => c.status !== 'failed') && nested.every((r) => r.verified)
}

export function getCheck(result: VerificationResult, id: CheckId): Check | undefined {
  return result.checks.find((c) => c.id === id)
}
