import { AppError } from '@/lib/errors'

export const MAX_BODY_BYTES = 1024 * 1024

/**
 * Reads a request body as text, refusing more than `limit` bytes without reading past it.
 * @throws AppError PAYLOAD_TOO_LARGE
 */
export async function readBodyText(request: Request, limit = MAX_BODY_BYTES): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? 'NaN')
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit)
  if (!request.body) return ''
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel()
      throw tooLarge(limit)
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks).toString('utf8')
}

function tooLarge(limit: number) {
  return new AppError('PAYLOAD_TOO_LARGE', `The request body is larger than ${limit / 1024} KB`)
}

/** @throws AppError BAD_REQUEST when the text is not JSON. */
export function parseJsonBody(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    throw new AppError('BAD_REQUEST', 'The request body is not JSON')
  }
}
