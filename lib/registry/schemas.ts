import { z } from 'zod'

// The Digital Credentials Consortium's issuer-registry file (the "legacy" format its
// issuer-registry-client reads, e.g. https://digitalcredentials.github.io/sandbox-registry/registry.json):
//
//   { "meta": { "created": "…", "updated": "…" },
//     "registry": { "did:key:z6Mk…": { "name": "…", "location": "Cambridge, MA, USA", "url": "https://…" }, … } }
//
// `name` is required, `location` and `url` are optional; the file itself carries no registry
// name (the DCC client names registries in its own configuration), so the admin gives one.

/** The largest registry file accepted (the DCC sandbox registry is about 6 KB). */
export const MAX_REGISTRY_BYTES = 1024 * 1024
/** The most issuers one registry file may list. */
export const MAX_REGISTRY_ENTRIES = 10_000

/** DID syntax (DID Core §3.1): did:<method>:<method-specific id>, no fragment, query or path. */
export const DID_PATTERN = /^did:[a-z0-9]+:(?:[A-Za-z0-9._-]|%[0-9A-Fa-f]{2}|:)*(?:[A-Za-z0-9._-]|%[0-9A-Fa-f]{2})$/

const optionalText = (max: number) => z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
  z.string({ error: 'notText' }).trim().max(max, `tooLong:${max}`).optional(),
)

export const RegistryEntrySchema = z.object({
  name: z.string({ error: 'nameMissing' }).trim().min(1, 'nameMissing').max(200, 'tooLong:200'),
  url: optionalText(500).refine((u) => u === undefined || /^https?:\/\/\S+$/.test(u), 'invalidUrl'),
  location: optionalText(200),
})

export const RegistryFileSchema = z.object({
  meta: z.object({ created: z.string().optional(), updated: z.string().optional() }).loose().optional(),
  registry: z.record(z.string(), z.unknown(), { error: 'registryMissing' }),
})

/** The registry's name: given by the admin, or the file's name without its extension. */
export const RegistryNameSchema = z.string({ error: 'required' }).trim().min(1, 'required').max(100, 'tooLong:100')

export const LoadRegistryFormSchema = z.object({
  name: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), RegistryNameSchema.optional()),
})

export const RemoveRegistryFormSchema = z.object({ name: RegistryNameSchema })

export type RegistryEntry = z.output<typeof RegistryEntrySchema> & { did: string }
