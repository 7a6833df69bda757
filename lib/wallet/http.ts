import { FILE_CSP } from '@/lib/security/headers'
import { AppError, httpStatus } from '@/lib/errors'

// Responses of the wallet's and the share page's file route handlers.

const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif'])

/** An evidence photo: only image types are served inline; nothing cached by shared caches. */
export function photoResponse(photo: { bytes: Uint8Array; type: string }): Response {
  const type = IMAGE_TYPES.has(photo.type) ? photo.type : 'application/octet-stream'
  return new Response(Buffer.from(photo.bytes), {
    headers: {
      'Content-Type': type,
      'Content-Length': String(photo.bytes.byteLength),
      'Cache-Control': 'private, max-age=300',
      'Content-Security-Policy': FILE_CSP,
      ...(type === 'application/octet-stream' ? { 'Content-Disposition': 'attachment' } : {}),
    },
  })
}

/** A file to save: never cached, always an attachment. */
export function attachmentResponse(file: { filename: string; contentType: string; body: string }): Response {
  const ascii = file.filename.replace(/[^\w.-]/g, '_')
  return new Response(file.body, {
    headers: {
      'Content-Type': file.contentType,
      'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      'Cache-Control': 'private, no-store',
    },
  })
}

/** An AppError as a bare status (404 for someone else's object); anything else is rethrown. */
export function errorResponse(e: unknown): Response {
  if (e instanceof AppError) return new Response(null, { status: httpStatus(e.code), headers: { 'Cache-Control': 'no-store' } })
  throw e
}
