'use server'

import type { VerificationResult } from '@/lib/credentials/verify/result'
import { MAX_INPUT_BYTES } from '@/lib/credentials/verify/input'
import { AppError } from '@/lib/errors'
import { getRuntime } from '@/lib/runtime'
import { checkLimit, waitMinutes } from '@/lib/security/limits'
import { requestAddressKey } from '@/lib/security/request-address'
import { verifyOnInstance } from '@/lib/verification/service'
import type { CredentialCardDto } from '@/lib/wallet/cards'
import { contentOf } from '@/lib/verification/cards'
import type { CardVerdict } from '@/lib/verification/card-verdict'
import type { IssuerStandingDto } from '@/lib/verification/issuer-standing'
import { INPUT_ERRORS, VerifyOptionsSchema, type VerifyInputError } from './schema'

export type VerifyState =
  | { status: 'idle' }
  | {
    status: 'error'
    error: VerifyInputError
    /** With rateLimited: how long to wait. */
    retryAfterMinutes?: number
    /** What was typed or pasted, given back so nothing is lost. */
    input: string
    challenge: string
    domain: string
  }
  | {
    status: 'done'
    input: string
    challenge: string
    domain: string
    /** The uploaded file's name, when the document came from a file. */
    fileName?: string
    result: VerificationResult
    cards: (CredentialCardDto | null)[]
    knownIssuers: (string | null)[]
    /** Per card: where its issuer stands in the registry of trusted issuers. */
    issuers: IssuerStandingDto[]
    /** Per card: its own verdict (lib/verification/card-verdict). */
    verdicts: CardVerdict[]
  }

/**
 * Verifies a pasted or uploaded credential or presentation. Public, like POST /credentials/verify:
 * it reads no account and stores nothing. Inputs over 1 MB are refused before any parsing.
 */
export async function verifyAction(_: VerifyState, form: FormData): Promise<VerifyState> {
  const pasted = form.get('input')
  const input = typeof pasted === 'string' ? pasted : ''
  const options = VerifyOptionsSchema.safeParse({ challenge: text(form.get('challenge')), domain: text(form.get('domain')) })
  const echo = { input: input.length <= MAX_INPUT_BYTES ? input : '', challenge: text(form.get('challenge')) ?? '', domain: text(form.get('domain')) ?? '' }
  if (!options.success) return { status: 'error', error: 'optionsInvalid', ...echo }

  const file = form.get('file')
  const fromFile = file instanceof File && file.size > 0 ? file : undefined
  if (fromFile ? fromFile.size > MAX_INPUT_BYTES : Buffer.byteLength(input, 'utf8') > MAX_INPUT_BYTES) {
    return { status: 'error', error: 'tooLarge', ...echo }
  }
  let document = input
  if (fromFile) {
    try {
      document = await fromFile.text()
    } catch {
      return { status: 'error', error: 'fileUnreadable', ...echo }
    }
  }
  if (document.trim() === '') return { status: 'error', error: 'empty', ...echo }

  const rt = await getRuntime()
  const now = new Date()
  const limited = await checkLimit(rt, 'verify', await requestAddressKey(rt), now)
  if (limited) return { status: 'error', error: 'rateLimited', retryAfterMinutes: waitMinutes(limited.retryAfterSeconds), ...echo }
  let result: VerificationResult
  try {
    result = await verifyOnInstance(rt, { input: document, ...options.data, now })
  } catch (e) {
    // Every verification worker is taken and the queue is full (docs/decisions/018): say so plainly.
    if (e instanceof AppError && e.code === 'BUSY') return { status: 'error', error: 'busy', ...echo }
    throw e
  }
  const inputError = result.kind === 'unknown' ? INPUT_ERRORS[result.checks[0]?.code ?? ''] : undefined
  if (inputError) return { status: 'error', error: inputError, ...echo }
  return {
    status: 'done',
    ...echo,
    ...(fromFile ? { fileName: fromFile.name.slice(0, 200) } : {}),
    result,
    ...contentOf(document, result, now),
  }
}

function text(value: FormDataEntryValue | null): string | undefined {
  return typeof value === 'string' ? value : undefined
}
