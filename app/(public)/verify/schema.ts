import { z } from 'zod'

/** The optional fields of the verify form (the document itself is checked by the verifier). */
export const VerifyOptionsSchema = z.object({
  challenge: z.string().trim().max(500).optional().transform((v) => v || undefined),
  domain: z.string().trim().max(500).optional().transform((v) => v || undefined),
})

/** Input errors the page explains (message keys under `verify.errors`). */
export type VerifyInputError = 'busy' | 'tooComplex' | 'empty' | 'tooLarge' | 'tooDeep' | 'notReadable' | 'notCredential' | 'fileUnreadable' | 'optionsInvalid' | 'rateLimited'

/** The verifier's input codes → what the page says. */
export const INPUT_ERRORS: Record<string, VerifyInputError> = {
  INPUT_EMPTY: 'empty',
  INPUT_TOO_LARGE: 'tooLarge',
  INPUT_TOO_DEEP: 'tooDeep',
  INPUT_NOT_JSON: 'notReadable',
  JWT_MALFORMED: 'notReadable',
  NOT_A_CREDENTIAL: 'notCredential',
  VERIFY_TIMEOUT: 'tooComplex',
}
