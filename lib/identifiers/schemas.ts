import { z } from 'zod'
import { DID_PATTERN } from '@/lib/registry/schemas'

// Form input for linking another identifier, shared by the page, the form and the actions.

/** A presentation proving control of one DID is small: a few KB. Anything bigger is not one. */
export const LINK_MAX_BYTES = 64 * 1024
export const DID_MAX = 500

export const LinkDidSchema = z.string().trim().max(DID_MAX).regex(DID_PATTERN)

export const LinkFormSchema = z.object({
  challengeId: z.string().uuid(),
  input: z.string().max(LINK_MAX_BYTES * 4).default(''),
})

export const UnlinkFormSchema = z.object({ did: LinkDidSchema })
