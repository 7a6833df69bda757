/** A domain error with a stable code; `httpStatus` maps codes to HTTP responses in one place. */
export class AppError extends Error {
  readonly code: AppErrorCode
  readonly details?: unknown
  constructor(code: AppErrorCode, message: string, details?: unknown) {
    super(message)
    this.name = 'AppError'
    this.code = code
    this.details = details
  }
}

export type AppErrorCode =
  | 'VALIDATION_FAILED'
  | 'NOT_FOUND'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'BAD_REQUEST'
  /** Too many tries from one client or for one account (lib/security/limits.ts); carries Retry-After. */
  | 'RATE_LIMITED'
  /** The server is at capacity for this kind of work (password hashing, the verification pool: `details.retryAfterSeconds`); try again in a moment. */
  | 'BUSY'
  /** The disk holding the data is full (SQLITE_FULL, ENOSPC): nothing was saved (db/disk-full.ts). */
  | 'DISK_FULL'

const STATUS: Record<AppErrorCode, number> = {
  VALIDATION_FAILED: 422,
  NOT_FOUND: 404,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  BAD_REQUEST: 400,
  RATE_LIMITED: 429,
  BUSY: 503,
  DISK_FULL: 507,
}

/**
 * The digest a disk-full error carries to the browser. Next hides server errors' messages from
 * the page but passes an error's own `digest` on, so app/error.tsx can say what happened.
 */
export const DISK_FULL_DIGEST = 'TREMPLIN_DISK_FULL'

export function httpStatus(code: AppErrorCode): number {
  return STATUS[code]
}

/** One invalid field of a claims document or a form: a JSON pointer and a plain message. */
export interface FieldError {
  path: string
  message: string
}

export class ValidationError extends AppError {
  readonly fieldErrors: FieldError[]
  constructor(message: string, fieldErrors: FieldError[]) {
    super('VALIDATION_FAILED', message, fieldErrors)
    this.name = 'ValidationError'
    this.fieldErrors = fieldErrors
  }
}
