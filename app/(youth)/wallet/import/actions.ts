'use server'
import { revalidatePath } from 'next/cache'
import { requireRole } from '@/lib/auth/guards'
import { AppError } from '@/lib/errors'
import { getRuntime } from '@/lib/runtime'
import { importCredentials, type ImportItemDto } from '@/lib/wallet/import'
import { IMPORT_MAX_BYTES, type ImportInputError } from '@/lib/wallet/import-input'

/** Why nothing was imported (message keys under `wallet.import.errors`). */
export type ImportFormError = ImportInputError | 'rateLimited' | 'fileType' | 'fileUnreadable' | 'busy'

export type ImportState =
  | { status: 'idle' }
  | {
    status: 'error'
    error: ImportFormError
    /** How many credentials were found, for `tooMany`. */
    count?: number
    /** What was pasted, given back so that nothing is lost. */
    input: string
  }
  | {
    status: 'done'
    /** Given back when nothing was added (to try again); empty once something was. */
    input: string
    fileName?: string
    items: ImportItemDto[]
  }

const FILE_TYPES = /\.(json|jwt|txt)$/i

/**
 * Adds credentials received elsewhere to the young person's wallet: pasted text or an uploaded
 * file (.json, .jwt, .txt), at most 1 MB and 20 credentials. Young people only; the service checks
 * again, verifies each credential and reports, per credential, added or refused and why.
 */
export async function importAction(_: ImportState, form: FormData): Promise<ImportState> {
  const user = await requireRole('youth')
  const pasted = form.get('input')
  const input = typeof pasted === 'string' ? pasted : ''
  const echo = { input: Buffer.byteLength(input, 'utf8') <= IMPORT_MAX_BYTES ? input : '' }
  const file = form.get('file')
  const fromFile = file instanceof File && file.size > 0 ? file : undefined
  if (fromFile && !FILE_TYPES.test(fromFile.name)) return { status: 'error', error: 'fileType', ...echo }
  if (fromFile ? fromFile.size > IMPORT_MAX_BYTES : Buffer.byteLength(input, 'utf8') > IMPORT_MAX_BYTES) {
    return { status: 'error', error: 'tooLarge', ...echo }
  }
  let text = input
  if (fromFile) {
    try {
      text = await fromFile.text()
    } catch {
      return { status: 'error', error: 'fileUnreadable', ...echo }
    }
  }
  let result: Awaited<ReturnType<typeof importCredentials>>
  try {
    result = await importCredentials(await getRuntime(), user, text)
  } catch (e) {
    // Every verification worker is taken (docs/decisions/018): nothing was added, try again soon.
    if (e instanceof AppError && e.code === 'BUSY') return { status: 'error', error: 'busy', ...echo }
    throw e
  }
  if (!result.ok) return { status: 'error', error: result.error, ...(result.count ? { count: result.count } : {}), ...echo }
  const added = result.items.some((i) => i.outcome === 'added')
  if (added) revalidatePath('/wallet')
  return {
    status: 'done',
    input: added ? '' : echo.input,
    ...(fromFile ? { fileName: fromFile.name.slice(0, 200) } : {}),
    items: result.items,
  }
}
